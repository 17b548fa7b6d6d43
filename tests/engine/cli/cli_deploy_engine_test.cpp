// The deploy commands of the built `stackctl` binary against the real dockerd (label `engine`):
// what a user sees (exit code, stdout, stderr) and what the engine then holds. Every test uses a
// unique project name; the fixture runs `down -v` and then force-removes everything labelled with
// the project, even when the test failed.
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "engine_fixture.hpp"
#include "process.hpp"
#include "stackctl/engine/error.hpp"
#include "stackctl/engine/filters.hpp"

namespace stackctl::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// A PID 1 that exits on SIGTERM, so stops are quick.
constexpr const char* kSleep = R"(["sh", "-c", "trap 'exit 0' TERM; sleep 3600 & wait"])";

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) out.push_back(line);
  return out;
}

// A TCP port nothing listens on right now (the kernel picks it).
int free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  const int port = ntohs(addr.sin_port);
  ::close(fd);
  return port;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Polls `done` (a real condition: a file's content, a process state) until it holds or `limit` passes.
bool eventually(const std::function<bool()>& done, std::chrono::seconds limit = std::chrono::seconds(60)) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < deadline) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return done();
}

// A child process with stdout/stderr in files, for commands that run until interrupted.
class background_process {
 public:
  background_process(const std::vector<std::string>& argv, const std::filesystem::path& dir)
      : out_(dir / "stdout.txt"), err_(dir / "stderr.txt") {
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 1, out_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&fa, 2, err_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addchdir_np(&fa, dir.c_str());
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    if (posix_spawn(&pid_, args[0], &fa, nullptr, args.data(), environ) != 0) pid_ = -1;
    posix_spawn_file_actions_destroy(&fa);
  }
  ~background_process() {
    if (pid_ > 0 && status_ < 0) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
  }
  background_process(const background_process&) = delete;
  background_process& operator=(const background_process&) = delete;

  bool started() const { return pid_ > 0; }
  void signal(int sig) { ::kill(pid_, sig); }
  // The exit code once it ended (128 + signal when killed), or -1 while it runs.
  int poll() {
    if (status_ >= 0) return status_;
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_)
      status_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return status_;
  }
  std::string out() const { return read_file(out_); }
  std::string err() const { return read_file(err_); }

 private:
  std::filesystem::path out_, err_;
  pid_t pid_ = -1;
  int status_ = -1;
};

class CliDeploy : public engine_test {
 protected:
  CliDeploy() : project_(unique_name("cli")) {}

  void TearDown() override {
    if (!cleaned_) run({"down", "-v", "-t", "0"});
    remove_by_label();
  }

  // Force-removes whatever still carries the project label (a failed test, a failed down).
  void remove_by_label() {
    const auto label = engine::filters::label("com.docker.compose.project", project_);
    try {
      engine::container_list_options lo;
      lo.all = true;
      lo.filters = label;
      for (const auto& c : docker.containers().list(lo)) guard.container(c.id);
      for (const auto& n : docker.networks().list(label)) guard.network(n.id);
      for (const auto& v : docker.volumes().list(label).volumes) guard.volume(v.name);
    } catch (const std::exception& e) {
      ADD_FAILURE() << "listing what is left of " << project_ << ": " << e.what();
    }
  }

  void write_compose(const std::string& yaml) { std::ofstream(dir_.path() / "compose.yaml") << yaml; }

  // `stackctl -f <dir>/compose.yaml -p <project> <args>` in the project directory.
  process_result run(const std::vector<std::string>& args, const std::vector<std::string>& env = {}) {
    std::vector<std::string> argv{STACKCTL_BINARY, "-f", (dir_.path() / "compose.yaml").string(), "-p", project_};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_process(argv, dir_.path().string(), env);
  }

  // `stackctl -p <project> <args>` with no compose file around: from labels alone.
  process_result run_by_name(const std::vector<std::string>& args) {
    std::vector<std::string> argv{STACKCTL_BINARY, "-p", project_};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_process(argv, empty_.path().string());
  }

  void up_ok(const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args{"up", "-d", "--wait", "--wait-timeout", "60", "--pull", "never", "-t", "1"};
    args.insert(args.end(), extra.begin(), extra.end());
    const auto r = run(args);
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }

  // `ps --format json` → name → object.
  std::map<std::string, nlohmann::json> ps_json(const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args{"ps", "--format", "json"};
    args.insert(args.end(), extra.begin(), extra.end());
    const auto r = run(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    std::map<std::string, nlohmann::json> out;
    for (const auto& line : lines_of(r.out)) {
      auto j = nlohmann::json::parse(line);
      out[j.at("Name").get<std::string>()] = j;
    }
    return out;
  }

  std::map<std::string, std::string> full_ids() {  // name → full id, from `ps -q` + inspect
    std::map<std::string, std::string> out;
    for (const auto& id : lines_of(run({"ps", "-a", "-q"}).out))
      out[docker.containers().inspect(id).name.substr(1)] = id;
    return out;
  }

  std::string name(const std::string& service, int n = 1) const {
    return fmt::format("{}-{}-{}", project_, service, n);
  }

  bool volume_exists(const std::string& volume) {
    try {
      docker.volumes().inspect(volume);
      return true;
    } catch (const engine::engine_error&) {
      return false;
    }
  }

  std::string project_;
  temp_dir dir_, empty_, logs_;
  bool cleaned_ = false;
};

TEST_F(CliDeploy, UpWaitThenPsJsonHasComposeFields) {
  write_compose(fmt::format(R"(services:
  web:
    image: {0}
    command: {1}
    ports: ["127.0.0.1::80"]
    healthcheck: {{test: ["CMD", "true"], interval: 1s, retries: 30}}
  worker:
    image: {0}
    command: {1}
)",
                            kBusyboxImage, kSleep));
  up_ok();
  const auto rows = ps_json();
  ASSERT_EQ(rows.size(), 2u);
  const auto& web = rows.at(name("web"));
  EXPECT_EQ(web["Service"], "web");
  EXPECT_EQ(web["Project"], project_);
  EXPECT_EQ(web["Image"], kBusyboxImage);
  EXPECT_EQ(web["State"], "running");
  EXPECT_EQ(web["Health"], "healthy");
  EXPECT_EQ(web["ExitCode"], 0);
  EXPECT_THAT(web["Status"].get<std::string>(), HasSubstr("(healthy)"));
  EXPECT_EQ(web["ID"].get<std::string>().size(), 12u);
  EXPECT_THAT(web["Command"].get<std::string>(), HasSubstr("sh -c"));
  EXPECT_THAT(web["Labels"].get<std::string>(), HasSubstr("com.docker.compose.service=web"));
  EXPECT_EQ(web["Networks"], project_ + "_default");
  ASSERT_EQ(web["Publishers"].size(), 1u);
  EXPECT_EQ(web["Publishers"][0]["URL"], "127.0.0.1");
  EXPECT_EQ(web["Publishers"][0]["TargetPort"], 80);
  EXPECT_GT(web["Publishers"][0]["PublishedPort"].get<int>(), 0);
  EXPECT_EQ(web["Publishers"][0]["Protocol"], "tcp");
  EXPECT_THAT(web["Ports"].get<std::string>(), HasSubstr("->80/tcp"));
  EXPECT_EQ(rows.at(name("worker"))["Health"], "");

  // The table, the service list and the IDs show the same containers.
  const auto table = lines_of(run({"ps"}).out);
  ASSERT_EQ(table.size(), 3u);
  EXPECT_THAT(table[0], ::testing::MatchesRegex("NAME +IMAGE +COMMAND +SERVICE +CREATED +STATUS +PORTS"));
  EXPECT_THAT(table[1], HasSubstr(name("web")));
  EXPECT_THAT(table[2], HasSubstr(name("worker")));
  EXPECT_EQ(lines_of(run({"ps", "--services"}).out), (std::vector<std::string>{"web", "worker"}));
  EXPECT_EQ(lines_of(run({"ps", "-q"}).out).size(), 2u);
}

TEST_F(CliDeploy, SecondUpChangesNothing) {
  write_compose(fmt::format("services:\n  a: {{image: {0}, command: {1}}}\n  b: {{image: {0}, command: {1}}}\n",
                            kBusyboxImage, kSleep));
  up_ok();
  const auto before = full_ids();
  ASSERT_EQ(before.size(), 2u);
  const auto again = run({"up", "-d", "--pull", "never"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(full_ids(), before);
  EXPECT_THAT(again.err, HasSubstr("Container " + name("a") + "  Running"));
  EXPECT_THAT(again.err, Not(HasSubstr("Created")));
  EXPECT_THAT(again.err, Not(HasSubstr("Started")));
}

// --parallel is global, as compose's: before the command or, like every global flag, after it.
TEST_F(CliDeploy, ParallelIsAGlobalFlagBeforeOrAfterTheCommand) {
  write_compose(fmt::format("services:\n  a: {{image: {0}, command: {1}}}\n  b: {{image: {0}, command: {1}}}\n",
                            kBusyboxImage, kSleep));
  const auto up = run({"--parallel", "1", "up", "-d", "--pull", "never"});
  ASSERT_EQ(up.exit_code, 0) << up.err;
  EXPECT_EQ(full_ids().size(), 2u);
  const auto bad = run({"--parallel", "many", "ps"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_THAT(bad.err, HasSubstr("--parallel"));
  const auto down = run({"down", "--parallel", "1", "-t", "0"});
  ASSERT_EQ(down.exit_code, 0) << down.err;
  EXPECT_TRUE(full_ids().empty());
}

// `up --dry-run` prints what up would do — each action with its cause — and changes nothing.
TEST_F(CliDeploy, UpDryRunPrintsThePlanWithCausesAndChangesNothing) {
  const auto yaml = [&](const char* value) {
    return fmt::format("services:\n  a: {{image: {0}, command: {1}, environment: {{MODE: {2}}}}}\n", kBusyboxImage,
                       kSleep, value);
  };
  write_compose(yaml("one"));
  const auto fresh = run({"up", "--dry-run", "--pull", "never"});
  ASSERT_EQ(fresh.exit_code, 0) << fresh.err;
  EXPECT_EQ(fresh.out, fmt::format("1 create_network {0}_default (not found)\n"
                                   "2 create_container {1} (scale 0 → 1) after 1\n"
                                   "3 start_container {1} (created) after 2\n",
                                   project_, name("a")));
  EXPECT_TRUE(full_ids().empty());
  up_ok();
  const auto before = full_ids();
  write_compose(yaml("two"));
  const auto changed = run({"up", "--dry-run", "--pull", "never"});
  ASSERT_EQ(changed.exit_code, 0) << changed.err;
  EXPECT_THAT(changed.out, HasSubstr(name("a") + " (config hash changed: environment)\n"));
  EXPECT_EQ(full_ids(), before);  // nothing recreated
}

TEST_F(CliDeploy, EnvironmentChangeRecreatesOnlyThatService) {
  const auto yaml = [&](const char* value) {
    return fmt::format(
        "services:\n  a: {{image: {0}, command: {1}}}\n  b: {{image: {0}, command: {1}, environment: {{MODE: {2}}}}}\n",
        kBusyboxImage, kSleep, value);
  };
  write_compose(yaml("one"));
  up_ok();
  const auto before = full_ids();
  write_compose(yaml("two"));
  up_ok();
  const auto after = full_ids();
  EXPECT_EQ(after.at(name("a")), before.at(name("a")));
  EXPECT_NE(after.at(name("b")), before.at(name("b")));
  EXPECT_THAT(docker.containers().inspect(after.at(name("b"))).config.env, ::testing::Contains("MODE=two"));
}

TEST_F(CliDeploy, DownKeepsVolumesAndDownVRemovesThem) {
  write_compose(
      fmt::format("services:\n  db: {{image: {0}, command: {1}, volumes: [\"data:/data\"]}}\nvolumes:\n  data: {{}}\n",
                  kBusyboxImage, kSleep));
  up_ok();
  const auto volume = project_ + "_data";
  ASSERT_TRUE(volume_exists(volume));

  auto down = run({"down", "-t", "0"});
  ASSERT_EQ(down.exit_code, 0) << down.err;
  EXPECT_THAT(down.err, HasSubstr("Container " + name("db") + "  Removed"));
  EXPECT_TRUE(full_ids().empty());
  EXPECT_TRUE(volume_exists(volume));

  up_ok();
  // From labels alone, without the compose file.
  down = run_by_name({"down", "-v", "-t", "0"});
  ASSERT_EQ(down.exit_code, 0) << down.err;
  EXPECT_FALSE(volume_exists(volume));
  EXPECT_TRUE(docker.networks().list(engine::filters::label("com.docker.compose.project", project_)).empty());
  cleaned_ = true;
}

TEST_F(CliDeploy, MissingExternalVolumeFailsWithOneLineAndCreatesNothing) {
  const auto missing = unique_name("missing-vol");
  write_compose(
      fmt::format("services:\n  a: {{image: {0}, command: {1}, volumes: [\"ext:/data\"]}}\nvolumes:\n  ext: "
                  "{{external: true, name: {2}}}\n",
                  kBusyboxImage, kSleep, missing));
  const auto r = run({"up", "-d", "--pull", "never"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(lines_of(r.err).size(), 1u) << r.err;
  EXPECT_THAT(r.err, HasSubstr(fmt::format("stackctl: external volume \"{}\" not found", missing)));
  const auto label = engine::filters::label("com.docker.compose.project", project_);
  engine::container_list_options lo;
  lo.all = true;
  lo.filters = label;
  EXPECT_TRUE(docker.containers().list(lo).empty());
  EXPECT_TRUE(docker.networks().list(label).empty());
  EXPECT_TRUE(docker.volumes().list(label).volumes.empty());
}

TEST_F(CliDeploy, MissingImageWithPullNeverNamesTheImage) {
  write_compose("services:\n  a: {image: stackctl-test/no-such-image:1.0}\n");
  const auto r = run({"up", "-d", "--pull", "never"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(lines_of(r.err).size(), 1u) << r.err;
  EXPECT_THAT(r.err, HasSubstr("stackctl: image \"stackctl-test/no-such-image:1.0\""));
  EXPECT_TRUE(full_ids().empty());
}

TEST_F(CliDeploy, LogsArePrefixedAndDemultiplexed) {
  // Healthy once both lines are written, so `--wait` orders the logs call after them.
  const auto service = [](const char* word) {
    return fmt::format(
        R"(["sh", "-c", "echo {0}-out; echo {0}-err >&2; touch /tmp/done; trap 'exit 0' TERM; sleep 3600 & wait"])",
        word);
  };
  write_compose(fmt::format(R"(services:
  a:
    image: {0}
    command: {1}
    healthcheck: {{test: ["CMD", "test", "-f", "/tmp/done"], interval: 1s, retries: 30}}
  bbb:
    image: {0}
    command: {2}
    healthcheck: {{test: ["CMD", "test", "-f", "/tmp/done"], interval: 1s, retries: 30}}
)",
                            kBusyboxImage, service("alpha"), service("beta")));
  up_ok();
  auto r = run({"logs"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto out = lines_of(r.out);
  std::sort(out.begin(), out.end());
  // Names without "<project>-", padded to the longest; stdout and stderr frames both decoded,
  // nothing of the 8-byte frame headers left; no colour when stdout is not a TTY.
  EXPECT_EQ(out, (std::vector<std::string>{"a-1   | alpha-err", "a-1   | alpha-out", "bbb-1 | beta-err",
                                           "bbb-1 | beta-out"}));
  EXPECT_THAT(r.out, Not(HasSubstr("\x1b[")));

  r = run({"logs", "--no-log-prefix", "a"});
  out = lines_of(r.out);
  std::sort(out.begin(), out.end());
  EXPECT_EQ(out, (std::vector<std::string>{"alpha-err", "alpha-out"}));

  r = run({"logs", "--tail", "1", "-t", "bbb"});
  out = lines_of(r.out);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_THAT(out[0], ::testing::MatchesRegex("bbb-1 \\| [0-9]{4}-[0-9]{2}-[0-9]{2}T.* beta-(out|err)"));
}

// `logs -f` as compose's: a container that restarts is followed into its next run (its first run's
// lines not repeated), and the command ends by itself once the container has stopped for good.
TEST_F(CliDeploy, LogsFollowFollowsARestartAndEndsWhenTheContainerStopsForGood) {
  // Each run prints a line, then exits 3 once the test drops w/go; on-failure:1 restarts it once.
  std::filesystem::create_directories(dir_.path() / "w");
  write_compose(fmt::format(R"(services:
  flaky:
    image: {0}
    command: ["sh", "-c", "echo run-start; while [ ! -e /w/go ]; do sleep 0.1; done; rm -f /w/go; exit 3"]
    restart: on-failure:1
    volumes: ["./w:/w"]
)",
                            kBusyboxImage));
  up_ok();
  temp_dir logs_dir;
  background_process follow(
      {STACKCTL_BINARY, "-f", (dir_.path() / "compose.yaml").string(), "-p", project_, "logs", "-f", "--no-log-prefix"},
      logs_dir.path());
  ASSERT_TRUE(follow.started());
  const auto runs = [&] {
    const auto lines = lines_of(follow.out());
    return std::count(lines.begin(), lines.end(), "run-start");
  };
  ASSERT_TRUE(eventually([&] { return runs() >= 1 || follow.poll() >= 0; })) << follow.err();
  std::ofstream(dir_.path() / "w" / "go") << "";
  ASSERT_TRUE(eventually([&] { return runs() >= 2 || follow.poll() >= 0; })) << follow.out() << follow.err();
  EXPECT_EQ(follow.poll(), -1) << "logs -f ended while the container restarted: " << follow.err();
  std::ofstream(dir_.path() / "w" / "go") << "";
  ASSERT_TRUE(eventually([&] { return follow.poll() >= 0; })) << follow.out() << follow.err();
  EXPECT_EQ(follow.poll(), 0) << follow.err();
  EXPECT_EQ(runs(), 2) << follow.out();
}

TEST_F(CliDeploy, StopStartRestartRmFromLabels) {
  write_compose(fmt::format("services:\n  a: {{image: {0}, command: {1}}}\n", kBusyboxImage, kSleep));
  up_ok();
  const auto id = full_ids().at(name("a"));
  auto r = run_by_name({"stop", "-t", "1"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_FALSE(docker.containers().inspect(id).state.running);
  r = run_by_name({"start"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(docker.containers().inspect(id).state.running);
  r = run_by_name({"restart", "-t", "1"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(docker.containers().inspect(id).state.running);
  r = run_by_name({"kill"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_FALSE(docker.containers().inspect(id).state.running);
  r = run_by_name({"rm", "-f"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(full_ids().empty());
}

TEST_F(CliDeploy, AttachedUpStreamsLogsAndStopsOnCtrlC) {
  write_compose(fmt::format(R"(services:
  a:
    image: {0}
    command: ["sh", "-c", "echo hello-from-a; trap 'exit 0' TERM; sleep 3600 & wait"]
)",
                            kBusyboxImage));
  background_process up({STACKCTL_BINARY, "-f", (dir_.path() / "compose.yaml").string(), "-p", project_, "up", "--pull",
                         "never", "-t", "5"},
                        logs_.path());
  ASSERT_TRUE(up.started());
  ASSERT_TRUE(eventually([&] { return up.out().find("a-1 | hello-from-a") != std::string::npos || up.poll() >= 0; }))
      << up.err();
  ASSERT_EQ(up.poll(), -1) << up.err();
  EXPECT_THAT(up.err(), HasSubstr("Attaching to " + name("a")));

  up.signal(SIGINT);
  ASSERT_TRUE(eventually([&] { return up.poll() >= 0; })) << up.err();
  EXPECT_EQ(up.poll(), 130) << up.err();
  EXPECT_THAT(up.err(), HasSubstr("Gracefully stopping..."));
  EXPECT_THAT(up.err(), HasSubstr("Container " + name("a") + "  Stopped"));
  // Stopped, not removed.
  const auto ids = full_ids();
  ASSERT_EQ(ids.size(), 1u);
  const auto state = docker.containers().inspect(ids.begin()->second).state;
  EXPECT_FALSE(state.running);
  EXPECT_EQ(state.exit_code, 0);
}

TEST_F(CliDeploy, AttachedUpReturnsWhenEveryContainerExited) {
  write_compose(fmt::format("services:\n  once: {{image: {0}, command: [\"echo\", \"done-once\"]}}\n", kBusyboxImage));
  const auto r = run({"up", "--pull", "never"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("once-1 | done-once\n"));
  EXPECT_THAT(r.out, HasSubstr(name("once") + " exited with code 0\n"));
}

TEST_F(CliDeploy, SecondCtrlCKillsWhatIgnoresSigterm) {
  // PID 1 ignores SIGTERM: a graceful stop would take the whole 60 s timeout.
  write_compose(fmt::format(R"(services:
  stubborn:
    image: {0}
    command: ["sh", "-c", "trap '' TERM; echo ready; while true; do sleep 1; done"]
)",
                            kBusyboxImage));
  background_process up({STACKCTL_BINARY, "-f", (dir_.path() / "compose.yaml").string(), "-p", project_, "up", "--pull",
                         "never", "-t", "60"},
                        logs_.path());
  ASSERT_TRUE(up.started());
  ASSERT_TRUE(eventually([&] { return up.out().find("| ready") != std::string::npos || up.poll() >= 0; })) << up.err();
  up.signal(SIGINT);
  ASSERT_TRUE(eventually([&] { return up.err().find("Gracefully stopping") != std::string::npos || up.poll() >= 0; }));
  ASSERT_EQ(up.poll(), -1) << up.err();
  const auto started = std::chrono::steady_clock::now();
  up.signal(SIGINT);
  ASSERT_TRUE(eventually([&] { return up.poll() >= 0; }, std::chrono::seconds(30))) << up.err();
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(30));
  EXPECT_EQ(up.poll(), 130) << up.err();
  const auto ids = full_ids();
  ASSERT_EQ(ids.size(), 1u);
  const auto state = docker.containers().inspect(ids.begin()->second).state;
  EXPECT_FALSE(state.running);
  EXPECT_EQ(state.exit_code, 137);  // SIGKILL
}

TEST_F(CliDeploy, DockerComposeV1ListsTheContainers) {
  write_compose(fmt::format("services:\n  web: {{image: {0}, command: {1}}}\n  worker: {{image: {0}, command: {1}}}\n",
                            kBusyboxImage, kSleep));
  up_ok();
  const auto r = run_process({on_path("docker-compose"), "-p", project_, "ps"}, dir_.path().string());
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr(name("web")));
  EXPECT_THAT(r.out, HasSubstr(name("worker")));
  EXPECT_THAT(r.out, HasSubstr("Up"));
}

TEST_F(CliDeploy, ExampleStackComesUpHealthyAndServesItsPage) {
  const std::filesystem::path examples = std::filesystem::path(STACKCTL_SOURCE_DIR) / "examples";
  const auto port = std::to_string(free_port());
  const std::vector<std::string> base{STACKCTL_BINARY, "-f", (examples / "compose.yaml").string(), "-p", project_};
  auto with = [&](std::vector<std::string> args) {
    auto argv = base;
    argv.insert(argv.end(), args.begin(), args.end());
    return argv;
  };
  auto r = run_process(with({"up", "-d", "--wait", "--wait-timeout", "90"}), {}, {"WEB_PORT=" + port});
  ASSERT_EQ(r.exit_code, 0) << r.err;

  r = run_process(with({"ps", "--format", "json"}), {}, {"WEB_PORT=" + port});
  std::map<std::string, std::string> health;
  for (const auto& line : lines_of(r.out)) {
    const auto j = nlohmann::json::parse(line);
    EXPECT_EQ(j["State"], "running") << line;
    health[j["Service"]] = j["Health"];
  }
  EXPECT_EQ(health, (std::map<std::string, std::string>{{"db", "healthy"}, {"web", "healthy"}, {"worker", ""}}));

  // The page from the bind mount, through the published port.
  r = run_process({on_path("curl"), "-sS", "--noproxy", "*", "--max-time", "10", "http://127.0.0.1:" + port + "/"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("Hello from stackctl"));

  r = run_process(with({"down", "-v", "-t", "1"}), {}, {"WEB_PORT=" + port});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_FALSE(volume_exists(project_ + "_db-data"));
  EXPECT_FALSE(volume_exists(project_ + "_worker-output"));
  cleaned_ = true;
}

}  // namespace
}  // namespace stackctl::testing
