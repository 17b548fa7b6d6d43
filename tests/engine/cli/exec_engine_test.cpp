// `stackctl exec` against the real dockerd (label `engine`): what a user at a terminal and a
// script piping through it see. The TTY session runs under a real pseudo-terminal (pty_session): the
// prompt comes back, the window size reaches `stty size`, the exit code is the shell's, and the
// terminal's settings are the same afterwards.

#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "engine_fixture.hpp"
#include "process.hpp"
#include "pty_session.hpp"
#include "stackctl/engine/filters.hpp"

namespace stackctl::testing {
namespace {

class CliExec : public engine_test {
 protected:
  CliExec() : project_(unique_name("exec")) {}

  void SetUp() override {
    engine_test::SetUp();
    std::ofstream(dir_.path() / "compose.yaml") << fmt::format(
        "services:\n  box:\n    image: {}\n    command: [sh, -c, \"trap 'exit 0' TERM; sleep 3600 & wait\"]\n"
        "    working_dir: /tmp\n    environment: {{FROM_FILE: yes-it-is}}\n",
        kBusyboxImage);
    const auto r = run({"up", "-d", "--wait", "--wait-timeout", "60", "--pull", "never"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }

  void TearDown() override {
    run({"down", "-v", "-t", "0"});
    const auto label = engine::filters::label("com.docker.compose.project", project_);
    engine::container_list_options lo;
    lo.all = true;
    lo.filters = label;
    for (const auto& c : docker.containers().list(lo)) guard.container(c.id);
    for (const auto& n : docker.networks().list(label)) guard.network(n.id);
  }

  std::vector<std::string> argv(const std::vector<std::string>& args) const {
    std::vector<std::string> a{STACKCTL_BINARY, "-f", (dir_.path() / "compose.yaml").string(), "-p", project_};
    a.insert(a.end(), args.begin(), args.end());
    return a;
  }

  process_result run(const std::vector<std::string>& args, const std::string& input = {}) {
    return run_process(argv(args), dir_.path().string(), {}, input);
  }

  std::string project_;
  temp_dir dir_;
};

TEST_F(CliExec, OutputStderrAndExitCodesArePassedThrough) {
  auto r = run({"exec", "-T", "box", "sh", "-c", "echo out; echo err >&2; exit 3"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(r.out, "out\n");
  EXPECT_EQ(r.err, "err\n");
  r = run({"exec", "-T", "box", "ls", "-d", "/etc"});  // the command's own flags stay its own
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "/etc\n");
  r = run({"exec", "-T", "box", "no-such-program"});
  EXPECT_EQ(r.exit_code, 126) << r.err;  // the engine's code for a command it cannot start
  EXPECT_NE((r.out + r.err).find("no-such-program"), std::string::npos) << r.out << r.err;  // the engine's text
}

TEST_F(CliExec, FlagsReachTheCommand) {
  // -e last: each -e takes one value, so the service after it is not swallowed.
  const auto r = run({"exec", "-T", "-w", "/etc", "-u", "1234", "-e", "ADDED=1", "box", "sh", "-c",
                      "echo $ADDED $FROM_FILE $(pwd) $(id -u)"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "1 yes-it-is /etc 1234\n");
}

TEST_F(CliExec, TenMebibytesThroughCatAreByteExact) {
  std::string data(10 << 20, '\0');
  std::mt19937 random(42);
  for (auto& c : data) c = static_cast<char>(random());
  const auto r = run({"exec", "-T", "box", "cat"}, data);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  ASSERT_EQ(r.out.size(), data.size());
  EXPECT_TRUE(r.out == data);
  // And the other way: 10 MiB produced in the container, counted by wc there and here.
  const auto big = run({"exec", "-T", "box", "sh", "-c", "head -c 10485760 /dev/zero"});
  EXPECT_EQ(big.out.size(), 10u << 20);
}

TEST_F(CliExec, ClearLinesForWhatCannotRun) {
  auto r = run({"exec", "-T", "nope", "true"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "stackctl: no such service: nope\n");
  r = run({"exec", "-T", "--index", "2", "box", "true"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "stackctl: service \"box\" has no running container #2\n");
  r = run({"stop", "-t", "0"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = run({"exec", "-T", "box", "true"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "stackctl: service \"box\" is not running\n");
  r = run({"exec", "box"});
  EXPECT_EQ(r.exit_code, 2);
}

TEST_F(CliExec, DetachedCommandRunsOnItsOwn) {
  auto r = run({"exec", "-d", "box", "sh", "-c", "echo done > /tmp/detached"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "");
  // The file appears once the command has run: wait for it through exec itself.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  do {
    r = run({"exec", "-T", "box", "cat", "/tmp/detached"});
  } while (r.out != "done\n" && std::chrono::steady_clock::now() < deadline);
  EXPECT_EQ(r.out, "done\n");
}

TEST_F(CliExec, AShellOnARealTerminalSeesItsSizeAndItsExitCodeComesBack) {
  pty_session session(argv({"exec", "box", "sh"}));
  session.read_until("# ");
  session.type("stty size\n");
  EXPECT_NE(session.read_until("40 100").find("40 100"), std::string::npos);
  session.resize(30, 120);
  EXPECT_TRUE(session.type_until("stty size\n", "30 120"));
  session.type("exit 5\n");
  EXPECT_EQ(session.wait(), 5);
  EXPECT_TRUE(session.terminal_restored());
}

}  // namespace
}  // namespace stackctl::testing
