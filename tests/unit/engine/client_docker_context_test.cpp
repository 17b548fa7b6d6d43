// Which engine: -H, DOCKER_HOST and docker contexts, chosen as the docker CLI chooses, from a
// context store written the way `docker context create` writes it.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <string>

#include "stackctl/engine/docker_context.hpp"
#include "stackctl/engine/error.hpp"

namespace stackctl::engine {
namespace {

namespace fs = std::filesystem;

class DockerContext : public ::testing::Test {
 protected:
  static constexpr const char* kNames[] = {"DOCKER_HOST", "DOCKER_CONTEXT", "DOCKER_CERT_PATH", "DOCKER_TLS_VERIFY"};

  void SetUp() override {
    for (const char* name : kNames) {
      const char* value = std::getenv(name);
      saved_[name] = value ? std::optional<std::string>(value) : std::nullopt;
      ::unsetenv(name);
    }
    dir_ = fs::temp_directory_path() / ("stackctl-ctx-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override {
    for (const auto& [name, value] : saved_)
      value ? ::setenv(name.c_str(), value->c_str(), 1) : ::unsetenv(name.c_str());
    fs::remove_all(dir_);
  }
  // As docker writes it: meta/<id>/meta.json (the id is a hash of the name; any id works here).
  void context(const std::string& id, const std::string& name, const std::string& host, bool skip_verify = false) {
    fs::create_directories(dir_ / "contexts/meta" / id);
    std::ofstream(dir_ / "contexts/meta" / id / "meta.json")
        << R"({"Name":")" << name << R"(","Metadata":{},"Endpoints":{"docker":{"Host":")" << host
        << R"(","SkipTLSVerify":)" << (skip_verify ? "true" : "false") << "}}}";
  }
  void current(const std::string& name) {
    std::ofstream(dir_ / "config.json") << R"({"auths":{},"currentContext":")" << name << R"("})";
  }

  fs::path dir_;
  std::map<std::string, std::optional<std::string>> saved_;
};

TEST_F(DockerContext, DefaultIsTheLocalSocketOrDockerHost) {
  auto r = resolve_endpoint({}, dir_);
  EXPECT_EQ(r.context, "default");
  EXPECT_EQ(r.options.host, "");
  ::setenv("DOCKER_HOST", "tcp://127.0.0.1:2375", 1);
  EXPECT_EQ(resolve_endpoint({}, dir_).options.host, "tcp://127.0.0.1:2375");
  EXPECT_EQ(resolve_endpoint({"unix:///x.sock", ""}, dir_).options.host, "unix:///x.sock");  // -H wins
}

TEST_F(DockerContext, ContextFlagThenDockerHostThenDockerContextThenCurrentContext) {
  context("aaa", "flag", "unix:///flag.sock");
  context("bbb", "envctx", "unix:///env.sock");
  context("ccc", "cur", "unix:///cur.sock");
  current("cur");
  EXPECT_EQ(resolve_endpoint({}, dir_).options.host, "unix:///cur.sock");
  ::setenv("DOCKER_CONTEXT", "envctx", 1);
  EXPECT_EQ(resolve_endpoint({}, dir_).options.host, "unix:///env.sock");
  ::setenv("DOCKER_HOST", "unix:///host.sock", 1);  // DOCKER_HOST beats DOCKER_CONTEXT
  auto r = resolve_endpoint({}, dir_);
  EXPECT_EQ(r.options.host, "unix:///host.sock");
  EXPECT_EQ(r.context, "default");
  r = resolve_endpoint({"", "flag"}, dir_);  // --context beats them all
  EXPECT_EQ(r.options.host, "unix:///flag.sock");
  EXPECT_EQ(r.context, "flag");
  EXPECT_EQ(resolve_endpoint({"", "default"}, dir_).options.host, "unix:///host.sock");
}

TEST_F(DockerContext, TlsMaterialComesFromTheStore) {
  context("tlsid", "remote", "tcp://10.0.0.5:2376", true);
  fs::create_directories(dir_ / "contexts/tls/tlsid/docker");
  for (const char* f : {"ca.pem", "cert.pem", "key.pem"}) std::ofstream(dir_ / "contexts/tls/tlsid/docker" / f) << "x";
  auto r = resolve_endpoint({"", "remote"}, dir_);
  ASSERT_TRUE(r.options.tls);
  EXPECT_EQ(r.options.tls->ca_file, (dir_ / "contexts/tls/tlsid/docker/ca.pem").string());
  EXPECT_EQ(r.options.tls->key_file, (dir_ / "contexts/tls/tlsid/docker/key.pem").string());
  EXPECT_FALSE(r.options.tls->verify);  // SkipTLSVerify
}

TEST_F(DockerContext, ErrorsAreOneLine) {
  try {
    resolve_endpoint({"", "nope"}, dir_);
    FAIL();
  } catch (const engine_error& e) {
    EXPECT_STREQ(e.what(), "context \"nope\" does not exist (docker context ls lists them)");
  }
  EXPECT_THROW(resolve_endpoint({"unix:///a.sock", "x"}, dir_), engine_error);  // -H with --context
}

}  // namespace
}  // namespace stackctl::engine
