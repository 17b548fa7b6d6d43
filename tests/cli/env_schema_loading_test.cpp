// Every project-loading command with an env schema: the environment it derives (defaults, paths
// against the invocation directory, path-or-volume routing, .env over the shell), and that none
// but a deploy command writes anything on the host.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <set>

#include "cli_test_support.hpp"
#include "stackctl/mock_engine/mock_engine.hpp"

namespace stackctl::cli::testing {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using json = nlohmann::json;

fs::path flowmesh() { return fs::path(fixtures_dir()) / "flowmesh"; }

// The FlowMesh plugin-data stack with its schema; the .env holds one unrelated key, so the plugin
// variables are unset.
class schema_loading : public ::testing::Test {
 protected:
  temp_dir dir{"flowmesh"};
  void SetUp() override {
    for (const char* n : {"compose.plugin-data.yml", "env.schema.plugin-data.yaml"})
      dir.write(n, slurp(flowmesh() / n));
    dir.write(".env", "NODE_ROLE=root\n");
  }
  json config(const fs::path& cwd, const std::string& compose, std::map<std::string, std::string> env = {}) {
    const auto r = run_stackctl({"-f", compose, "--profile", "root", "config", "--format", "json"}, {cwd, env, {}});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.exit_code == 0 ? json::parse(r.out) : json::object();
  }
  static json mount_at(const json& doc, const std::string& target) {
    for (const auto& v : doc["services"]["server"]["volumes"])
      if (v["target"] == target) return v;
    return json::object();
  }
};

TEST_F(schema_loading, UnsetPluginDataDirIsABindInTheInvocationDirectory) {
  fs::create_directories(dir.root() / "elsewhere");
  const auto doc = config(dir.root() / "elsewhere", "../flowmesh/compose.plugin-data.yml");
  const auto m = mount_at(doc, "/app/plugin-data");
  EXPECT_EQ(m.value("type", ""), "bind") << m;
  EXPECT_EQ(m.value("source", ""), (dir.root() / "elsewhere" / "plugin-data").string());
  EXPECT_EQ(mount_at(doc, "/app/plugins").value("source", ""), (dir.root() / "elsewhere" / "plugins").string());
  EXPECT_EQ(doc.value("name", ""), "flowmesh_node");  // COMPOSE_PROJECT_NAME derived by the schema
}

TEST_F(schema_loading, ABareNameIsTheExternalVolume) {
  const auto doc = config(dir.path(), "compose.plugin-data.yml", {{"FLOWMESH_PLUGIN_DATA_DIR", "my_external_vol"}});
  const auto m = mount_at(doc, "/app/plugin-data");
  EXPECT_EQ(m.value("type", ""), "volume") << m;
  EXPECT_EQ(m.value("source", ""), "flowmesh_plugin_data");
  EXPECT_EQ(doc["volumes"]["flowmesh_plugin_data"], json({{"name", "my_external_vol"}, {"external", true}}));
}

TEST_F(schema_loading, DotenvOverridesTheShell) {
  dir.write(".env", "FLOWMESH_PLUGIN_DATA_DIR=./from-dotenv\nFLOWMESH_STACK_SUFFIX=Alice.Dev\n");
  const auto doc = config(dir.path(), "compose.plugin-data.yml",
                          {{"FLOWMESH_PLUGIN_DATA_DIR", "/from/shell"}, {"FLOWMESH_STACK_SUFFIX", "bob"}});
  EXPECT_EQ(mount_at(doc, "/app/plugin-data").value("source", ""), (dir.path() / "from-dotenv").string());
  EXPECT_EQ(doc.value("name", ""), "flowmesh_node_alice-dev");
}

TEST_F(schema_loading, WithoutASchemaTheShellWinsAsInCompose) {
  temp_dir plain;
  plain.write("compose.yml", "services:\n  web:\n    image: busybox\n    environment:\n      X: ${X}\n");
  plain.write(".env", "X=dotenv\n");
  const auto r = run_stackctl({"config", "--format", "json"}, {plain.path(), {{"X", "shell"}}, {}});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(json::parse(r.out)["services"]["web"]["environment"]["X"], "shell");
  // The same stack with a schema that says .env wins.
  plain.write("env.schema.yaml",
              "dotenv_overrides_shell: true\nsections:\n  - title: T\n    variables:\n      - key: X\n");
  const auto s = run_stackctl({"config", "--format", "json"}, {plain.path(), {{"X", "shell"}}, {}});
  ASSERT_EQ(s.exit_code, 0) << s.err;
  EXPECT_EQ(json::parse(s.out)["services"]["web"]["environment"]["X"], "dotenv");
}

TEST_F(schema_loading, AMalformedDotenvIsOneLineNamingFileAndLine) {
  dir.write(".env", "NODE_ROLE=root\nNODE_ALIAS=\"unterminated\n");
  const auto r = run_stackctl({"-f", "compose.plugin-data.yml", "config"}, {dir.path(), {}, {}});
  EXPECT_EQ(r.exit_code, 1);
  ASSERT_EQ(lines_of(r.err).size(), 1u) << r.err;
  EXPECT_THAT(r.err, HasSubstr("stackctl: " + (dir.path() / ".env").string() + ":2:"));
  EXPECT_THAT(r.err, HasSubstr("unterminated"));
}

TEST_F(schema_loading, AnInvalidVolumeNameSuggestsAPath) {
  dir.write(".env", "FLOWMESH_PLUGIN_DATA_DIR=data/dir\n");
  const auto r = run_stackctl({"-f", "compose.plugin-data.yml", "config"}, {dir.path(), {}, {}});
  EXPECT_EQ(r.exit_code, 1);
  ASSERT_EQ(lines_of(r.err).size(), 1u) << r.err;
  EXPECT_THAT(r.err, HasSubstr("\"./data/dir\""));
}

// Every path under `root` with its kind and size: what a command changed on the host shows here.
std::set<std::string> snapshot(const fs::path& root) {
  std::set<std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    std::string entry = fs::relative(e.path(), root).string();
    if (e.is_directory()) entry += "/";
    else if (e.is_regular_file()) entry += " " + std::to_string(e.file_size());
    out.insert(entry);
  }
  return out;
}

TEST_F(schema_loading, OnlyDeployCommandsCreateHostPaths) {
  // An engine with no containers, networks or volumes: every read-only command succeeds on it.
  mock_engine::mock_engine engine;
  engine.expect_regex("GET", R"(/v[0-9.]+/volumes)")
      .any_times()
      .reply_json(200, {{"Volumes", json::array()}, {"Warnings", json::array()}});
  engine.expect_regex("GET", R"(/v[0-9.]+/([a-z]+/json|networks))").any_times().reply_json(200, json::array());
  const std::map<std::string, std::string> env = {{"DOCKER_HOST", engine.docker_host()}};
  const auto before = snapshot(dir.root());
  for (const std::vector<std::string>& cmd :
       {std::vector<std::string>{"config"}, {"ps"}, {"logs"}, {"down"}, {"down", "-v"}}) {
    std::vector<std::string> args = {"-f", "compose.plugin-data.yml", "--profile", "root"};
    args.insert(args.end(), cmd.begin(), cmd.end());
    const auto r = run_stackctl(args, {dir.path(), env, {}});
    EXPECT_EQ(r.exit_code, 0) << cmd.front() << ": " << r.err;
    EXPECT_EQ(snapshot(dir.root()), before) << cmd.front() << " changed the host";
  }
}

}  // namespace
}  // namespace stackctl::cli::testing
