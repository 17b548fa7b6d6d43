// The project flags every command shares (-f, -p, --project-directory, --env-file, --profile)
// and their environment variables, seen through `stackctl config`.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "cli_test_support.hpp"

namespace stackctl::cli::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

struct global_flags : ::testing::Test {
  temp_dir dir{"myapp"};

  process_result run(const std::vector<std::string>& args, std::map<std::string, std::string> env = {},
                     const std::string& stdin_text = {}) {
    return run_stackctl(args, {dir.path(), std::move(env), stdin_text});
  }
  std::string ok(const std::vector<std::string>& args, std::map<std::string, std::string> env = {}) {
    const auto r = run(args, std::move(env));
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.out;
  }
};

TEST_F(global_flags, DiscoveryWithOverrideAndDirectoryName) {
  dir.write("compose.yaml", "services:\n  web:\n    image: nginx\n");
  dir.write("compose.override.yml", "services:\n  web:\n    image: nginx:override\n");
  const auto out = ok({"config"});
  EXPECT_THAT(out, StartsWith("name: myapp\n"));
  EXPECT_THAT(out, HasSubstr("image: nginx:override"));
}

TEST_F(global_flags, DiscoveryInAParentDirectory) {
  dir.write("compose.yaml", "services:\n  web:\n    image: nginx\n");
  dir.write("sub/deeper/.keep", "");
  const auto r = run_stackctl({"config", "--services"}, {dir.path() / "sub/deeper", {}, {}});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "web\n");
}

TEST_F(global_flags, RepeatedFileFlagsMergeInOrder) {
  dir.write("a.yaml", "services:\n  web:\n    image: nginx\n    environment: [A=1]\n");
  dir.write("b.yaml", "services:\n  web:\n    image: nginx:b\n    environment: [B=2]\n  db:\n    image: postgres\n");
  const auto out = ok({"-f", "a.yaml", "--file", "b.yaml", "config"});
  EXPECT_THAT(out, HasSubstr("image: nginx:b"));
  EXPECT_THAT(out, HasSubstr("      A: \"1\"\n      B: \"2\"\n"));
  EXPECT_EQ(ok({"-f", "a.yaml", "-f", "b.yaml", "config", "--services"}), "db\nweb\n");
}

TEST_F(global_flags, FileFromStdin) {
  const auto r = run({"-f", "-", "config", "--images"}, {}, "services:\n  web:\n    image: from-stdin\n");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "from-stdin\n");
}

TEST_F(global_flags, ComposeFileVariable) {
  dir.write("a.yaml", "services:\n  web:\n    image: nginx\n");
  dir.write("b.yaml", "services:\n  web:\n    image: nginx:b\n");
  EXPECT_EQ(ok({"config", "--images"}, {{"COMPOSE_FILE", "a.yaml:b.yaml"}}), "nginx:b\n");
  // -f wins over COMPOSE_FILE.
  EXPECT_EQ(ok({"-f", "a.yaml", "config", "--images"}, {{"COMPOSE_FILE", "b.yaml"}}), "nginx\n");
}

TEST_F(global_flags, ProjectNamePrecedence) {
  dir.write("compose.yaml", "name: from-file\nservices:\n  web:\n    image: nginx\n");
  EXPECT_THAT(ok({"config"}), StartsWith("name: from-file\n"));
  EXPECT_THAT(ok({"config"}, {{"COMPOSE_PROJECT_NAME", "from-env"}}), StartsWith("name: from-env\n"));
  EXPECT_THAT(ok({"-p", "from-flag", "config"}, {{"COMPOSE_PROJECT_NAME", "from-env"}}),
              StartsWith("name: from-flag\n"));
  EXPECT_THAT(ok({"--project-name", "long-flag", "config"}), StartsWith("name: long-flag\n"));
}

TEST_F(global_flags, ProjectDirectoryHoldsTheFilesAndTheDotEnv) {
  dir.write("stack/compose.yaml", "services:\n  web:\n    image: nginx:${TAG}\n    volumes: [./data:/data]\n");
  dir.write("stack/.env", "TAG=from-stack-dotenv\n");
  const auto out = ok({"--project-directory", "stack", "config"});
  EXPECT_THAT(out, StartsWith("name: stack\n"));
  EXPECT_THAT(out, HasSubstr("image: nginx:from-stack-dotenv"));
  EXPECT_THAT(out, HasSubstr("source: " + (dir.path() / "stack/data").string()));
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "stack/data"));  // config creates no bind directory
}

TEST_F(global_flags, DotEnvBesideTheFirstFileAndShellWins) {
  dir.write("compose.yaml", "services:\n  web:\n    image: nginx:${TAG}\n");
  dir.write(".env", "TAG=dotenv\n");
  EXPECT_EQ(ok({"config", "--images"}), "nginx:dotenv\n");
  EXPECT_EQ(ok({"config", "--images"}, {{"TAG", "shell"}}), "nginx:shell\n");
}

TEST_F(global_flags, EnvFilesReplaceDotEnvAndLaterFilesWin) {
  dir.write("compose.yaml", "services:\n  web:\n    image: nginx:${TAG}-${OTHER}\n");
  dir.write(".env", "TAG=dotenv\nOTHER=dotenv\n");
  dir.write("one.env", "TAG=one\nOTHER=one\n");
  dir.write("two.env", "TAG=two\n");
  EXPECT_EQ(ok({"--env-file", "one.env", "config", "--images"}), "nginx:one-one\n");
  EXPECT_EQ(ok({"--env-file", "one.env", "--env-file", "two.env", "config", "--images"}), "nginx:two-one\n");
  EXPECT_EQ(ok({"config", "--images"}, {{"COMPOSE_ENV_FILES", "one.env,two.env"}}), "nginx:two-one\n");
}

TEST_F(global_flags, ComposeVariablesFromDotEnv) {
  dir.write("stack.yaml", "services:\n  web:\n    image: nginx\n  extra:\n    image: busybox\n    profiles: [x]\n");
  dir.write(".env", "COMPOSE_FILE=stack.yaml\nCOMPOSE_PROFILES=x\nCOMPOSE_PROJECT_NAME=dotenv-name\n");
  const auto out = ok({"config"});
  EXPECT_THAT(out, StartsWith("name: dotenv-name\n"));
  EXPECT_THAT(out, HasSubstr("  extra:\n"));
}

TEST_F(global_flags, RepeatedProfiles) {
  dir.write("compose.yaml",
            "services:\n  a:\n    image: a\n    profiles: [one]\n  b:\n    image: b\n    profiles: [two]\n"
            "  c:\n    image: c\n");
  EXPECT_EQ(ok({"config", "--services"}), "c\n");
  EXPECT_EQ(ok({"--profile", "one", "--profile", "two", "config", "--services"}), "a\nb\nc\n");
  EXPECT_EQ(ok({"--profile", "*", "config", "--services"}), "a\nb\nc\n");
  EXPECT_EQ(ok({"config", "--services"}, {{"COMPOSE_PROFILES", "two, one"}}), "a\nb\nc\n");
  // --profile wins over COMPOSE_PROFILES.
  EXPECT_EQ(ok({"--profile", "one", "config", "--services"}, {{"COMPOSE_PROFILES", "two"}}), "a\nc\n");
}

TEST_F(global_flags, WarningsGoToStderr) {
  dir.write("compose.yaml", "version: \"3.8\"\nservices:\n  web:\n    image: nginx:${UNSET_TAG}\n");
  const auto r = run({"config", "--images"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "nginx:\n");
  EXPECT_THAT(r.err,
              HasSubstr("stackctl: warning: The \"UNSET_TAG\" variable is not set. Defaulting to a blank string."));
  EXPECT_THAT(r.err, HasSubstr("stackctl: warning: the attribute `version` is obsolete"));
}

TEST_F(global_flags, VersionFlagAndHelp) {
  const auto v = run({"--version"});
  EXPECT_EQ(v.exit_code, 0);
  EXPECT_THAT(v.out, StartsWith("stackctl version "));
  const auto h = run({"config", "--help"});
  EXPECT_EQ(h.exit_code, 0);
  for (const char* flag : {"--format", "--services", "--volumes", "--networks", "--images", "--profiles", "--quiet",
                           "--no-interpolate", "--hash", "--output"})
    EXPECT_THAT(h.out, HasSubstr(flag));
  const auto root = run({"--help"});
  for (const char* flag : {"--file", "--project-name", "--project-directory", "--env-file", "--profile", "--host"})
    EXPECT_THAT(root.out, HasSubstr(flag));
  EXPECT_THAT(root.out, Not(HasSubstr("--resolve-image-digests")));
}

TEST_F(global_flags, MissingSubcommandIsUsageError) { EXPECT_EQ(run({}).exit_code, 2); }

TEST_F(global_flags, AnUnknownCommandIsNamedWithTheClosestKnownOne) {
  auto r = run({"exce", "web", "sh"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "stackctl: unknown command \"exce\"; did you mean \"exec\"? (stackctl --help lists them)\n");
  r = run({"-p", "demo", "upp", "-d"});  // after global flags too
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("unknown command \"upp\"; did you mean \"up\"?"));
  r = run({"frobnicate"});  // nothing near: no guess
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "stackctl: unknown command \"frobnicate\" (stackctl --help lists the commands)\n");
}

TEST_F(global_flags, RunRefusesBadFlagsBeforeTouchingAnything) {
  dir.write("compose.yaml", "services:\n  web:\n    image: nginx\n");
  auto r = run({"run", "--service-ports", "-p", "80", "web"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("--service-ports and --publish are incompatible"));
  r = run({"run", "-p", "99999", "web"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_THAT(r.err, HasSubstr("invalid port \"99999\""));
  r = run({"run", "-l", "novalue", "web"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_THAT(r.err, HasSubstr("label must be set as KEY=VALUE"));
  r = run({"run"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("requires a SERVICE"));
}

}  // namespace
}  // namespace stackctl::cli::testing
