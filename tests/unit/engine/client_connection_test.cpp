// The client without a daemon: construction makes no request, a pinned version needs no ping,
// and an unreachable socket is a connection error that says what to check.
#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <string>

#include "stackctl/engine/client.hpp"
#include "stackctl/engine/error.hpp"

namespace stackctl::engine {
namespace {

std::string temp_path(const char* stem) { return "/tmp/stackctl-ec-" + std::to_string(::getpid()) + "-" + stem; }

client_options options_for(const std::string& host) {
  client_options options;
  options.host = host;
  options.connect_timeout = std::chrono::seconds(2);
  options.request_timeout = std::chrono::seconds(5);
  return options;
}

TEST(ClientConnection, PinnedVersionNeedsNoDaemon) {
  client_options options = options_for("unix://" + temp_path("missing.sock"));
  options.pinned_version = api_version{1, 41};
  client docker(options);
  EXPECT_EQ(docker.negotiated_version(), (api_version{1, 41}));
  EXPECT_EQ(docker.host().socket_path, temp_path("missing.sock"));
}

TEST(ClientConnection, MissingSocketSaysIsItRunning) {
  const std::string path = temp_path("missing.sock");
  client docker(options_for("unix://" + path));
  try {
    docker.system().version();
    FAIL() << "no error";
  } catch (const engine_error& e) {
    EXPECT_EQ(e.kind(), error_kind::connection);
    EXPECT_EQ(e.message(), "cannot connect to the Docker daemon at unix://" + path + " — is it running?");
  }
}

TEST(ClientConnection, FileThatIsNotASocketIsRefused) {
  const std::string path = temp_path("plain-file");
  std::ofstream(path) << "not a socket";
  client docker(options_for("unix://" + path));
  try {
    docker.system().ping();
    ADD_FAILURE() << "no error";
  } catch (const engine_error& e) {
    EXPECT_EQ(e.kind(), error_kind::connection);
    EXPECT_NE(e.message().find("is it running?"), std::string::npos) << e.message();
  }
  std::remove(path.c_str());
}

TEST(ClientConnection, BadHostFailsAtConstruction) { EXPECT_THROW(client(options_for("ssh://me@host")), engine_error); }

TEST(ClientConnection, PinnedBelowMinimumIsRefused) {
  client_options options = options_for("unix://" + temp_path("missing.sock"));
  options.pinned_version = api_version{1, 30};
  client docker(options);
  try {
    docker.containers().start("x");
    FAIL() << "no error";
  } catch (const engine_error& e) {
    EXPECT_EQ(e.kind(), error_kind::version);
  }
}

}  // namespace
}  // namespace stackctl::engine
