// `stackctl env example|check|init` on the FlowMesh assets (fixtures/flowmesh): the renders are byte
// for byte the shipped examples, a single changed byte is a diff and exit 1, init writes mode 0600.
#include <sys/stat.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "cli_test_support.hpp"

namespace stackctl::cli::testing {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

fs::path flowmesh() { return fs::path(fixtures_dir()) / "flowmesh"; }

void copy_flowmesh(temp_dir& dir, std::initializer_list<const char*> names) {
  for (const auto* n : names) dir.write(n, slurp(flowmesh() / n));
}

unsigned mode_of(const fs::path& p) {
  struct stat st {};
  EXPECT_EQ(::stat(p.c_str(), &st), 0) << p;
  return st.st_mode & 07777;
}

TEST(env_example, ExplicitSchemaReproducesThePluginDataExample) {
  temp_dir dir;
  const auto r = run_stackctl({"--env-schema", (flowmesh() / "env.schema.plugin-data.yaml").string(), "env", "example"},
                              {dir.path(), {}, {}});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, slurp(flowmesh() / "env.plugin-data.example"));
  EXPECT_THAT(r.err, IsEmpty());
}

TEST(env_example, DiscoveryBesideTheComposeFilePicksTheVariantSchema) {
  temp_dir dir("flowmesh");
  copy_flowmesh(dir, {"compose.plugin-data.yml", "compose.yml", "env.schema.plugin-data.yaml", "env.schema.yaml"});
  const auto variant = run_stackctl({"-f", "compose.plugin-data.yml", "env", "example"}, {dir.path(), {}, {}});
  ASSERT_EQ(variant.exit_code, 0) << variant.err;
  EXPECT_EQ(variant.out, slurp(flowmesh() / "env.plugin-data.example"));
  // No -f: compose's discovery finds compose.yml, whose schema is env.schema.yaml.
  const auto newest = run_stackctl({"env", "example"}, {dir.path(), {}, {}});
  ASSERT_EQ(newest.exit_code, 0) << newest.err;
  EXPECT_EQ(newest.out, slurp(flowmesh() / "env.example"));
}

TEST(env_example, WithoutASchemaFailsWithAHint) {
  temp_dir dir;
  dir.write("compose.yml", "services:\n  web:\n    image: busybox\n");
  const auto r = run_stackctl({"env", "example"}, {dir.path(), {}, {}});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.out, IsEmpty());
  EXPECT_THAT(r.err, HasSubstr("--env-schema FILE"));
  EXPECT_EQ(lines_of(r.err).size(), 1u) << r.err;
}

TEST(env_check, ShippedPairsAreEqual) {
  temp_dir dir;
  for (const char* schema : {"env.schema.yaml", "env.schema.plugin-data.yaml"}) {
    const auto r = run_stackctl({"--env-schema", (flowmesh() / schema).string(), "env", "check"}, {dir.path(), {}, {}});
    EXPECT_EQ(r.exit_code, 0) << schema << ": " << r.out << r.err;
    EXPECT_THAT(r.out, IsEmpty()) << schema;
    EXPECT_THAT(r.err, IsEmpty()) << schema;
  }
}

TEST(env_check, OneChangedByteIsADiffAndWriteFixesIt) {
  temp_dir dir("flowmesh");
  copy_flowmesh(dir, {"env.schema.plugin-data.yaml"});
  const std::string good = slurp(flowmesh() / "env.plugin-data.example");
  std::string bad = good;
  const auto at = bad.find("FLOWMESH_VERSION=dev\n");
  ASSERT_NE(at, std::string::npos);
  bad[at + std::string("FLOWMESH_VERSION=de").size()] = 'V';
  dir.write("env.plugin-data.example", bad);

  const std::vector<std::string> check = {"--env-schema", "env.schema.plugin-data.yaml", "env", "check"};
  const auto r = run_stackctl(check, {dir.path(), {}, {}});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.out, HasSubstr("\n-FLOWMESH_VERSION=deV\n+FLOWMESH_VERSION=dev\n"));
  EXPECT_THAT(r.out, HasSubstr("--- " + (dir.path() / "env.plugin-data.example").string()));
  EXPECT_THAT(r.err, HasSubstr("stackctl env check --write"));
  EXPECT_EQ(dir.read("env.plugin-data.example"), bad);  // a check alone writes nothing

  auto with_write = check;
  with_write.push_back("--write");
  const auto w = run_stackctl(with_write, {dir.path(), {}, {}});
  EXPECT_EQ(w.exit_code, 0) << w.err;
  EXPECT_EQ(dir.read("env.plugin-data.example"), good);
  const auto again = run_stackctl(check, {dir.path(), {}, {}});
  EXPECT_EQ(again.exit_code, 0) << again.out << again.err;
  EXPECT_THAT(again.out, IsEmpty());
}

TEST(env_check, ATrailingSpaceCountsAndAFileArgumentIsChecked) {
  temp_dir dir;
  std::string text = slurp(flowmesh() / "env.plugin-data.example");
  const auto at = text.find("FLOWMESH_PLUGIN_DIR \n");
  ASSERT_NE(at, std::string::npos) << "the example keeps its trailing spaces";
  text.erase(at + std::string("FLOWMESH_PLUGIN_DIR").size(), 1);
  dir.write("mine.env", text);
  const auto r =
      run_stackctl({"--env-schema", (flowmesh() / "env.schema.plugin-data.yaml").string(), "env", "check", "mine.env"},
                   {dir.path(), {}, {}});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.out, HasSubstr("+# Plugins are Python packages dropped under FLOWMESH_PLUGIN_DIR \n"));
}

TEST(env_init, WritesTheRenderWithMode0600AndRefusesToOverwrite) {
  temp_dir dir("flowmesh");
  copy_flowmesh(dir, {"compose.yml", "env.schema.yaml"});
  const auto r = run_stackctl({"env", "init"}, {dir.path(), {}, {}});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(dir.read(".env"), slurp(flowmesh() / "env.example"));
  EXPECT_EQ(mode_of(dir.path() / ".env"), 0600u);

  dir.write(".env", "NODE_ROLE=worker\n");
  const auto refused = run_stackctl({"env", "init"}, {dir.path(), {}, {}});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_EQ(refused.err, "stackctl: " + (dir.path() / ".env").string() + " exists; use --force\n");
  EXPECT_EQ(dir.read(".env"), "NODE_ROLE=worker\n");

  fs::permissions(dir.path() / ".env", fs::perms(0644));
  const auto forced = run_stackctl({"env", "init", "--force"}, {dir.path(), {}, {}});
  EXPECT_EQ(forced.exit_code, 0) << forced.err;
  EXPECT_EQ(dir.read(".env"), slurp(flowmesh() / "env.example"));
  EXPECT_EQ(mode_of(dir.path() / ".env"), 0600u);  // narrowed, not kept at 0644
}

TEST(env_init, PresetAndEnvFileTarget) {
  temp_dir dir("flowmesh");
  copy_flowmesh(dir, {"compose.plugin-data.yml", "env.schema.plugin-data.yaml"});
  const auto r =
      run_stackctl({"-f", "compose.plugin-data.yml", "--env-file", "worker.env", "env", "init", "--preset", "worker"},
                   {dir.path(), {}, {}});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_FALSE(fs::exists(dir.path() / ".env"));
  const auto text = dir.read("worker.env");
  EXPECT_THAT(text, HasSubstr("\nNODE_ROLE=worker\n"));
  EXPECT_EQ(mode_of(dir.path() / "worker.env"), 0600u);

  const auto unknown =
      run_stackctl({"-f", "compose.plugin-data.yml", "env", "init", "--preset", "nope"}, {dir.path(), {}, {}});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_THAT(unknown.err, HasSubstr("worker"));  // names the presets there are
  EXPECT_FALSE(fs::exists(dir.path() / ".env"));
}

}  // namespace
}  // namespace stackctl::cli::testing
