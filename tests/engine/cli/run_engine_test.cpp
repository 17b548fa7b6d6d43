// `stackctl run` against the real dockerd (label `engine`): a one-off container as a compose user
// sees it — its output and exit code, its dependencies started first, its name and labels,
// `ps -a` and `down --remove-orphans`, the run's flags in the container, stdin piped through it,
// and a shell under a real pseudo-terminal (size, resize, exit code, detach keys).
#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <regex>
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

class CliRun : public engine_test {
 protected:
  CliRun() : project_(unique_name("run")) {}

  void SetUp() override {
    engine_test::SetUp();
    // `db` is what `app` depends on; `app` publishes a port and restarts always, which a one-off
    // must not do.
    std::ofstream(dir_.path() / "compose.yaml") << fmt::format(
        "services:\n"
        "  db:\n    image: {0}\n    command: [sh, -c, \"trap 'exit 0' TERM; sleep 3600 & wait\"]\n"
        "  app:\n    image: {0}\n    depends_on: [db]\n    command: [echo, from-the-service]\n"
        "    restart: always\n    ports: [\"127.0.0.1::80\"]\n    environment: {{FROM_FILE: yes-it-is}}\n",
        kBusyboxImage);
  }

  void TearDown() override {
    run({"down", "-v", "-t", "0", "--remove-orphans"});
    engine::container_list_options lo;
    lo.all = true;
    lo.filters = project_label();
    for (const auto& c : docker.containers().list(lo)) guard.container(c.id);
    for (const auto& n : docker.networks().list(project_label())) guard.network(n.id);
  }

  engine::filters project_label() const { return engine::filters::label("com.docker.compose.project", project_); }

  std::vector<engine::container_summary> containers(const std::string& oneoff) {
    engine::container_list_options lo;
    lo.all = true;
    lo.filters = project_label();
    lo.filters.add_label("com.docker.compose.oneoff", oneoff);
    return docker.containers().list(lo);
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

TEST_F(CliRun, RmPassesOutputAndExitCodeStartsTheDependencyAndLeavesNothing) {
  const auto r = run({"run", "--rm", "-T", "app", "sh", "-c", "echo out; echo err >&2; exit 3"});
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_EQ(r.out, "out\n");
  EXPECT_NE(r.err.find("err\n"), std::string::npos) << r.err;
  EXPECT_TRUE(containers("True").empty());  // --rm: the engine removed it
  const auto deps = containers("False");
  ASSERT_EQ(deps.size(), 1u);  // db, started first; app itself got no service container
  EXPECT_EQ(deps[0].label("com.docker.compose.service"), "db");
  EXPECT_EQ(deps[0].state, "running");
}

TEST_F(CliRun, AOneOffIsNamedAndLabelledAsComposeDoesAndOnlyDownRemoveOrphansRemovesIt) {
  auto r = run({"run", "-d", "app", "sleep", "600"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string id = r.out.substr(0, r.out.find('\n'));
  guard.container(id);
  const auto c = docker.containers().inspect(id);
  EXPECT_TRUE(std::regex_match(c.short_name(), std::regex(project_ + "-app-run-[0-9a-f]{12}"))) << c.short_name();
  const auto& labels = c.config.labels;
  EXPECT_EQ(labels.at("com.docker.compose.oneoff"), "True");
  EXPECT_EQ(labels.count("com.docker.compose.container-number"), 0u);
  EXPECT_TRUE(std::regex_match(labels.at("com.docker.compose.slug"), std::regex("[0-9a-f]{64}")));
  EXPECT_EQ(labels.at("com.docker.compose.slug").substr(0, 12), c.short_name().substr(c.short_name().size() - 12));
  const auto& restart = c.host_config.restart_policy.name;  // the service's `restart: always` is dropped
  EXPECT_TRUE(restart.empty() || restart == "no") << restart;
  EXPECT_TRUE(c.host_config.port_bindings.empty());  // and its ports are not published
  const auto& endpoint = c.networks.at(project_ + "_default");
  EXPECT_EQ(std::count(endpoint.aliases.begin(), endpoint.aliases.end(), "app"), 0);  // not reachable as "app"
  EXPECT_TRUE(c.state.running);

  r = run({"ps"});
  EXPECT_EQ(r.out.find(c.short_name()), std::string::npos) << r.out;
  r = run({"ps", "-a"});
  EXPECT_NE(r.out.find(c.short_name()), std::string::npos) << r.out;
  r = run({"down", "-t", "0"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(containers("True").size(), 1u);  // compose keeps one-offs on a plain down
  r = run({"down", "-t", "0", "--remove-orphans"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(containers("True").empty());
}

TEST_F(CliRun, FlagsReachTheContainer) {
  temp_dir host;
  std::ofstream(host.path() / "note") << "from the host\n";
  namespace fs = std::filesystem;
  fs::permissions(host.path(), fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                                   fs::perms::others_read | fs::perms::others_exec);  // for uid 1234
  fs::permissions(host.path() / "note", fs::perms::others_read, fs::perm_options::add);
  // The repeatable options one value each: the last one is followed by the service.
  const auto r = run({"run",          "--rm",
                      "-T",           "--no-deps",
                      "-w",           "/etc",
                      "-u",           "1234",
                      "--entrypoint", "sh -c",
                      "-l",           "extra=label",
                      "-e",           "ADDED=1",
                      "-e",           "FROM_FILE=overridden",
                      "-v",           host.path().string() + ":/mnt/host:ro",
                      "app",          "echo $ADDED $FROM_FILE $(pwd) $(id -u) $(cat /mnt/host/note)"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "1 overridden /etc 1234 from the host\n");
  EXPECT_TRUE(containers("False").empty());  // --no-deps: db was not started
}

TEST_F(CliRun, PublishedPortsAndTheServicePortsAreWhatTheFlagsSay) {
  auto r = run({"run", "-d", "--no-deps", "-p", "127.0.0.1::9000", "app", "sleep", "600"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto c = docker.containers().inspect(r.out.substr(0, r.out.find('\n')));
  guard.container(c.id);
  ASSERT_EQ(c.host_config.port_bindings.count("9000/tcp"), 1u);
  EXPECT_EQ(c.host_config.port_bindings.at("9000/tcp").at(0).host_ip, "127.0.0.1");
  EXPECT_EQ(c.host_config.port_bindings.count("80/tcp"), 0u);
  r = run({"run", "-d", "--no-deps", "--service-ports", "app", "sleep", "600"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  c = docker.containers().inspect(r.out.substr(0, r.out.find('\n')));
  guard.container(c.id);
  EXPECT_EQ(c.host_config.port_bindings.count("80/tcp"), 1u);
}

TEST_F(CliRun, TenMebibytesOfStdinThroughCatAreByteExact) {
  std::string data(10 << 20, '\0');
  std::mt19937 random(7);
  for (auto& c : data) c = static_cast<char>(random());
  const auto r = run({"run", "--rm", "-T", "--no-deps", "app", "cat"}, data);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  ASSERT_EQ(r.out.size(), data.size());
  EXPECT_TRUE(r.out == data);
}

TEST_F(CliRun, BadInputIsOneClearLineAndCreatesNothing) {
  auto r = run({"run", "--rm", "-T", "nope", "true"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "stackctl: no such service: nope\n");
  r = run({"run", "--rm", "-T", "-v", "/a:/b:/c:/d", "app", "true"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("invalid volume \"/a:/b:/c:/d\""), std::string::npos) << r.err;
  r = run({"run", "--rm", "-T", "--service-ports", "-p", "80", "app", "true"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("--service-ports and --publish are incompatible"), std::string::npos) << r.err;
  r = run({"run", "--rm", "-T", "--entrypoint", "sh -c 'unclosed", "app"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("invalid command line string"), std::string::npos) << r.err;
  EXPECT_TRUE(containers("True").empty());
  EXPECT_TRUE(containers("False").empty());
  EXPECT_TRUE(docker.networks().list(project_label()).empty());
}

TEST_F(CliRun, AShellOnARealTerminalSeesItsSizeAndItsExitCodeComesBack) {
  pty_session session(argv({"run", "--rm", "--no-deps", "app", "sh"}));
  session.read_until("# ");
  session.type("stty size\n");
  EXPECT_NE(session.read_until("40 100").find("40 100"), std::string::npos);
  session.resize(30, 120);
  EXPECT_TRUE(session.type_until("stty size\n", "30 120"));
  session.type("exit 5\n");
  EXPECT_EQ(session.wait(), 5);
  EXPECT_TRUE(session.terminal_restored());
  EXPECT_TRUE(containers("True").empty());
}

TEST_F(CliRun, TheDetachKeysLeaveTheContainerRunning) {
  pty_session session(argv({"run", "--no-deps", "app", "sh"}));
  session.read_until("# ");
  session.type("\x10\x11");  // ctrl-p ctrl-q
  EXPECT_EQ(session.wait(), 0);
  EXPECT_TRUE(session.terminal_restored());
  const auto one_offs = containers("True");
  ASSERT_EQ(one_offs.size(), 1u);
  EXPECT_EQ(one_offs[0].state, "running");
  guard.container(one_offs[0].id);
}

}  // namespace
}  // namespace stackctl::testing
