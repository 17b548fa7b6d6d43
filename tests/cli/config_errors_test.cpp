// Every bad input of issue 3 gives exactly one line on stderr — `stackctl: <file>:<line>:<col>:
// <dotted path>: <message>` — nothing on stdout, and exit status 1. Bad arguments exit 2.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "cli_test_support.hpp"

namespace stackctl::cli::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

// Writes compose.yaml in a fresh project and runs `stackctl <args>` there.
struct bad_project : ::testing::Test {
  temp_dir dir;
  std::string file() const { return (dir.path() / "compose.yaml").string(); }
  process_result config(const std::string& compose, std::vector<std::string> args = {"config"},
                        std::map<std::string, std::string> env = {}) {
    dir.write("compose.yaml", compose);
    return run_stackctl(args, {dir.path(), std::move(env), {}});
  }
};

// The one error line, after checking the rest of what the user sees.
std::string single_error_line(const process_result& r) {
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(r.out, "");
  const auto lines = lines_of(r.err);
  EXPECT_EQ(lines.size(), 1u) << r.err;
  return lines.empty() ? std::string() : lines.front();
}

TEST_F(bad_project, YamlSyntax) {
  const auto r = config("services:\n  web:\n    image: [nginx\n");
  EXPECT_EQ(single_error_line(r), "stackctl: " + file() + ":4:1: yaml: end of sequence flow not found");
}

TEST_F(bad_project, WrongType) {
  const auto r = config("services:\n  web:\n    image: nginx\n    ports: 80\n");
  EXPECT_EQ(single_error_line(r), "stackctl: " + file() + ":4:12: services.web.ports: must be a list, not a number");
}

TEST_F(bad_project, UndefinedService) {
  const auto r = config("services:\n  web:\n    image: nginx\n    depends_on: [db]\n");
  EXPECT_EQ(single_error_line(r), "stackctl: " + file() +
                                      ":4:17: services.web.depends_on: service \"web\" depends on undefined service "
                                      "\"db\": invalid compose project");
}

TEST_F(bad_project, UndefinedNetwork) {
  const auto r = config("services:\n  web:\n    image: nginx\n    networks: [front]\n");
  EXPECT_EQ(single_error_line(r), "stackctl: " + file() +
                                      ":4:15: services.web.networks: service \"web\" refers to undefined network "
                                      "front: invalid compose project");
}

TEST_F(bad_project, UndefinedVolume) {
  const auto r = config("services:\n  web:\n    image: nginx\n    volumes: [\"data:/data\"]\n");
  EXPECT_EQ(single_error_line(r), "stackctl: " + file() +
                                      ":4:15: services.web.volumes[0]: service \"web\" refers to undefined volume "
                                      "data: invalid compose project");
}

TEST_F(bad_project, UndefinedSecret) {
  const auto r = config("services:\n  web:\n    image: nginx\n    secrets: [token]\n");
  EXPECT_EQ(single_error_line(r), "stackctl: " + file() +
                                      ":4:14: services.web.secrets: service \"web\" refers to undefined secret "
                                      "token: invalid compose project");
}

TEST_F(bad_project, DependencyCycle) {
  const auto r =
      config("services:\n  a:\n    image: nginx\n    depends_on: [b]\n  b:\n    image: nginx\n    depends_on: [a]\n");
  EXPECT_EQ(single_error_line(r),
            "stackctl: " + file() + ":7:17: services.b.depends_on: dependency cycle detected: a -> b -> a");
}

TEST_F(bad_project, ContainerNameWithScale) {
  const auto r = config("services:\n  web:\n    image: nginx\n    container_name: web\n    scale: 2\n");
  EXPECT_EQ(single_error_line(r), "stackctl: " + file() +
                                      ":4:21: services.web.container_name: services.web: can't set container_name "
                                      "and web as container name must be unique: invalid compose project");
}

TEST_F(bad_project, NetworkModeWithNetworks) {
  const auto r = config("services:\n  web:\n    image: nginx\n    network_mode: host\n    networks: [default]\n");
  EXPECT_EQ(single_error_line(r), "stackctl: " + file() +
                                      ":5:15: services.web.networks: service web declares mutually exclusive "
                                      "`network_mode` and `networks`: invalid compose project");
}

TEST_F(bad_project, BareVolumeNameSuggestsRelativePath) {
  const auto r = config("services:\n  web:\n    image: nginx\n    volumes: [\"data/dir:/data\"]\n");
  EXPECT_EQ(single_error_line(r), "stackctl: " + file() +
                                      ":4:15: services.web.volumes[0]: \"data/dir\" is not a valid volume name; "
                                      "use \"./data/dir\" for a path relative to the project directory");
}

TEST_F(bad_project, InvalidProjectNameFlag) {
  const auto r = config("services:\n  web:\n    image: nginx\n", {"-p", "Bad_Name", "config"});
  EXPECT_EQ(single_error_line(r),
            "stackctl: invalid project name \"Bad_Name\": must consist only of lowercase alphanumeric characters, "
            "hyphens, and underscores as well as start with a letter or number");
}

TEST_F(bad_project, InvalidProjectNameFromEnvironment) {
  const auto r = config("services:\n  web:\n    image: nginx\n", {"config"}, {{"COMPOSE_PROJECT_NAME", "-dash"}});
  EXPECT_THAT(single_error_line(r), StartsWith("stackctl: invalid project name \"-dash\""));
}

TEST_F(bad_project, MalformedDotEnvNamesFileAndLine) {
  dir.write(".env", "A=1\nB=\"unterminated\n");
  const auto r = config("services:\n  web:\n    image: nginx:${A}\n");
  const auto line = single_error_line(r);
  EXPECT_THAT(line, StartsWith("stackctl: " + (dir.path() / ".env").string() + ":2: "));
  EXPECT_THAT(line, HasSubstr("unterminated quoted value \"unterminated"));
}

TEST_F(bad_project, MissingRequiredVariable) {
  const auto r = config("services:\n  web:\n    image: \"nginx:${TAG:?tag must be set}\"\n");
  EXPECT_EQ(single_error_line(r), "stackctl: " + file() +
                                      ":3:12: services.web.image: required variable TAG is missing a value: tag "
                                      "must be set");
}

TEST_F(bad_project, RequiredVariableFromEnvironmentPasses) {
  const auto r = config("services:\n  web:\n    image: \"nginx:${TAG:?tag must be set}\"\n", {"config", "--images"},
                        {{"TAG", "1.25"}});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "nginx:1.25\n");
}

TEST_F(bad_project, MissingComposeFile) {
  const auto r = run_stackctl({"-f", "nope.yaml", "config"}, {dir.path(), {}, {}});
  EXPECT_EQ(single_error_line(r),
            "stackctl: open " + (dir.path() / "nope.yaml").string() + ": no such file or directory");
}

TEST_F(bad_project, NoComposeFileFound) {
  const auto r = run_stackctl({"config"}, {dir.path(), {}, {}});
  EXPECT_EQ(single_error_line(r), "stackctl: no configuration file provided: not found");
}

TEST_F(bad_project, MissingEnvFile) {
  const auto r = config("services:\n  web:\n    image: nginx\n", {"--env-file", "missing.env", "config"});
  EXPECT_EQ(single_error_line(r), "stackctl: couldn't find env file: " + (dir.path() / "missing.env").string());
}

TEST_F(bad_project, UnknownServiceArgument) {
  const auto r = config("services:\n  web:\n    image: nginx\n", {"config", "db"});
  EXPECT_EQ(single_error_line(r), "stackctl: no such service: db");
}

TEST_F(bad_project, UnknownServiceInHash) {
  const auto r = config("services:\n  web:\n    image: nginx\n", {"config", "--hash", "web,db"});
  EXPECT_EQ(single_error_line(r), "stackctl: no such service: db");
}

// Usage errors: exit 2, nothing on stdout, a message on stderr.
TEST_F(bad_project, UnknownFlagIsUsageError) {
  const auto r = config("services:\n  web:\n    image: nginx\n", {"config", "--no-such-flag"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_THAT(r.err, HasSubstr("--no-such-flag"));
}

TEST_F(bad_project, UnknownGlobalFlagIsUsageError) {
  const auto r = config("services:\n  web:\n    image: nginx\n", {"--bogus", "config"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("--bogus"));
}

TEST_F(bad_project, UnknownCommandIsUsageError) {
  const auto r = config("services:\n  web:\n    image: nginx\n", {"conifg"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
}

TEST_F(bad_project, BadFormatValueIsUsageError) {
  const auto r = config("services:\n  web:\n    image: nginx\n", {"config", "--format", "toml"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
}

TEST_F(bad_project, ErrorDoesNotWriteTheOutputFile) {
  const auto r = config("services:\n  web:\n    image: [nginx\n", {"config", "-o", "out.yaml"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "out.yaml"));
}

}  // namespace
}  // namespace stackctl::cli::testing
