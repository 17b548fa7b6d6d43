// `stackctl doctor`: the .env against the schema, the project loading, the engine answering — one
// "error:"/"warning:" line per problem, exit 1 on an error, nothing created on the host.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>

#include "cli_test_support.hpp"
#include "stackctl/mock_engine/mock_engine.hpp"

namespace stackctl::cli::testing {
namespace {

namespace fs = std::filesystem;
using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

fs::path flowmesh() { return fs::path(fixtures_dir()) / "flowmesh"; }

std::set<std::string> snapshot(const fs::path& root) {
  std::set<std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(root))
    out.insert(fs::relative(e.path(), root).string() + (e.is_directory() ? "/" : ""));
  return out;
}

class doctor : public ::testing::Test {
 protected:
  temp_dir dir{"flowmesh"};
  mock_engine::mock_engine engine;
  void SetUp() override {
    for (const char* n : {"compose.plugin-data.yml", "env.schema.plugin-data.yaml"})
      dir.write(n, slurp(flowmesh() / n));
    dir.write(".env", slurp(flowmesh() / "env.plugin-data.example"));
  }
  process_result run(const std::string& host) {
    return run_stackctl({"-f", "compose.plugin-data.yml", "doctor"}, {dir.path(), {{"DOCKER_HOST", host}}, {}});
  }
  static std::vector<std::string> problems(const std::string& out) {
    std::vector<std::string> found;
    for (const auto& l : lines_of(out))
      if (l.rfind("error: ", 0) == 0 || l.rfind("warning: ", 0) == 0) found.push_back(l);
    return found;
  }
};

TEST_F(doctor, AGoodDotenvAndAnAnsweringEnginePass) {
  const auto before = snapshot(dir.root());
  const auto r = run(engine.docker_host());
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  for (const auto& l : lines_of(r.out)) EXPECT_THAT(l, Not(StartsWith("error:")));
  EXPECT_FALSE(engine.requests("HEAD", "/_ping").empty() && engine.requests("GET", "/_ping").empty());
  EXPECT_EQ(snapshot(dir.root()), before);  // doctor creates nothing (no plugin dirs, no files)
}

TEST_F(doctor, AMissingKeyAndAWrongTypeAreReportedByLine) {
  std::string text = slurp(flowmesh() / "env.plugin-data.example");
  const auto alias = text.find("NODE_ALIAS=node\n");
  ASSERT_NE(alias, std::string::npos);
  text.erase(alias, std::string("NODE_ALIAS=node\n").size());
  const auto port = text.find("SERVER_HTTP_PORT=8000\n");
  ASSERT_NE(port, std::string::npos);
  text.replace(port, std::string("SERVER_HTTP_PORT=8000").size(), "SERVER_HTTP_PORT=eighty");
  dir.write(".env", text);
  int port_line = 1;
  for (std::size_t i = 0; i < port; ++i) port_line += text[i] == '\n' ? 1 : 0;

  const auto before = snapshot(dir.root());
  const auto r = run(engine.docker_host());
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  const auto found = problems(r.out);
  const std::string dotenv = (dir.path() / ".env").string();
  EXPECT_THAT(found, Contains(AllOf(StartsWith("error: " + dotenv + ":" + std::to_string(port_line) + ": "),
                                    HasSubstr("SERVER_HTTP_PORT"), HasSubstr("eighty"))))
      << r.out;
  EXPECT_THAT(found, Contains(HasSubstr("NODE_ALIAS"))) << r.out;
  EXPECT_EQ(snapshot(dir.root()), before);
}

TEST_F(doctor, AnEngineThatDoesNotAnswerIsAnError) {
  const auto r = run("unix://" + (dir.root() / "no-such.sock").string());
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_THAT(problems(r.out), Contains(StartsWith("error: the engine does not answer"))) << r.out;
}

TEST_F(doctor, AnUnloadableDotenvIsOneError) {
  dir.write(".env", "NODE_ROLE=\"root\n");
  const auto r = run(engine.docker_host());
  EXPECT_EQ(r.exit_code, 1);
  const auto found = problems(r.out);
  ASSERT_EQ(found.size(), 1u) << r.out;
  EXPECT_THAT(found[0], StartsWith("error: " + (dir.path() / ".env").string() + ":1:"));
}

}  // namespace
}  // namespace stackctl::cli::testing
