// A wrong -f must not take down a stranger's stack (issue 17.4): a directory is no compose file,
// and the commands that remove containers refuse a project without services unless it was named.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "cli_test_support.hpp"

namespace stackctl::cli::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

struct removal_safety : ::testing::Test {
  temp_dir dir{"safeapp"};
  // Nothing answers here: a refusal must come before any connection.
  std::map<std::string, std::string> env{{"DOCKER_HOST", "unix:///nonexistent/stackctl.sock"}};

  process_result run(const std::vector<std::string>& args, std::map<std::string, std::string> more = {}) {
    auto e = env;
    e.insert(more.begin(), more.end());
    return run_stackctl(args, {dir.path(), e, {}});
  }
};

TEST_F(removal_safety, ADirectoryIsNoComposeFile) {
  dir.write("compose.yaml", "services:\n  web:\n    image: nginx\n");
  dir.write("sub/.keep", "");
  const auto expected = (dir.path() / "sub").string() + ": is a directory, not a compose file";
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"-f", "sub", "config"}, {"-f", "sub", "down", "--remove-orphans"}, {"-f", "sub", "ps"}}) {
    SCOPED_TRACE(::testing::PrintToString(args));
    const auto r = run(args);
    EXPECT_NE(r.exit_code, 0);
    EXPECT_THAT(r.err, HasSubstr(expected));
    EXPECT_THAT(r.err, Not(HasSubstr("nonexistent")));
  }
  const auto r = run({"config"}, {{"COMPOSE_FILE", "sub"}});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_THAT(r.err, HasSubstr(expected));
}

TEST_F(removal_safety, RemovingCommandsRefuseAProjectWithoutServicesUnlessNamed) {
  dir.write("compose.yaml", "services: {}\n");
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"down"}, {"down", "--remove-orphans", "-v"}, {"rm", "-f"}, {"up", "-d", "--remove-orphans"}}) {
    SCOPED_TRACE(::testing::PrintToString(args));
    const auto r = run(args);
    EXPECT_NE(r.exit_code, 0);
    EXPECT_THAT(r.err, HasSubstr("the project \"safeapp\" has no services"));
    EXPECT_THAT(r.err, HasSubstr("-p safeapp"));
    EXPECT_THAT(r.err, Not(HasSubstr("nonexistent"))) << "the engine was contacted";
  }
  // Named by the user: the command goes on (and meets the missing engine).
  EXPECT_THAT(run({"-p", "safeapp", "down"}).err, HasSubstr("nonexistent"));
  EXPECT_THAT(run({"down"}, {{"COMPOSE_PROJECT_NAME", "safeapp"}}).err, HasSubstr("nonexistent"));
  // Read-only commands are not refused.
  EXPECT_THAT(run({"ps"}).err, HasSubstr("nonexistent"));
}

}  // namespace
}  // namespace stackctl::cli::testing
