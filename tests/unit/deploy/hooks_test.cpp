// Lifecycle hooks against the gmock fakes: post_start exec'd right after each container's start
// (before it counts as Started), pre_stop right before each stop (up's recreate, down, stop,
// restart), what the exec is created with, and how a failing hook is reported and what it stops.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <mutex>

#include "deploy_test_support.hpp"
#include "stackctl/deploy/apply.hpp"
#include "stackctl/deploy/deploy_error.hpp"
#include "stackctl/deploy/down.hpp"
#include "stackctl/deploy/lifecycle.hpp"
#include "stackctl/deploy/plan.hpp"

namespace stackctl::deploy {
namespace {

using ::testing::_;
using testing::fake_engine;
using testing::frame;
using ::testing::Invoke;
using testing::load_project;
using testing::observed_container;
using ::testing::Return;
using testing::temp_dir;

// The engine calls of one run, in the order they were made (from any thread).
struct call_log {
  std::mutex m;
  std::vector<std::string> calls;
  void add(std::string call) {
    std::lock_guard lock(m);
    calls.push_back(std::move(call));
  }
  // Position of `call`, or -1 when it was not made.
  long at(const std::string& call) {
    std::lock_guard lock(m);
    auto it = std::find(calls.begin(), calls.end(), call);
    return it == calls.end() ? -1 : it - calls.begin();
  }
  bool made(const std::string& call) { return at(call) >= 0; }
};

// What a hook prints and exits with, keyed by its command's last word.
struct scripted_hook {
  std::string output;  // multiplexed frames
  int exit_code = 0;
};

// Scripts the fakes: container create/start/stop/restart/remove are logged ("start id-…"), each
// exec is logged as "exec <container> <last word>" and answers as `hooks` says.
class scripted_engine {
 public:
  explicit scripted_engine(std::map<std::string, scripted_hook> hooks) : hooks_(std::move(hooks)) {
    ON_CALL(f.containers, create(_, _))
        .WillByDefault(Invoke([this](const engine::container_create_request&, std::string_view name) {
          log.add("create " + std::string(name));
          return engine::container_create_response{"id-" + std::string(name), {}};
        }));
    ON_CALL(f.containers, start(_)).WillByDefault(Invoke([this](std::string_view id) {
      log.add("start " + std::string(id));
    }));
    ON_CALL(f.containers, stop(_, _)).WillByDefault(Invoke([this](std::string_view id, std::optional<int>) {
      log.add("stop " + std::string(id));
    }));
    ON_CALL(f.containers, restart(_, _)).WillByDefault(Invoke([this](std::string_view id, std::optional<int>) {
      log.add("restart " + std::string(id));
    }));
    ON_CALL(f.containers, remove(_, _))
        .WillByDefault(Invoke([this](std::string_view id, const engine::container_remove_options&) {
          log.add("remove " + std::string(id));
        }));
    ON_CALL(f.execs, create(_, _))
        .WillByDefault(Invoke([this](std::string_view container, const engine::exec_create_options& o) {
          std::lock_guard lock(m_);
          const std::string id = "exec-" + std::to_string(commands_.size());
          commands_[id] = o.cmd.empty() ? "" : o.cmd.back();
          created.push_back(o);
          log.add("exec " + std::string(container) + " " + commands_[id]);
          return id;
        }));
    ON_CALL(f.execs, start_attached(_, _)).WillByDefault(Invoke([this](std::string_view id, bool) {
      return std::unique_ptr<engine::hijacked_stream>(
          std::make_unique<testing::scripted_stream>(hook_of(std::string(id)).output));
    }));
    ON_CALL(f.execs, inspect(_)).WillByDefault(Invoke([this](std::string_view id) {
      engine::exec_inspect_result r;
      r.id = std::string(id);
      r.exit_code = hook_of(r.id).exit_code;
      return r;
    }));
  }

  progress_sink sink() {
    return [this](const progress_event& e) {
      std::lock_guard lock(m_);
      texts[e.resource].push_back(e.text);
    };
  }

  fake_engine f;
  call_log log;
  std::vector<engine::exec_create_options> created;
  std::map<std::string, std::vector<std::string>> texts;  // progress texts per resource

 private:
  scripted_hook hook_of(const std::string& exec_id) {
    std::lock_guard lock(m_);
    return hooks_[commands_.at(exec_id)];
  }

  std::mutex m_;
  std::map<std::string, scripted_hook> hooks_;
  std::map<std::string, std::string> commands_;  // exec id → last word
};

plan_options api_141() {
  plan_options o;
  o.api_version = {1, 41};
  return o;
}

TEST(Hooks, PostStartRunsInEachContainerRightAfterItsStartAndBeforeStarted) {
  temp_dir d;
  auto p = load_project(d, R"(services:
  web:
    image: busybox
    scale: 2
    post_start:
      - command: [sh, -c, warm]
        user: root
        privileged: true
        working_dir: /srv
        environment: {MODE: warm, DROPPED: null}
)");
  scripted_engine e({{"warm", {frame(1, "warming up\n") + frame(2, "half a line") + frame(2, ", whole\n"), 0}}});
  const std::map<std::string, std::string> images{{"web", "sha256:img"}};
  apply_options one_at_a_time;  // so nothing of the other container comes between a start and its hook
  one_at_a_time.parallel = 1;
  apply(make_plan(p, {}, images, api_141()), p, e.f.ref(), images, one_at_a_time, e.sink());

  for (const std::string name : {"demo-web-1", "demo-web-2"}) {
    const auto started = e.log.at("start id-" + name);
    ASSERT_GE(started, 0) << name;
    EXPECT_EQ(e.log.at("exec id-" + name + " warm"), started + 1) << name;  // no other call in between
    EXPECT_EQ(e.texts["Container " + name],
              (std::vector<std::string>{"Creating", "Created", "Starting", "post_start: warming up",
                                        "post_start: half a line, whole", "Started"}));
  }
  ASSERT_EQ(e.created.size(), 2u);
  const auto& o = e.created[0];
  EXPECT_EQ(o.cmd, (std::vector<std::string>{"sh", "-c", "warm"}));
  EXPECT_EQ(o.user, "root");
  EXPECT_TRUE(o.privileged);
  EXPECT_EQ(o.working_dir, "/srv");
  EXPECT_EQ(o.env, (std::vector<std::string>{"DROPPED", "MODE=warm"}));  // a bare name unsets it
  EXPECT_TRUE(o.attach_stdout);
  EXPECT_TRUE(o.attach_stderr);
  EXPECT_FALSE(o.attach_stdin);
  EXPECT_FALSE(o.tty);
}

TEST(Hooks, FailingPostStartFailsTheApplyNamingServiceContainerAndItsStderr) {
  temp_dir d;
  auto p = load_project(d, R"(services:
  web:
    image: busybox
    post_start:
      - command: [sh, -c, migrate]
      - command: [sh, -c, never]
  after:
    image: busybox
    depends_on: [web]
)");
  scripted_engine e({{"migrate", {frame(1, "step 1 of 2\n") + frame(2, "boom: no database\n"), 3}}});
  const std::map<std::string, std::string> images{{"web", "sha256:img"}, {"after", "sha256:img"}};
  try {
    apply(make_plan(p, {}, images, api_141()), p, e.f.ref(), images, {}, e.sink());
    FAIL() << "no error";
  } catch (const deploy_error& err) {
    EXPECT_EQ(err.kind(), deploy_error_kind::hook_failed);
    // compose: "web hook exited with status 3: boom: no database" (stderr preferred over stdout)
    EXPECT_STREQ(err.what(), "web post_start hook exited with status 3 (container demo-web-1): boom: no database");
  }
  EXPECT_FALSE(e.log.made("exec id-demo-web-1 never"));  // the hooks after a failing one do not run
  EXPECT_FALSE(e.log.made("start id-demo-after-1"));     // nor does what waits on the service
  EXPECT_FALSE(e.log.made("stop id-demo-web-1"));        // compose leaves the container running
  const auto& web = e.texts["Container demo-web-1"];
  EXPECT_EQ(std::count(web.begin(), web.end(), "Started"), 0);
  EXPECT_EQ(std::count(web.begin(), web.end(), "post_start: boom: no database"), 1);  // the output was reported
}

TEST(Hooks, RecreateRunsPreStopInTheOldContainerBeforeItsStopAndPostStartInTheNewOne) {
  temp_dir d;
  auto p = load_project(d, R"(services:
  web:
    image: busybox
    pre_stop: [{command: [sh, -c, drain]}]
    post_start: [{command: [sh, -c, warm]}]
)");
  scripted_engine e({});
  const std::map<std::string, std::string> images{{"web", "sha256:img"}};
  observed_state observed;
  observed.containers = {observed_container(p, "web", 1, "sha256:img")};
  auto o = api_141();
  o.recreate = recreate_policy::force;
  const auto pl = make_plan(p, observed, images, o);
  auto create = std::find_if(pl.actions.begin(), pl.actions.end(),
                             [](const action& a) { return a.op == operation::create_container; });
  ASSERT_NE(create, pl.actions.end());
  const std::string temporary = create->resource;
  apply(pl, p, e.f.ref(), images, {}, e.sink());
  const auto drained = e.log.at("exec id-web-1 drain");
  ASSERT_GE(drained, 0);
  EXPECT_EQ(e.log.at("stop id-web-1"), drained + 1);
  EXPECT_LT(e.log.at("create " + temporary), drained);  // compose's order: the new one exists first
  const auto new_id = "id-" + temporary;
  EXPECT_EQ(e.log.at("exec " + new_id + " warm"), e.log.at("start " + new_id) + 1);
}

TEST(Hooks, DownRunsPreStopBeforeEachStopAndAFailingOneLeavesItsContainerRunning) {
  temp_dir d;
  auto p = load_project(d, R"(services:
  web:
    image: busybox
    depends_on: [db]
    pre_stop: [{command: [sh, -c, drain]}]
  db:
    image: busybox
    pre_stop: [{command: [sh, -c, flush]}]
)");
  const std::vector<engine::container_summary> running{observed_container(p, "db", 1, "i"),
                                                       observed_container(p, "web", 1, "i")};
  {
    scripted_engine e({{"drain", {frame(1, "drained\n"), 0}}});
    ON_CALL(e.f.containers, list(_)).WillByDefault(Return(running));
    down(p, e.f.ref(), {}, e.sink());
    EXPECT_EQ(e.log.calls, (std::vector<std::string>{"exec id-web-1 drain", "stop id-web-1", "remove id-web-1",
                                                     "exec id-db-1 flush", "stop id-db-1", "remove id-db-1"}));
    EXPECT_EQ(e.texts["Container demo-web-1"],
              (std::vector<std::string>{"Stopping", "pre_stop: drained", "Stopped", "Removing", "Removed"}));
  }
  {
    scripted_engine e({{"drain", {frame(1, "3 connections left\n"), 1}}});
    ON_CALL(e.f.containers, list(_)).WillByDefault(Return(running));
    try {
      down(p, e.f.ref(), {}, e.sink());
      FAIL() << "no error";
    } catch (const deploy_error& err) {
      EXPECT_EQ(err.kind(), deploy_error_kind::hook_failed);
      // No stderr: the error carries stdout's last lines.
      EXPECT_STREQ(err.what(), "web pre_stop hook exited with status 1 (container demo-web-1): 3 connections left");
    }
    EXPECT_EQ(e.log.calls, (std::vector<std::string>{"exec id-web-1 drain"}));  // nothing stopped or removed
  }
  {
    scripted_engine e({});  // from labels alone there is no hook to run
    ON_CALL(e.f.containers, list(_)).WillByDefault(Return(running));
    EXPECT_CALL(e.f.execs, create(_, _)).Times(0);
    down(std::string("demo"), e.f.ref());
  }
}

TEST(Hooks, StopRestartAndStartRunTheProjectsHooksAroundEachContainer) {
  temp_dir d;
  auto p = load_project(d, R"(services:
  web:
    image: busybox
    post_start: [{command: [sh, -c, warm]}]
    pre_stop: [{command: [sh, -c, drain]}]
)");
  std::vector<engine::container_summary> running{observed_container(p, "web", 1, "i")};
  lifecycle_options o;
  o.project = &p;
  {
    scripted_engine e({});
    ON_CALL(e.f.containers, list(_)).WillByDefault(Return(running));
    stop("demo", e.f.ref(), o);
    EXPECT_EQ(e.log.calls, (std::vector<std::string>{"exec id-web-1 drain", "stop id-web-1"}));
  }
  {
    scripted_engine e({});
    ON_CALL(e.f.containers, list(_)).WillByDefault(Return(running));
    restart("demo", e.f.ref(), o);
    EXPECT_EQ(e.log.calls, (std::vector<std::string>{"exec id-web-1 drain", "restart id-web-1", "exec id-web-1 warm"}));
  }
  running[0].state = "exited";
  {
    scripted_engine e({});
    ON_CALL(e.f.containers, list(_)).WillByDefault(Return(running));
    start("demo", e.f.ref(), o);
    EXPECT_EQ(e.log.calls, (std::vector<std::string>{"start id-web-1", "exec id-web-1 warm"}));
    start("demo", e.f.ref(), {});  // without the project (no compose file): no hook
    EXPECT_EQ(e.log.calls.size(), 3u);
  }
  {
    scripted_engine e({{"drain", {frame(2, "refused\n"), 7}}});
    running[0].state = "running";
    ON_CALL(e.f.containers, list(_)).WillByDefault(Return(running));
    try {
      stop("demo", e.f.ref(), o);
      FAIL() << "no error";
    } catch (const deploy_error& err) {
      EXPECT_EQ(err.kind(), deploy_error_kind::hook_failed);
      EXPECT_STREQ(err.what(), "web pre_stop hook exited with status 7 (container demo-web-1): refused");
    }
    EXPECT_FALSE(e.log.made("stop id-web-1"));  // a failing pre_stop prevents the stop, as compose
  }
  {
    scripted_engine e({});  // rm -s stops the way stop does (compose's Remove calls Stop)
    ON_CALL(e.f.containers, list(_)).WillByDefault(Return(running));
    rm_options ro;
    ro.stop = true;
    ro.project = &p;
    rm("demo", e.f.ref(), ro);
    EXPECT_EQ(e.log.calls, (std::vector<std::string>{"exec id-web-1 drain", "stop id-web-1"}));
  }
}

TEST(Hooks, PreStopInAContainerThatStoppedMeanwhileIsSkippedAndTheStopGoesOn) {
  temp_dir d;
  auto p = load_project(d, "services:\n  web:\n    image: busybox\n    pre_stop: [{command: [drain]}]\n");
  scripted_engine e({});
  ON_CALL(e.f.containers, list(_))
      .WillByDefault(Return(std::vector<engine::container_summary>{observed_container(p, "web", 1, "i")}));
  EXPECT_CALL(e.f.execs, create(_, _))
      .WillOnce(Invoke([](std::string_view, const engine::exec_create_options&) -> std::string {
        throw engine::engine_error(engine::error_kind::conflict, "container is not running", 409);
      }));
  lifecycle_options o;
  o.project = &p;
  stop("demo", e.f.ref(), o);
  EXPECT_TRUE(e.log.made("stop id-web-1"));
}

TEST(Hooks, AChattyFailingHookKeepsOnlyItsLastTenLines) {
  temp_dir d;
  auto p = load_project(d, "services:\n  web:\n    image: busybox\n    post_start: [{command: [noisy]}]\n");
  std::string output;
  for (int i = 1; i <= 25; ++i) output += frame(2, "line " + std::to_string(i) + "\r\n");
  scripted_engine e({{"noisy", {output + frame(1, "stdout is not shown\n"), 2}}});
  const std::map<std::string, std::string> images{{"web", "sha256:img"}};
  try {
    apply(make_plan(p, {}, images, api_141()), p, e.f.ref(), images, {}, e.sink());
    FAIL() << "no error";
  } catch (const deploy_error& err) {
    std::string expected = "web post_start hook exited with status 2 (container demo-web-1): line 16";
    for (int i = 17; i <= 25; ++i) expected += "\nline " + std::to_string(i);
    EXPECT_EQ(err.what(), expected);
  }
}

}  // namespace
}  // namespace stackctl::deploy
