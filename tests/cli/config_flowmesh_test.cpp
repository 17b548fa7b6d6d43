// The FlowMesh node stack (issue 3's first real user): `stackctl config` on each compose file in
// fixtures/flowmesh, in a project directory holding the matching env example as .env.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "cli_test_support.hpp"

namespace stackctl::cli::testing {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::StartsWith;

struct flowmesh_case {
  const char* compose;
  const char* env_example;
};

void PrintTo(const flowmesh_case& c, std::ostream* os) { *os << c.compose; }

// What the FlowMesh CLI exports for compose.yml's `${VAR:?set by flowmesh stack}` sources that
// its .env.example leaves unset.
std::map<std::string, std::string> flowmesh_cli_env() {
  return {{"FLOWMESH_PLUGIN_DATA_DIR", "./plugin-data"},
          {"FLOWMESH_PLUGIN_DIR", "./plugins"},
          {"FLOWMESH_COLLECTOR_TLS_CONFIG_ARG", ""},
          {"FLOWMESH_COLLECTOR_USER", "10001:10001"},
          {"FLOWMESH_COLLECTOR_TLS_CERT", "./secrets/tls/collector/server.pem"},
          {"FLOWMESH_COLLECTOR_TLS_KEY", "./secrets/tls/collector/server.key"}};
}

class flowmesh_config : public ::testing::TestWithParam<flowmesh_case> {
 protected:
  temp_dir dir{"flowmesh"};
  void SetUp() override {
    const fs::path src = fs::path(fixtures_dir()) / "flowmesh";
    dir.write(GetParam().compose, slurp(src / GetParam().compose));
    dir.write(".env", slurp(src / GetParam().env_example));
  }
  process_result config(std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"-f", GetParam().compose, "config"};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_stackctl(args, {dir.path(), flowmesh_cli_env(), {}});
  }
};

TEST_P(flowmesh_config, PrintsTheCanonicalModel) {
  const auto r = config();
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, StartsWith("name: flowmesh\nservices:\n"));
  EXPECT_THAT(r.out, HasSubstr("\n  server:\n"));
  // Every enabled service is in the document, and the JSON form agrees with the lists.
  const auto json = config({"--format", "json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  const auto doc = nlohmann::json::parse(json.out);
  const auto services = config({"--services"});
  std::string from_json;
  for (const auto& [name, _] : doc["services"].items()) from_json += name + "\n";
  EXPECT_EQ(services.out, from_json);
  // The plugin-data mount is a bind under the project directory with the example's defaults.
  bool found = false;
  for (const auto& m : doc["services"]["server"]["volumes"])
    if (m["target"] == "/app/plugin-data") {
      found = true;
      EXPECT_EQ(m["type"], "bind");
      EXPECT_EQ(m["source"], (dir.path() / "plugin-data").string());
    }
  EXPECT_TRUE(found);
  // -q validates the same project.
  const auto quiet = config({"-q"});
  EXPECT_EQ(quiet.exit_code, 0);
  EXPECT_EQ(quiet.out, "");
}

TEST_P(flowmesh_config, AllProfiles) {
  const auto r =
      run_stackctl({"-f", GetParam().compose, "--profile", "*", "config"}, {dir.path(), flowmesh_cli_env(), {}});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("\n  redis_control:\n"));
}

INSTANTIATE_TEST_SUITE_P(Files, flowmesh_config,
                         ::testing::Values(flowmesh_case{"compose.yml", "env.example"},
                                           flowmesh_case{"compose.plugin-data.yml", "env.plugin-data.example"},
                                           flowmesh_case{"compose.plugin-data.v1.yml", "env.plugin-data.example"}),
                         [](const auto& param_info) {
                           std::string n = param_info.param.compose;
                           for (auto& ch : n)
                             if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
                           return n;
                         });

TEST(flowmesh_config_errors, ComposeYmlWithoutTheCliVariablesFailsOnOneLine) {
  temp_dir dir{"flowmesh"};
  const fs::path src = fs::path(fixtures_dir()) / "flowmesh";
  dir.write("compose.yml", slurp(src / "compose.yml"));
  dir.write(".env", slurp(src / "env.example"));
  const auto r = run_stackctl({"config"}, {dir.path(), {}, {}});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "stackctl: " + (dir.path() / "compose.yml").string() +
                       ":197:14: services.otel_collector.command: required variable FLOWMESH_COLLECTOR_TLS_CONFIG_ARG "
                       "is missing a value: set by flowmesh stack\n");
}

}  // namespace
}  // namespace stackctl::cli::testing
