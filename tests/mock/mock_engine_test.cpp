// The mock engine's own behaviour, observed with a bare libcurl client.
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <future>
#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <stackctl/mock_engine/chunking.hpp>
#include <stackctl/mock_engine/frames.hpp>
#include <stackctl/mock_engine/json_lines.hpp>
#include <stackctl/mock_engine/mock_engine.hpp>

#include "raw_http.hpp"

namespace {

using namespace std::chrono_literals;
using nlohmann::json;
using stackctl::mock_engine::mock_engine;
using stackctl::mock_engine::mock_options;
using stackctl::mock_engine::request_outcome;
using stackctl::mock_engine::stream_type;
using stackctl::mock_engine::testing::perform;
using stackctl::mock_engine::testing::raw_request;
using stackctl::mock_engine::testing::raw_response;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

// GCC 12 warns (-Wmissing-field-initializers) on designated initializers that skip members,
// so requests and options are built by small functions.
raw_request req(std::string method, std::string target) {
  raw_request r;
  r.method = std::move(method);
  r.target = std::move(target);
  return r;
}

mock_options at_version(std::string api_version) {
  mock_options options;
  options.api_version = std::move(api_version);
  return options;
}

raw_response get(const mock_engine& engine, const std::string& target) {
  return perform(engine.socket_path(), req("GET", target));
}

raw_response post_json(const mock_engine& engine, const std::string& target, const json& body) {
  auto r = req("POST", target);
  r.body = body.dump();
  r.headers = {"Content-Type: application/json"};
  return perform(engine.socket_path(), r);
}

// ---- built-in routes ----

TEST(MockEngineBuiltins, PingAnswersOkWithDaemonHeaders) {
  mock_engine engine;
  const auto r = get(engine, "/_ping");
  EXPECT_EQ(r.code, CURLE_OK);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "OK");
  EXPECT_EQ(r.header("api-version"), "1.41");
  EXPECT_EQ(r.header("ostype"), "linux");
  EXPECT_EQ(r.header("docker-experimental"), "false");
  EXPECT_EQ(r.header("server"), "Docker/20.10.24 (linux)");
  EXPECT_EQ(r.header("builder-version"), "");  // 20.10 sends none
  EXPECT_EQ(engine.requests().at(0).outcome, request_outcome::builtin);
  EXPECT_TRUE(engine.verify_ok()) << engine.report();
}

TEST(MockEngineBuiltins, HeadPingHasHeadersAndNoBody) {
  auto options = at_version("1.47");
  options.experimental = true;
  mock_engine engine(options);
  const auto r = perform(engine.socket_path(), req("HEAD", "/_ping"));
  EXPECT_EQ(r.code, CURLE_OK);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "");
  EXPECT_EQ(r.header("api-version"), "1.47");
  EXPECT_EQ(r.header("docker-experimental"), "true");
  EXPECT_EQ(r.header("builder-version"), "2");
  EXPECT_EQ(r.header("swarm"), "inactive");
  EXPECT_EQ(engine.requests().at(0).method, "HEAD");
}

TEST(MockEngineBuiltins, VersionReportsTheConfiguredApiVersion) {
  auto options = at_version("1.47");
  options.min_api_version = "1.24";
  mock_engine engine(options);
  const auto r = get(engine, "/v1.47/version");
  ASSERT_EQ(r.status, 200);
  const auto body = json::parse(r.body);
  EXPECT_EQ(body.at("ApiVersion"), "1.47");
  EXPECT_EQ(body.at("MinAPIVersion"), "1.24");
  EXPECT_EQ(body.at("Version"), "27.3.1");
  EXPECT_EQ(body.at("Os"), "linux");
  EXPECT_EQ(r.header("content-type"), "application/json");
}

TEST(MockEngineBuiltins, UnversionedVersionIsAnsweredToo) {
  mock_engine engine;
  const auto r = get(engine, "/version");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(json::parse(r.body).at("ApiVersion"), "1.41");
}

TEST(MockEngineBuiltins, TooNewVersionIsRefusedWithDockerdsMessage) {
  mock_engine engine;
  const auto r = get(engine, "/v1.44/containers/json");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(json::parse(r.body),
            json({{"message", "client version 1.44 is too new. Maximum supported API version is 1.41"}}));
  EXPECT_EQ(r.header("content-type"), "application/json");
  EXPECT_EQ(engine.requests().at(0).outcome, request_outcome::version_refused);
  EXPECT_TRUE(engine.verify_ok()) << engine.report();  // a refusal is daemon behaviour, not a miss
}

TEST(MockEngineBuiltins, TooOldVersionIsRefusedWithDockerdsPlainText) {
  mock_engine engine;
  const auto r = get(engine, "/v1.11/version");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.body,
            "client version 1.11 is too old. Minimum supported API version is 1.12, please "
            "upgrade your client to a newer version\n");
  EXPECT_EQ(r.header("content-type"), "text/plain; charset=utf-8");
}

TEST(MockEngineBuiltins, ExpectationsOverrideBuiltins) {
  mock_engine engine;
  engine.expect("GET", "/_ping").reply(500, "boom", "text/plain").reply_header("Api-Version", "1.40");
  engine.expect("GET", "/v1.44/version").reply_json(200, {{"ApiVersion", "1.44"}});
  const auto ping = get(engine, "/_ping");
  EXPECT_EQ(ping.status, 500);
  EXPECT_EQ(ping.body, "boom");
  // The expectation's header comes after the daemon's own, so it is the last one sent.
  const auto [first, last] = ping.headers.equal_range("api-version");
  ASSERT_NE(first, last);
  EXPECT_EQ(std::prev(last)->second, "1.40");
  EXPECT_EQ(get(engine, "/v1.44/version").status, 200);
  EXPECT_TRUE(engine.verify_ok()) << engine.report();
}

// ---- expectations ----

TEST(MockEngineExpectations, MatchesPathQueryAndJsonBodyAndRecordsTheRequest) {
  mock_engine engine;
  auto& create = engine.expect("POST", engine.api_path("/containers/create"))
                     .with_query("name", "web")
                     .with_json_body({{"Image", "nginx"}, {"Tty", false}})
                     .times(1)
                     .reply_json(201, {{"Id", "abc"}, {"Warnings", json::array()}});
  const auto r = post_json(engine, "/v1.41/containers/create?name=web", {{"Tty", false}, {"Image", "nginx"}});
  EXPECT_EQ(r.status, 201);
  EXPECT_EQ(json::parse(r.body).at("Id"), "abc");
  EXPECT_EQ(create.call_count(), 1U);
  EXPECT_TRUE(engine.verify_ok()) << engine.report();

  const auto recorded = engine.requests("POST", "/v1.41/containers/create");
  ASSERT_EQ(recorded.size(), 1U);
  EXPECT_EQ(recorded[0].raw_query, "name=web");
  EXPECT_EQ(recorded[0].raw_path, "/v1.41/containers/create");
  EXPECT_EQ(recorded[0].query_value("name"), "web");
  EXPECT_EQ(recorded[0].header("content-type"), "application/json");
  EXPECT_EQ(recorded[0].json().at("Image"), "nginx");
  EXPECT_EQ(recorded[0].outcome, request_outcome::expected);
}

TEST(MockEngineExpectations, QueryValuesAreDecodedAndJsonQueriesCompareAsJson) {
  mock_engine engine;
  engine.expect("GET", "/v1.41/containers/json")
      .with_query("all", "1")
      .with_query_json("filters", {{"label", {"com.docker.compose.project=demo"}}})
      .without_query("limit")
      .reply_json(200, json::array());
  const auto r = get(engine,
                     "/v1.41/containers/json?all=1&filters=%7B%22label%22%3A%5B%22com.docker."
                     "compose.project%3Ddemo%22%5D%7D");
  EXPECT_EQ(r.status, 200) << engine.report();
  EXPECT_EQ(engine.requests().at(0).query_value("filters"), R"({"label":["com.docker.compose.project=demo"]})");
  EXPECT_THAT(engine.requests().at(0).raw_query, HasSubstr("%7B%22label%22"));
}

TEST(MockEngineExpectations, JsonSubsetIgnoresExtraMembersButNotDifferentValues) {
  mock_engine engine;
  engine.expect("POST", "/v1.41/networks/create")
      .with_json_subset({{"Name", "demo_default"}, {"Labels", {{"a", "b"}}}})
      .any_times()
      .reply_json(201, {{"Id", "n1"}});
  EXPECT_EQ(post_json(engine, "/v1.41/networks/create",
                      {{"Name", "demo_default"}, {"CheckDuplicate", true}, {"Labels", {{"a", "b"}, {"c", "d"}}}})
                .status,
            201);
  const auto miss = post_json(engine, "/v1.41/networks/create", {{"Name", "other"}, {"Labels", {{"a", "b"}}}});
  EXPECT_EQ(miss.status, 500);
  const auto report = engine.report();
  EXPECT_THAT(report, HasSubstr("unexpected request: POST /v1.41/networks/create"));
  EXPECT_THAT(report, HasSubstr(R"(near miss #1 POST /v1.41/networks/create: json subset)"));
  EXPECT_THAT(report, HasSubstr(R"(at /Name: expected "demo_default", got "other")"));
}

TEST(MockEngineExpectations, UnmatchedRequestGets500AndFailsVerification) {
  mock_engine engine;
  const auto r = perform(engine.socket_path(), req("DELETE", "/v1.41/containers/x?force=1"));
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(json::parse(r.body),
            json({{"message", "mock engine: unexpected request DELETE /v1.41/containers/x?force=1"}}));
  EXPECT_FALSE(engine.verify_ok());
  EXPECT_THAT(engine.problems(), ElementsAre("unexpected request: DELETE /v1.41/containers/x?force=1"));
  EXPECT_THROW(engine.verify(), stackctl::mock_engine::verification_error);
  EXPECT_EQ(engine.requests().at(0).outcome, request_outcome::unexpected);
}

TEST(MockEngineExpectations, UnmetExpectationIsReported) {
  mock_engine engine;
  engine.expect("POST", "/v1.41/containers/abc/start").reply(204);
  EXPECT_FALSE(engine.verify_ok());
  EXPECT_THAT(engine.problems(), ElementsAre("unmet expectation #1 POST /v1.41/containers/abc/start: wanted at least "
                                             "1 call(s), got 0"));
  try {
    engine.verify();
    FAIL() << "verify() did not throw";
  } catch (const stackctl::mock_engine::verification_error& e) {
    EXPECT_THAT(e.what(), HasSubstr("unmet expectation #1"));
  }
}

TEST(MockEngineExpectations, TimesSequencesRepliesAndReportsOverCalls) {
  mock_engine engine;
  auto& first = engine.expect("POST", "/v1.41/containers/abc/start").times(1).reply(204);
  auto& second = engine.expect("POST", "/v1.41/containers/abc/start").times(1).reply(304);
  const auto start = req("POST", "/v1.41/containers/abc/start");
  EXPECT_EQ(perform(engine.socket_path(), start).status, 204);
  EXPECT_EQ(perform(engine.socket_path(), start).status, 304);
  EXPECT_TRUE(engine.verify_ok()) << engine.report();
  // Both used up: the first matching one answers again and is reported.
  EXPECT_EQ(perform(engine.socket_path(), start).status, 204);
  EXPECT_EQ(first.call_count(), 2U);
  EXPECT_EQ(second.call_count(), 1U);
  EXPECT_THAT(engine.problems(), ElementsAre(HasSubstr("over-called expectation #1 POST /v1.41/containers/abc/start: "
                                                       "wanted exactly 1 call(s), got 2")));
}

TEST(MockEngineExpectations, RegexPathAndHeaderConditions) {
  mock_engine engine;
  engine.expect_regex("GET", R"(/v1\.41/containers/[a-z0-9]+/json)")
      .with_header("x-registry-auth", "token")
      .reply_json(200, {{"Id", "abc"}});
  auto with_auth = req("GET", "/v1.41/containers/abc123/json");
  with_auth.headers = {"X-Registry-Auth: token"};
  const auto r = perform(engine.socket_path(), with_auth);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(get(engine, "/v1.41/containers/abc123/json").status, 500);  // header missing
  EXPECT_THAT(engine.report(), HasSubstr("header x-registry-auth: token: absent"));
}

TEST(MockEngineExpectations, WhenPredicateAndAnyTimes) {
  mock_engine engine;
  engine.expect("POST", "/v1.41/images/create")
      .when([](const auto& r) { return r.query_value("tag") == "1.25"; }, "tag is 1.25")
      .any_times()
      .reply(200);
  EXPECT_TRUE(engine.verify_ok()) << engine.report();  // any_times is never unmet
  EXPECT_EQ(perform(engine.socket_path(), req("POST", "/v1.41/images/create?tag=1.25")).status, 200);
  EXPECT_EQ(perform(engine.socket_path(), req("POST", "/v1.41/images/create?tag=1.24")).status, 500);
  EXPECT_THAT(engine.report(), HasSubstr("tag is 1.25: does not hold"));
}

TEST(MockEngineExpectations, QueryJsonThatIsNotJsonIsANearMiss) {
  mock_engine engine;
  engine.expect("GET", "/v1.41/volumes").with_query_json("filters", json::object()).reply(200);
  EXPECT_EQ(get(engine, "/v1.41/volumes?filters=label%3Dx").status, 500);
  EXPECT_THAT(engine.report(), HasSubstr(R"(query filters as JSON {}: "label=x" is not JSON)"));
  EXPECT_EQ(get(engine, "/v1.41/volumes?filters=%7B%7D").status, 200);
}

TEST(MockEngineExpectations, JsonBodyDifferenceIsExplainedWithAPatch) {
  mock_engine engine;
  engine.expect("POST", "/v1.41/volumes/create").with_json_body({{"Name", "a"}}).reply(201);
  EXPECT_EQ(post_json(engine, "/v1.41/volumes/create", {{"Name", "b"}}).status, 500);
  EXPECT_THAT(engine.report(), HasSubstr(R"("op":"replace","path":"/Name","value":"b")"));
}

TEST(MockEngineExpectations, ReplyErrorUsesDockerdsErrorBody) {
  mock_engine engine;
  engine.expect("GET", "/v1.41/containers/nope/json").reply_error(404, "No such container: nope");
  const auto r = get(engine, "/v1.41/containers/nope/json");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(json::parse(r.body), json({{"message", "No such container: nope"}}));
  EXPECT_EQ(r.header("content-type"), "application/json");
}

TEST(MockEngineExpectations, ResetForgetsExpectationsAndRequests) {
  mock_engine engine;
  engine.expect("GET", "/v1.41/info").reply_json(200, json::object());
  (void)get(engine, "/nope");
  engine.reset();
  EXPECT_TRUE(engine.requests().empty());
  EXPECT_TRUE(engine.verify_ok()) << engine.report();
}

// ---- faults ----

TEST(MockEngineFaults, DropConnectionCutsTheDeclaredBody) {
  mock_engine engine;
  engine.expect("GET", "/v1.41/containers/abc/json")
      .reply_json(200, {{"Id", "abc"}, {"Name", "/web"}})
      .drop_connection();
  const auto r = get(engine, "/v1.41/containers/abc/json");
  EXPECT_EQ(r.code, CURLE_PARTIAL_FILE) << curl_easy_strerror(r.code);
  EXPECT_EQ(r.status, 200);
  const std::string full = json({{"Id", "abc"}, {"Name", "/web"}}).dump();
  EXPECT_EQ(r.body, full.substr(0, full.size() / 2));
}

TEST(MockEngineFaults, DelayMakesAClientTimeoutFire) {
  mock_engine engine;
  engine.expect("GET", "/v1.41/info").delay(5s).reply_json(200, json::object());
  const auto started = std::chrono::steady_clock::now();
  auto info = req("GET", "/v1.41/info");
  info.timeout = 200ms;
  const auto r = perform(engine.socket_path(), info);
  EXPECT_EQ(r.code, CURLE_OPERATION_TIMEDOUT) << curl_easy_strerror(r.code);
  EXPECT_LT(std::chrono::steady_clock::now() - started, 4s);
}

TEST(MockEngineFaults, DelayedReplyStillArrivesWhenTheClientWaits) {
  mock_engine engine;
  engine.expect("GET", "/v1.41/info").delay(150ms).reply_json(200, {{"ID", "x"}});
  const auto started = std::chrono::steady_clock::now();
  const auto r = get(engine, "/v1.41/info");
  EXPECT_EQ(r.status, 200);
  EXPECT_GE(std::chrono::steady_clock::now() - started, 150ms);
}

TEST(MockEngineFaults, StoppingInterruptsADelay) {
  auto engine = std::make_unique<mock_engine>();
  engine->expect("GET", "/v1.41/info").delay(30s).reply(200);
  auto pending = std::async(std::launch::async,
                            [path = engine->socket_path()] { return perform(path, req("GET", "/v1.41/info")); });
  ASSERT_TRUE(engine->wait_for_requests(1, 5s));
  const auto started = std::chrono::steady_clock::now();
  engine.reset();  // destroys the engine
  EXPECT_LT(std::chrono::steady_clock::now() - started, 10s);
  EXPECT_NE(pending.get().status, 200);
}

TEST(MockEngineFaults, StreamChunksArriveAsSeparatePieces) {
  mock_engine engine;
  const std::string logs = stackctl::mock_engine::frame(stream_type::std_out, "hello\n") +
                           stackctl::mock_engine::frame(stream_type::std_err, "oops\n");
  const auto pieces = stackctl::mock_engine::split_at(logs, {3, 8, 15});
  engine.expect("GET", "/v1.41/containers/abc/logs").stream_chunks(pieces);
  const auto r = get(engine, "/v1.41/containers/abc/logs?stdout=1&stderr=1");
  EXPECT_EQ(r.code, CURLE_OK);
  EXPECT_EQ(r.body, logs);
  EXPECT_EQ(r.pieces, pieces);  // libcurl hands each HTTP chunk to the write callback by itself
}

TEST(MockEngineFaults, StreamGapSpacesThePieces) {
  mock_engine engine;
  engine.expect("GET", "/v1.41/events").stream_chunks({"a\n", "b\n", "c\n"}, 60ms);
  const auto started = std::chrono::steady_clock::now();
  const auto r = get(engine, "/v1.41/events");
  EXPECT_EQ(r.body, "a\nb\nc\n");
  EXPECT_GE(std::chrono::steady_clock::now() - started, 120ms);  // two gaps
}

TEST(MockEngineFaults, StreamThenCutEndsWithoutTheTerminatingChunk) {
  mock_engine engine;
  const std::string whole = stackctl::mock_engine::frame(stream_type::std_out, "complete\n");
  const std::string partial = stackctl::mock_engine::frame(stream_type::std_out, "cut here").substr(0, 11);
  engine.expect("GET", "/v1.41/containers/abc/logs").stream_then_cut({whole, partial});
  const auto r = get(engine, "/v1.41/containers/abc/logs?stdout=1");
  EXPECT_NE(r.code, CURLE_OK);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, whole + partial);
}

TEST(MockEngineFaults, HoldOpenKeepsTheStreamUntilReleased) {
  mock_engine engine;
  const auto event = stackctl::mock_engine::json_line({{"Type", "container"}, {"Action", "start"}}, "\n");
  engine.expect("GET", "/v1.41/events").stream_chunks({event}).hold_open();
  std::promise<void> first_piece;
  std::atomic<bool> finished{false};
  auto pending = std::async(std::launch::async, [&] {
    auto events = req("GET", "/v1.41/events");
    events.on_piece = [&, once = false](const std::string&) mutable {
      if (!once) first_piece.set_value();
      once = true;
    };
    auto r = perform(engine.socket_path(), events);
    finished = true;
    return r;
  });
  ASSERT_EQ(first_piece.get_future().wait_for(5s), std::future_status::ready);
  EXPECT_FALSE(finished);
  engine.close_streams();
  ASSERT_EQ(pending.wait_for(5s), std::future_status::ready);
  const auto r = pending.get();
  EXPECT_EQ(r.code, CURLE_OK);
  EXPECT_EQ(r.body, event);
}

TEST(MockEngineFaults, ConcurrentRequestsAreAllAnsweredAndRecorded) {
  mock_engine engine;
  auto& info = engine.expect("GET", "/v1.41/info").times(40).reply_json(200, {{"ID", "x"}});
  std::vector<std::future<int>> clients;
  for (int t = 0; t < 8; ++t) {
    clients.push_back(std::async(std::launch::async, [&engine] {
      int ok = 0;
      for (int i = 0; i < 5; ++i) {
        const auto r = get(engine, "/v1.41/info");
        EXPECT_EQ(r.code, CURLE_OK) << curl_easy_strerror(r.code);
        ok += r.status == 200 ? 1 : 0;
      }
      return ok;
    }));
  }
  int answered = 0;
  for (auto& c : clients) answered += c.get();
  EXPECT_EQ(answered, 40);
  EXPECT_EQ(info.call_count(), 40U);
  EXPECT_EQ(engine.requests().size(), 40U);
  EXPECT_TRUE(engine.verify_ok()) << engine.report();
}

// ---- lifecycle ----

TEST(MockEngineLifecycle, DockerHostAndSocketLifetime) {
  std::string path;
  {
    mock_engine engine;
    path = engine.socket_path();
    EXPECT_EQ(engine.docker_host(), "unix://" + path);
    EXPECT_TRUE(std::filesystem::exists(path));
    EXPECT_EQ(engine.api_path("/containers/json"), "/v1.41/containers/json");
  }
  EXPECT_FALSE(std::filesystem::exists(path));
}

TEST(MockEngineLifecycle, GivenSocketPathReplacesAStaleFile) {
  const auto dir = std::filesystem::temp_directory_path() / ("stackctl-mock-test-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto path = (dir / "d.sock").string();
  std::ofstream(path) << "stale";
  {
    mock_options options;
    options.socket_path = path;
    mock_engine engine(options);
    EXPECT_EQ(get(engine, "/_ping").body, "OK");
  }
  EXPECT_FALSE(std::filesystem::exists(path));
  std::filesystem::remove_all(dir);
}

TEST(MockEngineLifecycle, TooLongSocketPathIsRefused) {
  mock_options options;
  options.socket_path = "/tmp/" + std::string(120, 'x');
  EXPECT_THROW(mock_engine{options}, std::invalid_argument);
}

TEST(MockEngineLifecycle, WaitForRequestsTimesOutWhenNothingArrives) {
  mock_engine engine;
  EXPECT_FALSE(engine.wait_for_requests(1, 20ms));
}

// ---- body builders ----

TEST(MockEngineBuilders, FrameHasDockersEightByteHeader) {
  const auto f = stackctl::mock_engine::frame(stream_type::std_err, "abc");
  EXPECT_EQ(f, std::string("\x02\x00\x00\x00\x00\x00\x00\x03"
                           "abc",
                           11));
  const auto big = stackctl::mock_engine::frame_header(stream_type::system_err, 0x01020304);
  EXPECT_EQ(big, std::string("\x03\x00\x00\x00\x01\x02\x03\x04", 8));
}

TEST(MockEngineBuilders, SplitHelpers) {
  EXPECT_THAT(stackctl::mock_engine::split_every("abcdefg", 3), ElementsAre("abc", "def", "g"));
  EXPECT_THAT(stackctl::mock_engine::split_at("abcdef", {1, 4}), ElementsAre("a", "bcd", "ef"));
  EXPECT_THROW(stackctl::mock_engine::split_at("abc", {2, 1}), std::invalid_argument);
  EXPECT_THROW(stackctl::mock_engine::split_at("abc", {3}), std::invalid_argument);
  EXPECT_THROW(stackctl::mock_engine::split_every("abc", 0), std::invalid_argument);
}

TEST(MockEngineBuilders, JsonLinesAndInBandError) {
  EXPECT_EQ(stackctl::mock_engine::json_line({{"status", "x"}}), "{\"status\":\"x\"}\r\n");
  const auto objects = stackctl::mock_engine::pull_progress_then_error("library/nginx", "1.25", "manifest unknown");
  ASSERT_GE(objects.size(), 2U);
  EXPECT_EQ(objects.front().at("status"), "Pulling from library/nginx");
  EXPECT_EQ(objects.back(), json({{"errorDetail", {{"message", "manifest unknown"}}}, {"error", "manifest unknown"}}));
  const auto ok = stackctl::mock_engine::pull_progress("library/nginx", "1.25");
  EXPECT_EQ(ok.back().at("status"), "Status: Downloaded newer image for library/nginx:1.25");
  EXPECT_EQ(stackctl::mock_engine::json_lines(ok).size(), ok.size());
}

}  // namespace
