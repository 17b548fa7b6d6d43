// Lifecycle hooks (`post_start`, `pre_stop`) through the `stackctl` binary against the real
// dockerd (label `engine`): a post_start hook's side effect is there once `up` returns, a pre_stop
// hook drains into a named volume before `down` stops the container (read back afterwards by a
// one-shot container), and a failing hook fails the command with its output while a failing
// pre_stop leaves the container running.
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "engine_fixture.hpp"
#include "process.hpp"
#include "stackctl/engine/filters.hpp"

namespace stackctl::testing {
namespace {

class CliHooks : public engine_test {
 protected:
  CliHooks() : project_(unique_name("hooks")), volume_(project_ + "_data") {}

  void TearDown() override {
    run({"down", "-v", "-t", "0"});  // may fail on a refusing pre_stop: the guard removes the rest
    const auto label = engine::filters::label("com.docker.compose.project", project_);
    engine::container_list_options lo;
    lo.all = true;
    lo.filters = label;
    for (const auto& c : docker.containers().list(lo)) guard.container(c.id);
    for (const auto& n : docker.networks().list(label)) guard.network(n.id);
    guard.volume(volume_);
  }

  // A long-running busybox service with the named volume `data` at /data and these hook lines.
  void write_compose(const std::string& hooks) {
    std::ofstream(dir_.path() / "compose.yaml") << fmt::format(
        "services:\n  box:\n    image: {}\n    command: [sh, -c, \"trap 'exit 0' TERM; sleep 3600 & wait\"]\n"
        "    volumes: [data:/data]\n{}volumes:\n  data: {{}}\n",
        kBusyboxImage, hooks);
  }

  process_result run(const std::vector<std::string>& args) {
    std::vector<std::string> a{STACKCTL_BINARY, "-f", (dir_.path() / "compose.yaml").string(), "-p", project_};
    a.insert(a.end(), args.begin(), args.end());
    return run_process(a, dir_.path().string());
  }

  process_result up() { return run({"up", "-d", "--wait", "--wait-timeout", "60", "--pull", "never"}); }

  // What `path` holds in the project's volume, read by a one-shot container after the project's
  // own containers are gone.
  process_result read_volume(const std::string& path) {
    return run_process(
        {on_path("docker"), "run", "--rm", "-v", volume_ + ":/v:ro", std::string(kBusyboxImage), "cat", "/v/" + path});
  }

  // The state of the project's one container as the daemon reports it ("running", "exited").
  std::string box_state() {
    engine::container_list_options lo;
    lo.all = true;
    lo.filters = engine::filters::label("com.docker.compose.project", project_);
    const auto containers = docker.containers().list(lo);
    return containers.size() == 1 ? containers[0].state : fmt::format("{} containers", containers.size());
  }

  std::string project_, volume_;
  temp_dir dir_;
};

TEST_F(CliHooks, PostStartRunsBeforeUpReturnsAndPreStopDrainsIntoTheVolumeBeforeDown) {
  write_compose(
      "    post_start:\n"
      "      - command: [sh, -c, \"date +%s > /tmp/warmed; echo warm-up done\"]\n"
      "      - command: [sh, -c, \"echo $$HOOK_MODE > /data/mode\"]\n"
      "        environment: {HOOK_MODE: second-hook}\n"
      "    pre_stop:\n"
      "      - command: [sh, -c, \"echo drained > /data/drained\"]\n");
  auto r = up();
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // Its output went to the progress lines (stderr is no TTY here: plain lines).
  EXPECT_NE(r.err.find(fmt::format("Container {}-box-1  post_start: warm-up done", project_)), std::string::npos)
      << r.err;
  r = run({"exec", "-T", "box", "cat", "/tmp/warmed", "/data/mode"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\nsecond-hook\n"), std::string::npos) << r.out;  // both hooks ran, in order

  r = run({"down", "-t", "10"});  // keeps the named volume
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto drained = read_volume("drained");
  ASSERT_EQ(drained.exit_code, 0) << drained.err;
  // An exec runs only in a running container: the file shows the hook ran before the stop.
  EXPECT_EQ(drained.out, "drained\n");
  EXPECT_NE(r.err.find(fmt::format("Container {}-box-1  Stopping", project_)), std::string::npos) << r.err;
}

TEST_F(CliHooks, AFailingPostStartFailsUpWithTheHooksOutput) {
  write_compose(
      "    post_start:\n"
      "      - command: [sh, -c, \"echo checking; echo no backend yet >&2; exit 3\"]\n");
  const auto r = up();
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find(fmt::format("stackctl: box post_start hook exited with status 3 (container {}-box-1): "
                                   "no backend yet\n",
                                   project_)),
            std::string::npos)
      << r.err;
}

TEST_F(CliHooks, AFailingPreStopFailsStopAndLeavesTheContainerRunning) {
  write_compose(
      "    pre_stop:\n"
      "      - command: [sh, -c, \"[ -f /tmp/drained ] || { echo still draining >&2; exit 4; }\"]\n");
  auto r = up();
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = run({"stop", "-t", "10"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("box pre_stop hook exited with status 4"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(": still draining\n"), std::string::npos) << r.err;
  EXPECT_EQ(box_state(), "running");

  // Once the hook succeeds the stop goes through.
  ASSERT_EQ(run({"exec", "-T", "box", "touch", "/tmp/drained"}).exit_code, 0);
  r = run({"stop", "-t", "10"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(box_state(), "exited");
}

}  // namespace
}  // namespace stackctl::testing
