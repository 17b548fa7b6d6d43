// Number-like flags refuse bad values at parse time with the value the user typed (issue 20.7):
// no 310-digit bound, no silent exit 0, nothing sent to an engine.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "cli_test_support.hpp"

namespace stackctl::cli::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

struct option_values : ::testing::Test {
  temp_dir dir{"optapp"};
  option_values() { dir.write("compose.yaml", "services:\n  web:\n    image: nginx\n"); }

  // An engine address that nothing answers: a bad flag must fail before any connection.
  process_result run(const std::vector<std::string>& args) {
    return run_stackctl(args, {dir.path(), {{"DOCKER_HOST", "unix:///nonexistent/stackctl.sock"}}, {}});
  }
};

TEST_F(option_values, NegativeOrTextSecondsNameTheValue) {
  for (const auto& args : std::vector<std::vector<std::string>>{{"up", "--wait-timeout", "-1"},
                                                                {"up", "-t", "-5"},
                                                                {"down", "-t", "abc"},
                                                                {"stop", "-t", "1.5"},
                                                                {"restart", "--timeout", "x"},
                                                                {"start", "--wait-timeout", "-1"},
                                                                {"rm", "-s", "-t", "99999999999"}}) {
    SCOPED_TRACE(::testing::PrintToString(args));
    const auto r = run(args);
    EXPECT_NE(r.exit_code, 0);
    EXPECT_THAT(r.err, HasSubstr("must be a whole number of seconds, 0 or more (not \"" + args.back() + "\")"));
    EXPECT_THAT(r.err, Not(HasSubstr("1.79769"))) << r.err;
    EXPECT_THAT(r.err, Not(HasSubstr("nonexistent"))) << "the engine was contacted: " << r.err;
  }
}

TEST_F(option_values, LogsTailTakesLinesOrAll) {
  const auto r = run({"logs", "--tail", "abc"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_THAT(r.err, HasSubstr("must be a number of lines, 0 or more, or \"all\" (not \"abc\")"));
  EXPECT_THAT(r.err, Not(HasSubstr("nonexistent")));
  for (const auto* ok : {"all", "0", "25"}) {  // accepted: the failure is then the missing engine
    const auto good = run({"logs", "--tail", ok});
    EXPECT_THAT(good.err, Not(HasSubstr("must be"))) << ok;
  }
}

TEST_F(option_values, ValidSecondsPassTheParse) {
  const auto r = run({"down", "-t", "0"});
  EXPECT_THAT(r.err, Not(HasSubstr("must be")));
  EXPECT_THAT(r.err, HasSubstr("nonexistent")) << "expected the connection error: " << r.err;
}

}  // namespace
}  // namespace stackctl::cli::testing
