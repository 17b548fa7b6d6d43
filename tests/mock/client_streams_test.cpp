// Streamed replies through the engine client: logs demultiplexed from frames split across
// chunks, streams cut short, progress streams with in-band errors, events.
#include <atomic>
#include <future>
#include <stop_token>
#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <stackctl/engine/client.hpp>
#include <stackctl/mock_engine/chunking.hpp>
#include <stackctl/mock_engine/frames.hpp>
#include <stackctl/mock_engine/json_lines.hpp>

#include "client_fixture.hpp"

namespace {

using namespace std::chrono_literals;
using nlohmann::json;
using stackctl::mock_engine::frame;
using stackctl::mock_engine::frame_header;
using stackctl::mock_engine::json_line;
using stackctl::mock_engine::json_lines;
using stackctl::mock_engine::split_at;
using stackctl::mock_engine::split_every;
using stackctl::mock_engine::stream_type;
using stackctl::mock_engine::testing::catch_engine_error;
using stackctl::mock_engine::testing::client_test;
using ::testing::HasSubstr;
namespace engine = stackctl::engine;

struct captured_logs {
  std::string out;
  std::string err;
  engine::log_sink sink() {
    return {[this](std::string_view s) { out += s; }, [this](std::string_view s) { err += s; }};
  }
};

engine::logs_options no_tty() {
  engine::logs_options options;
  options.tty = false;
  return options;
}

using LogStreams = client_test;

TEST_F(LogStreams, QueryCarriesTheOptions) {
  engine.expect("GET", v("/containers/abc/logs"))
      .with_query("stdout", "1")
      .with_query("stderr", "0")
      .with_query("follow", "1")
      .with_query("timestamps", "1")
      .with_query("tail", "100")
      .with_query("since", "1700000000")
      .times(1)
      .stream_chunks({frame(stream_type::std_out, "x\n")});
  auto options = no_tty();
  options.want_stderr = false;
  options.follow = true;
  options.timestamps = true;
  options.tail = "100";
  options.since = "1700000000";
  captured_logs logs;
  docker.containers().logs("abc", options, logs.sink());
  EXPECT_EQ(logs.out, "x\n");
}

TEST_F(LogStreams, FramesSplitAcrossChunksAreDemultiplexed) {
  const std::string body = frame(stream_type::std_out, "hello from stdout\n") +
                           frame(stream_type::std_err, "and stderr\n") + frame(stream_type::std_out, "bye\n");
  // Splits inside the first header, inside a payload, across the second header and payload.
  engine.expect("GET", v("/containers/abc/logs")).times(1).stream_chunks(split_at(body, {3, 8, 12, 27, 30, 45}));
  captured_logs logs;
  docker.containers().logs("abc", no_tty(), logs.sink());
  EXPECT_EQ(logs.out, "hello from stdout\nbye\n");
  EXPECT_EQ(logs.err, "and stderr\n");
}

TEST_F(LogStreams, OneByteChunksAreDemultiplexed) {
  const std::string body = frame(stream_type::std_err, "e1\n") + frame(stream_type::std_out, "o1\n");
  engine.expect("GET", v("/containers/abc/logs")).times(1).stream_chunks(split_every(body, 1));
  captured_logs logs;
  docker.containers().logs("abc", no_tty(), logs.sink());
  EXPECT_EQ(logs.out, "o1\n");
  EXPECT_EQ(logs.err, "e1\n");
}

TEST_F(LogStreams, TtyContainerIsInspectedAndPassedThroughRaw) {
  engine.expect("GET", v("/containers/abc/json"))
      .times(1)
      .reply_json(200, {{"Id", "abc"}, {"Config", {{"Tty", true}}}});
  engine.expect("GET", v("/containers/abc/logs")).times(1).stream_chunks({"raw ", "tty output\n"});
  captured_logs logs;
  docker.containers().logs("abc", engine::logs_options{}, logs.sink());
  EXPECT_EQ(logs.out, "raw tty output\n");
  EXPECT_EQ(logs.err, "");
}

TEST_F(LogStreams, StreamCutMidFrameIsAnError) {
  const std::string whole = frame(stream_type::std_out, "complete line\n");
  const std::string partial = frame(stream_type::std_out, "never finished\n").substr(0, 12);
  engine.expect("GET", v("/containers/abc/logs")).times(1).stream_then_cut({whole, partial});
  captured_logs logs;
  const auto error = catch_engine_error([&] { docker.containers().logs("abc", no_tty(), logs.sink()); });
  // libcurl sees the chunked body end without its last chunk: the connection was lost.
  EXPECT_EQ(error.kind(), engine::error_kind::connection) << error.what();
  EXPECT_THAT(error.what(), HasSubstr("/v1.41/containers/abc/logs"));
  EXPECT_EQ(logs.out.substr(0, 14), "complete line\n");
}

TEST_F(LogStreams, SystemErrorFrameBecomesAStreamError) {
  engine.expect("GET", v("/containers/abc/logs"))
      .times(1)
      .stream_chunks({frame(stream_type::std_out, "ok\n"), frame(stream_type::system_err, "log driver failed")});
  captured_logs logs;
  const auto error = catch_engine_error([&] { docker.containers().logs("abc", no_tty(), logs.sink()); });
  EXPECT_EQ(error.kind(), engine::error_kind::stream);
  EXPECT_THAT(error.what(), HasSubstr("error from daemon in stream: log driver failed"));
  EXPECT_EQ(logs.out, "ok\n");
}

TEST_F(LogStreams, FollowReturnsWhenStopIsRequested) {
  engine.expect("GET", v("/containers/abc/logs"))
      .with_query("follow", "1")
      .times(1)
      .stream_chunks({frame(stream_type::std_out, "first\n")})
      .hold_open();
  std::stop_source stop;
  std::promise<void> got_first;
  auto options = no_tty();
  options.follow = true;
  engine::log_sink sink{[&, once = false](std::string_view) mutable {
                          if (!once) got_first.set_value();
                          once = true;
                        },
                        {}};
  auto running =
      std::async(std::launch::async, [&] { docker.containers().logs("abc", options, sink, stop.get_token()); });
  ASSERT_EQ(got_first.get_future().wait_for(5s), std::future_status::ready);
  stop.request_stop();
  ASSERT_EQ(running.wait_for(5s), std::future_status::ready);
  EXPECT_NO_THROW(running.get());  // cancelling a follow is a normal return
}

TEST_F(LogStreams, WaitCancelledThroughTheStopTokenIsACancelledError) {
  // dockerd sends the headers of a wait at once and the body only when the condition is met.
  engine.expect("POST", v("/containers/abc/wait")).with_query("condition", "next-exit").times(1).hold_open();
  std::stop_source stop;
  auto running = std::async(std::launch::async, [&] {
    return catch_engine_error(
        [&] { docker.containers().wait("abc", engine::wait_condition::next_exit, stop.get_token()); });
  });
  ASSERT_TRUE(engine.wait_for(
      [](const auto& sent) { return !sent.empty() && sent.back().path == "/v1.41/containers/abc/wait"; }, 5s));
  stop.request_stop();
  ASSERT_EQ(running.wait_for(5s), std::future_status::ready);
  EXPECT_EQ(running.get().kind(), engine::error_kind::cancelled);
}

// ---- pull / import ----

using ProgressStreams = client_test;

TEST_F(ProgressStreams, PullSendsNameAndTagAndReportsProgress) {
  engine.expect("POST", v("/images/create"))
      .with_query("fromImage", "nginx")
      .with_query("tag", "1.25")
      .without_query("platform")
      .times(1)
      .stream_chunks(json_lines(stackctl::mock_engine::pull_progress("nginx", "1.25")));
  std::vector<engine::progress_message> seen;
  docker.images().pull("nginx:1.25", {}, [&](const engine::progress_message& m) { seen.push_back(m); });
  ASSERT_EQ(seen.size(), 7U);
  EXPECT_EQ(seen.front().status, "Pulling from nginx");
  ASSERT_TRUE(seen[2].detail.has_value());
  EXPECT_EQ(seen[2].detail->current, 1024);
  EXPECT_EQ(seen[2].detail->total, 4096);
  EXPECT_EQ(seen.back().status, "Status: Downloaded newer image for nginx:1.25");
}

TEST_F(ProgressStreams, PullWithoutTagAsksForLatestAndSendsPlatformAndAuth) {
  engine.expect("POST", v("/images/create"))
      .with_query("fromImage", "localhost:5000/team/app")
      .with_query("tag", "latest")
      .with_query("platform", "linux/arm64")
      .with_header("X-Registry-Auth", "e30")
      .times(1)
      .stream_chunks(json_lines(stackctl::mock_engine::pull_progress("localhost:5000/team/app", "latest")));
  engine::pull_options options;
  options.platform = "linux/arm64";
  options.registry_auth = "e30";
  docker.images().pull("localhost:5000/team/app", options);
}

TEST_F(ProgressStreams, ErrorInsideA200PullIsAStreamErrorNamingTheImage) {
  const auto objects =
      stackctl::mock_engine::pull_progress_then_error("nginx", "1.25", "unexpected EOF while downloading layer");
  // Split the stream mid-object too.
  std::string body;
  for (const auto& line : json_lines(objects)) body += line;
  engine.expect("POST", v("/images/create")).times(1).stream_chunks(split_every(body, 37));
  std::size_t progress_seen = 0;
  const auto error = catch_engine_error(
      [&] { docker.images().pull("nginx:1.25", {}, [&](const engine::progress_message&) { ++progress_seen; }); });
  EXPECT_EQ(error.kind(), engine::error_kind::stream);
  EXPECT_THAT(error.what(), HasSubstr("nginx:1.25"));
  EXPECT_THAT(error.what(), HasSubstr("unexpected EOF while downloading layer"));
  EXPECT_GE(progress_seen, 3U);  // the progress before the error was delivered
}

TEST_F(ProgressStreams, PullRefusedBeforeStreamingIsAnHttpError) {
  engine.expect("POST", v("/images/create"))
      .times(1)
      .reply_error(404, "pull access denied for nope, repository does not exist");
  const auto error = catch_engine_error([&] { docker.images().pull("nope"); });
  EXPECT_EQ(error.kind(), engine::error_kind::not_found);
  EXPECT_EQ(error.status(), 404);
  EXPECT_EQ(error.message(), "pull access denied for nope, repository does not exist");
}

TEST_F(ProgressStreams, ImportStreamsTheBodyAndReturnsTheImageId) {
  const std::string tar(100000, 't');
  engine.expect("POST", v("/images/create"))
      .with_query("fromSrc", "-")
      .with_query("repo", "stackctl/busybox")
      .with_query("tag", "test")
      .with_body(tar)
      .times(1)
      .stream_chunks(json_lines({{{"status", "sha256:feedbeef"}}}));
  std::size_t offset = 0;
  const engine::body_reader reader = [&](char* buffer, std::size_t size) {
    const std::size_t n = std::min(size, tar.size() - offset);
    std::copy_n(tar.data() + offset, n, buffer);
    offset += n;
    return n;
  };
  EXPECT_EQ(docker.images().import_tar(reader, "stackctl/busybox", "test"), "sha256:feedbeef");
}

TEST_F(ProgressStreams, PullCancelledThroughTheStopTokenIsACancelledError) {
  engine.expect("POST", v("/images/create"))
      .times(1)
      .stream_chunks(json_lines({{{"status", "Pulling from library/nginx"}, {"id", "1.25"}}}))
      .hold_open();
  std::stop_source stop;
  std::promise<void> got_progress;
  auto running = std::async(std::launch::async, [&] {
    return catch_engine_error([&] {
      docker.images().pull(
          "nginx:1.25", {},
          [&, once = false](const engine::progress_message&) mutable {
            if (!once) got_progress.set_value();
            once = true;
          },
          stop.get_token());
    });
  });
  ASSERT_EQ(got_progress.get_future().wait_for(5s), std::future_status::ready);
  stop.request_stop();
  ASSERT_EQ(running.wait_for(5s), std::future_status::ready);
  const auto error = running.get();
  EXPECT_EQ(error.kind(), engine::error_kind::cancelled);
  EXPECT_THAT(error.what(), HasSubstr("nginx:1.25"));
}

// ---- events ----

using EventStreams = client_test;

TEST_F(EventStreams, EventsWithUntilEndWhenTheDaemonEndsTheStream) {
  const json die = {{"Type", "container"},
                    {"Action", "die"},
                    {"Actor", {{"ID", "abc"}, {"Attributes", {{"exitCode", "1"}, {"name", "demo-web-1"}}}}},
                    {"scope", "local"},
                    {"time", 1700000001},
                    {"timeNano", 1700000001000000000}};
  const json start = {{"Type", "container"}, {"Action", "start"}, {"Actor", {{"ID", "abc"}}}, {"time", 1700000000}};
  std::string body = json_line(start, "\n") + json_line(die, "\n");
  engine.expect("GET", v("/events"))
      .with_query("since", "1700000000")
      .with_query("until", "1700000100")
      .with_query_json("filters", {{"type", {"container"}}, {"label", {"com.docker.compose.project=demo"}}})
      .times(1)
      .stream_chunks(split_every(body, 50));
  engine::events_options options;
  options.since = "1700000000";
  options.until = "1700000100";
  options.filters.add("type", "container");
  options.filters.add_label("com.docker.compose.project", "demo");
  std::vector<engine::event_message> events;
  docker.events().stream(options, [&](const engine::event_message& e) { events.push_back(e); });
  ASSERT_EQ(events.size(), 2U);
  EXPECT_EQ(events[0].action, "start");
  EXPECT_EQ(events[1].action, "die");
  EXPECT_EQ(events[1].actor.id, "abc");
  EXPECT_EQ(events[1].actor.attributes.at("exitCode"), "1");
  EXPECT_EQ(events[1].time_nano, 1700000001000000000);
}

TEST_F(EventStreams, StopEndsAnOpenStream) {
  engine.expect("GET", v("/events"))
      .times(1)
      .stream_chunks({json_line({{"Type", "network"}, {"Action", "create"}}, "\n")})
      .hold_open();
  std::stop_source stop;
  std::promise<void> got_one;
  auto running = std::async(std::launch::async, [&] {
    docker.events().stream(
        {}, [&](const engine::event_message&) { got_one.set_value(); }, stop.get_token());
  });
  ASSERT_EQ(got_one.get_future().wait_for(5s), std::future_status::ready);
  stop.request_stop();
  ASSERT_EQ(running.wait_for(5s), std::future_status::ready);
  EXPECT_NO_THROW(running.get());
}

}  // namespace
