// Error replies, faults and API version negotiation through the engine client.
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <stackctl/engine/client.hpp>

#include "client_fixture.hpp"

namespace {

using namespace std::chrono_literals;
using nlohmann::json;
using stackctl::mock_engine::mock_engine;
using stackctl::mock_engine::testing::catch_engine_error;
using stackctl::mock_engine::testing::client_for;
using stackctl::mock_engine::testing::client_test;
using stackctl::mock_engine::testing::engine_at;
using ::testing::HasSubstr;
namespace engine = stackctl::engine;

// ---- status codes → error kinds ----

struct status_case {
  int status;
  engine::error_kind kind;
};

class ErrorKinds : public client_test, public ::testing::WithParamInterface<status_case> {};

TEST_P(ErrorKinds, StatusBecomesTheMatchingKindWithStatusMessageMethodAndPath) {
  const auto [status, kind] = GetParam();
  const std::string message = "daemon says " + std::to_string(status);
  engine.expect("GET", v("/containers/web/json")).times(1).reply_error(status, message);
  const auto error = catch_engine_error([&] { docker.containers().inspect("web"); });
  EXPECT_EQ(error.kind(), kind) << engine::to_string(error.kind());
  EXPECT_EQ(error.status(), status);
  EXPECT_EQ(error.message(), message);
  EXPECT_EQ(error.method(), "GET");
  EXPECT_EQ(error.path(), "/v1.41/containers/web/json");
}

INSTANTIATE_TEST_SUITE_P(
    Statuses, ErrorKinds,
    ::testing::Values(status_case{400, engine::error_kind::invalid}, status_case{401, engine::error_kind::unauthorized},
                      status_case{403, engine::error_kind::forbidden}, status_case{404, engine::error_kind::not_found},
                      status_case{409, engine::error_kind::conflict}, status_case{500, engine::error_kind::server},
                      status_case{503, engine::error_kind::unavailable}),
    [](const auto& test_info) { return std::to_string(test_info.param.status); });

using ErrorReplies = client_test;

TEST_F(ErrorReplies, ConflictOnRemoveCarriesDockerdsText) {
  const std::string text =
      "You cannot remove a running container abc. Stop the container before attempting removal or force remove";
  engine.expect("DELETE", v("/containers/abc")).times(1).reply_error(409, text);
  const auto error = catch_engine_error([&] { docker.containers().remove("abc"); });
  EXPECT_EQ(error.kind(), engine::error_kind::conflict);
  EXPECT_EQ(error.message(), text);
  EXPECT_EQ(error.method(), "DELETE");
  EXPECT_EQ(error.path(), "/v1.41/containers/abc");
}

TEST_F(ErrorReplies, NotModifiedFromKillIsNotSuccess) {
  engine.expect("POST", v("/containers/abc/kill")).times(1).reply(304);
  const auto error = catch_engine_error([&] { docker.containers().kill("abc", "SIGKILL"); });
  EXPECT_EQ(error.kind(), engine::error_kind::not_modified);
}

TEST_F(ErrorReplies, PlainTextErrorBodyIsKept) {
  engine.expect("GET", v("/volumes/x")).times(1).reply(500, "something broke\n", "text/plain");
  const auto error = catch_engine_error([&] { docker.volumes().inspect("x"); });
  EXPECT_EQ(error.kind(), engine::error_kind::server);
  EXPECT_THAT(error.message(), HasSubstr("something broke"));
}

// ---- faults ----

using Faults = client_test;

TEST_F(Faults, DroppedConnectionIsAConnectionError) {
  engine.expect("GET", v("/containers/abc/json"))
      .times(1)
      .reply_json(200, {{"Id", "abc"}, {"Name", "/web"}, {"State", {{"Status", "running"}}}})
      .drop_connection();
  const auto error = catch_engine_error([&] { docker.containers().inspect("abc"); });
  EXPECT_EQ(error.kind(), engine::error_kind::connection) << error.what();
}

TEST(FaultsWithTimeout, SlowReplyBeyondTheRequestTimeoutIsAConnectionError) {
  mock_engine engine{engine_at("1.41")};
  engine.expect("GET", engine.api_path("/containers/abc/json")).times(1).delay(5s).reply_json(200, {{"Id", "abc"}});
  engine::client docker(client_for(engine, 300ms));
  const auto started = std::chrono::steady_clock::now();
  const auto error = catch_engine_error([&] { docker.containers().inspect("abc"); });
  EXPECT_EQ(error.kind(), engine::error_kind::connection) << error.what();
  EXPECT_LT(std::chrono::steady_clock::now() - started, 4s);
  EXPECT_TRUE(engine.verify_ok()) << engine.report();
}

TEST(FaultsWithTimeout, MissingSocketIsAConnectionErrorNamingTheHost) {
  std::string host;
  {
    mock_engine gone;
    host = gone.docker_host();
  }
  engine::client_options options;
  options.host = host;
  engine::client docker(options);
  const auto error = catch_engine_error([&] { docker.containers().inspect("abc"); });
  EXPECT_EQ(error.kind(), engine::error_kind::connection);
  EXPECT_THAT(error.what(), HasSubstr(host));
}

// A kept-alive connection whose daemon went away (restarted, or it closed the idle connection) is
// noticed before it is used: the next call connects afresh instead of failing.
TEST(KeepAlive, ADaemonRestartedOnTheSameSocketIsReachedOnANewConnection) {
  std::string dir = (std::filesystem::temp_directory_path() / "stackctl-ka-XXXXXX").string();
  ASSERT_NE(::mkdtemp(dir.data()), nullptr);
  stackctl::mock_engine::mock_options options = engine_at("1.41");
  options.tcp = false;  // the restarted daemon must be found at the same address
  options.socket_path = dir + "/docker.sock";
  {
    auto first = std::make_unique<mock_engine>(options);
    auto docker = std::make_unique<engine::client>(client_for(*first));
    first->expect("GET", first->api_path("/containers/abc/json")).times(1).reply_json(200, {{"Id", "abc"}});
    EXPECT_EQ(docker->containers().inspect("abc").id, "abc");
    first.reset();  // closes every connection (after cpp-httplib's 2 s keep-alive wait for the open one)

    mock_engine second(options);
    second.expect("GET", second.api_path("/containers/abc/json")).times(1).reply_json(200, {{"Id", "abc"}});
    EXPECT_EQ(docker->containers().inspect("abc").id, "abc");
    EXPECT_TRUE(second.verify_ok()) << second.report();
    docker.reset();  // before the engine, so it does not wait on the client's connection
  }
  std::filesystem::remove_all(dir);
}

// ---- negotiation ----

engine::container_create_request two_networks() {
  engine::container_create_request request;
  request.config.image = "nginx:1.25";
  request.networking.endpoints["front"].aliases = {"web"};
  request.networking.endpoints["back"].aliases = {"web"};
  return request;
}

TEST(Negotiation, DaemonAt141IsSpokenToAt141AfterOnePing) {
  mock_engine engine{engine_at("1.41")};
  engine.expect("GET", "/v1.41/containers/abc/json").times(2).reply_json(200, {{"Id", "abc"}});
  engine::client docker(client_for(engine));
  docker.containers().inspect("abc");
  docker.containers().inspect("abc");
  EXPECT_EQ(docker.negotiated_version(), (engine::api_version{1, 41}));
  const auto sent = engine.requests();
  ASSERT_EQ(sent.size(), 3U) << engine.report();
  EXPECT_EQ(sent[0].path, "/_ping");  // unversioned, once
  EXPECT_TRUE(engine.verify_ok()) << engine.report();
}

TEST(Negotiation, MultiNetworkCreateAt141FailsBeforeAnythingIsSent) {
  mock_engine engine{engine_at("1.41")};  // one EndpointsConfig entry only
  engine::client docker(client_for(engine));
  const auto error = catch_engine_error([&] { docker.containers().create(two_networks(), "web"); });
  EXPECT_EQ(error.kind(), engine::error_kind::version);
  EXPECT_THAT(error.what(), HasSubstr("1.44"));
  EXPECT_TRUE(engine.requests("POST", "/v1.41/containers/create").empty());
  for (const auto& r : engine.requests()) EXPECT_EQ(r.path, "/_ping") << r.describe();
  EXPECT_TRUE(engine.verify_ok()) << engine.report();
}

TEST(Negotiation, DaemonAt147GetsTheMultiNetworkCreate) {
  mock_engine engine(engine_at("1.47"));
  engine.expect("POST", "/v1.47/containers/create")
      .with_query("name", "web")
      .with_json_body({{"Image", "nginx:1.25"},
                       {"NetworkingConfig",
                        {{"EndpointsConfig", {{"front", {{"Aliases", {"web"}}}}, {"back", {{"Aliases", {"web"}}}}}}}}})
      .times(1)
      .reply_json(201, {{"Id", "abc"}, {"Warnings", json::array()}});
  engine::client docker(client_for(engine));
  EXPECT_EQ(docker.containers().create(two_networks(), "web").id, "abc");
  EXPECT_EQ(docker.negotiated_version(), (engine::api_version{1, 47}));
  EXPECT_TRUE(engine.verify_ok()) << engine.report();
}

TEST(Negotiation, NewerDaemonIsSpokenToAtTheClientsMaximum) {
  mock_engine engine(engine_at("1.49"));
  engine.expect("GET", "/v1.47/containers/abc/json").times(1).reply_json(200, {{"Id", "abc"}});
  engine::client docker(client_for(engine));
  docker.containers().inspect("abc");
  EXPECT_TRUE(engine.verify_ok()) << engine.report();
}

TEST(Negotiation, DaemonBelowTheClientsMinimumIsRefused) {
  mock_engine engine(engine_at("1.39"));
  engine::client docker(client_for(engine));
  const auto error = catch_engine_error([&] { docker.containers().inspect("abc"); });
  EXPECT_EQ(error.kind(), engine::error_kind::version);
  EXPECT_THAT(error.what(), HasSubstr("1.39"));
  for (const auto& r : engine.requests()) EXPECT_EQ(r.path, "/_ping") << r.describe();
}

TEST(Negotiation, PinnedVersionIsUsedWithoutAPing) {
  mock_engine engine(engine_at("1.47"));
  engine.expect("GET", "/v1.43/containers/abc/json").times(1).reply_json(200, {{"Id", "abc"}});
  engine::client docker(client_for(engine, 10s, engine::api_version{1, 43}));
  docker.containers().inspect("abc");
  const auto sent = engine.requests();
  ASSERT_EQ(sent.size(), 1U) << engine.report();
  EXPECT_EQ(sent[0].path, "/v1.43/containers/abc/json");
  EXPECT_TRUE(engine.verify_ok()) << engine.report();
}

TEST(Negotiation, PinnedVersionTooNewGetsTheDaemonsRefusal) {
  mock_engine engine{engine_at("1.41")};
  engine::client docker(client_for(engine, 10s, engine::api_version{1, 44}));
  const auto error = catch_engine_error([&] { docker.containers().inspect("abc"); });
  EXPECT_EQ(error.kind(), engine::error_kind::invalid);
  EXPECT_EQ(error.status(), 400);
  EXPECT_EQ(error.message(), "client version 1.44 is too new. Maximum supported API version is 1.41");
  EXPECT_TRUE(engine.verify_ok()) << engine.report();
}

// Sets environment variables for one test and restores them afterwards.
class scoped_env {
 public:
  scoped_env(const char* name, const char* value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    if (value != nullptr) {
      ::setenv(name, value, 1);
    } else {
      ::unsetenv(name);
    }
  }
  ~scoped_env() {
    if (old_) {
      ::setenv(name_, old_->c_str(), 1);
    } else {
      ::unsetenv(name_);
    }
  }
  scoped_env(const scoped_env&) = delete;
  scoped_env& operator=(const scoped_env&) = delete;

 private:
  const char* name_;
  std::optional<std::string> old_;
};

TEST(Negotiation, DockerHostFromTheEnvironmentIsNegotiated) {
  mock_engine engine{engine_at("1.41")};
  engine.expect("GET", "/v1.41/containers/abc/json").times(1).reply_json(200, {{"Id", "abc"}});
  const scoped_env host("DOCKER_HOST", engine.docker_host().c_str());
  const scoped_env version("DOCKER_API_VERSION", nullptr);
  engine::client docker(engine::client_options::from_env());
  docker.containers().inspect("abc");
  EXPECT_EQ(engine.requests().at(0).path, "/_ping");
  EXPECT_TRUE(engine.verify_ok()) << engine.report();
}

TEST(Negotiation, DockerApiVersionFromTheEnvironmentIsUsedWithoutAPing) {
  mock_engine engine{engine_at("1.41")};
  engine.expect("GET", "/v1.40/containers/abc/json").times(1).reply_json(200, {{"Id", "abc"}});
  const scoped_env host("DOCKER_HOST", engine.docker_host().c_str());
  const scoped_env version("DOCKER_API_VERSION", "1.40");
  engine::client docker(engine::client_options::from_env());
  docker.containers().inspect("abc");
  const auto sent = engine.requests();
  ASSERT_EQ(sent.size(), 1U) << engine.report();
  EXPECT_EQ(sent[0].path, "/v1.40/containers/abc/json");
  EXPECT_TRUE(engine.verify_ok()) << engine.report();
}

}  // namespace
