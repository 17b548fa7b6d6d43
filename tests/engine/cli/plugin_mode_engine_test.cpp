// stackctl as the docker CLI's compose plugin, with the real docker CLI 28 of this machine and the
// real dockerd (label `engine`): installed into a private DOCKER_CONFIG, `docker compose …` runs it;
// docker's global flags and docker contexts reach the engine the docker CLI would reach.
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "engine_fixture.hpp"
#include "process.hpp"
#include "stackctl/engine/filters.hpp"

namespace stackctl::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

class PluginMode : public engine_test {
 protected:
  void SetUp() override {
    engine_test::SetUp();
    const auto installed = stackctl({"install-plugin"});
    ASSERT_EQ(installed.exit_code, 0) << installed.err;
    std::ofstream(dir_.path() / "compose.yaml") << fmt::format(R"(services:
  web:
    image: {}
    command: ["sh", "-c", "trap 'exit 0' TERM; sleep 3600 & wait"]
)",
                                                               kBusyboxImage);
  }
  void TearDown() override {
    stackctl({"-p", project_, "down", "-v", "-t", "1"});
    engine::container_list_options lo;
    lo.all = true;
    lo.filters.add_label("com.docker.compose.project", project_);
    for (const auto& c : docker.containers().list(lo)) guard.container(c.id);
  }

  std::vector<std::string> env() const { return {"DOCKER_CONFIG=" + config_.path().string()}; }
  process_result docker_cli(std::vector<std::string> args) {
    args.insert(args.begin(), docker_);
    return run_process(args, dir_.path().string(), env());
  }
  process_result stackctl(std::vector<std::string> args) {
    args.insert(args.begin(), STACKCTL_BINARY);
    return run_process(args, dir_.path().string(), env());
  }

  temp_dir config_;  // the private DOCKER_CONFIG: cli-plugins/, contexts/
  temp_dir dir_;
  std::string project_ = unique_name("plugin");
  std::string docker_ = on_path("docker");
};

TEST_F(PluginMode, DockerComposeRunsStackctlAndSaysSo) {
  EXPECT_TRUE(std::filesystem::is_symlink(config_.path() / "cli-plugins" / "docker-compose"));
  const auto version = docker_cli({"compose", "version"});
  EXPECT_EQ(version.exit_code, 0) << version.err;
  EXPECT_THAT(version.out, StartsWith("Docker Compose version v2.40.3 (stackctl "));
  EXPECT_EQ(docker_cli({"compose", "version", "--short"}).out, "2.40.3\n");
  EXPECT_THAT(docker_cli({"--help"}).out, HasSubstr("Docker Compose by stackctl"));
  // The metadata call prints the JSON and nothing else.
  const auto meta = stackctl({"docker-cli-plugin-metadata"});
  EXPECT_EQ(meta.exit_code, 0);
  const auto j = nlohmann::json::parse(meta.out);
  EXPECT_EQ(j.at("SchemaVersion"), "0.1.0");
  EXPECT_EQ(j.at("Vendor"), "stackctl");
  EXPECT_TRUE(meta.err.empty()) << meta.err;
}

TEST_F(PluginMode, UpPsDownThroughTheDockerCli) {
  const auto up = docker_cli({"compose", "-p", project_, "up", "-d", "--wait"});
  ASSERT_EQ(up.exit_code, 0) << up.err;
  // docker's own global flags before `compose` are honoured.
  const auto ps = docker_cli({"-H", "unix:///var/run/docker.sock", "--log-level", "warn", "compose", "-p", project_,
                              "ps", "--format", "json"});
  ASSERT_EQ(ps.exit_code, 0) << ps.err;
  EXPECT_THAT(ps.out, HasSubstr(fmt::format("\"Name\":\"{}-web-1\"", project_)));
  EXPECT_THAT(ps.out, HasSubstr("\"State\":\"running\""));
  const auto down = docker_cli({"compose", "-p", project_, "down", "-t", "1"});
  EXPECT_EQ(down.exit_code, 0) << down.err;
  engine::container_list_options lo;
  lo.all = true;
  lo.filters.add_label("com.docker.compose.project", project_);
  EXPECT_TRUE(docker.containers().list(lo).empty());
}

TEST_F(PluginMode, DockerContextsChooseTheEngine) {
  const auto ctx = unique_name("ctx");
  ASSERT_EQ(docker_cli({"context", "create", ctx, "--docker", "host=unix:///var/run/docker.sock"}).exit_code, 0);
  const auto ps = docker_cli({"--context", ctx, "compose", "-p", project_, "ps"});
  EXPECT_EQ(ps.exit_code, 0) << ps.err;
  const auto version = stackctl({"--context", ctx, "version"});
  EXPECT_EQ(version.exit_code, 0) << version.err;
  EXPECT_THAT(version.out, HasSubstr(fmt::format("unix:///var/run/docker.sock (context {})", ctx)));
  // The docker CLI's current context is stackctl's too.
  ASSERT_EQ(docker_cli({"context", "use", ctx}).exit_code, 0);
  EXPECT_THAT(stackctl({"version"}).out, HasSubstr(fmt::format("(context {})", ctx)));

  const auto bad = unique_name("bad");
  ASSERT_EQ(docker_cli({"context", "create", bad, "--docker", "host=unix:///nonexistent/docker.sock"}).exit_code, 0);
  const auto unreachable = docker_cli({"--context", bad, "compose", "-p", project_, "ps"});
  EXPECT_NE(unreachable.exit_code, 0);
  EXPECT_THAT(unreachable.err, HasSubstr("unix:///nonexistent/docker.sock"));
  const auto missing = stackctl({"--context", "no-such-context", "-p", project_, "ps"});
  EXPECT_NE(missing.exit_code, 0);
  EXPECT_THAT(missing.err, HasSubstr("context \"no-such-context\" does not exist"));
}

}  // namespace
}  // namespace stackctl::testing
