// The shipped FlowMesh schemas render their .env examples byte for byte; env check and env init.
#include <gmock/gmock.h>

#include <fstream>
#include <sstream>

#include "stackctl/model/env_example.hpp"
#include "stackctl/model/env_schema.hpp"

using namespace stackctl::model;
using ::testing::HasSubstr;

namespace {

const std::filesystem::path flowmesh = std::filesystem::path(STACKCTL_FIXTURES_DIR) / "flowmesh";

std::string read(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

TEST(EnvSchemaRender, PluginDataSchemaReproducesItsExampleByteForByte) {
  const auto schema = load_env_schema(flowmesh / "env.schema.plugin-data.yaml");
  EXPECT_EQ(schema.example_path(), flowmesh / "env.plugin-data.example");
  const std::string expected = read(flowmesh / "env.plugin-data.example");
  ASSERT_EQ(expected.size(), 12445u);
  EXPECT_EQ(render_env_example(schema), expected);
  EXPECT_FALSE(env_check_file(schema, flowmesh / "env.plugin-data.example").differs);
}

TEST(EnvSchemaRender, NewestSchemaReproducesItsExampleByteForByte) {
  const auto schema = load_env_schema(flowmesh / "env.schema.yaml");
  EXPECT_EQ(schema.example_path(), flowmesh / "env.example");
  const std::string expected = read(flowmesh / "env.example");
  ASSERT_EQ(expected.size(), 17078u);
  EXPECT_EQ(render_env_example(schema), expected);
  EXPECT_FALSE(env_check_file(schema, flowmesh / "env.example").differs);
}

TEST(EnvSchemaRender, PluginSectionKeepsItsTrailingSpaces) {
  const auto text = render_env_example(load_env_schema(flowmesh / "env.schema.yaml"));
  EXPECT_THAT(text, HasSubstr("# Plugins are Python packages dropped under FLOWMESH_PLUGIN_DIR \n"
                              "# (read-only at /app/plugins) and selected by FLOWMESH_PLUGINS as \n"));
  EXPECT_THAT(text, HasSubstr("# plugin state. Leave all empty unless you ship a plugin.\n"
                              "FLOWMESH_PLUGIN_DIR=./plugins\n"));
}

TEST(EnvSchemaRender, FormatOfASmallSchema) {
  const auto schema = parse_env_schema(R"(
header: [My Stack, Copy to .env]
sections:
  - title: One
    description: ["first ", second]
    variables:
      - {key: A, default: "1", type: int, description: the a}
      - key: B
        description: [b1, b2]
  - title: Two
    variables:
      - {key: C, default: "x y"}
)",
                                       "s.yaml");
  EXPECT_EQ(render_env_example(schema),
            "# My Stack\n# Copy to .env\n\n# ==== One ====\n# first \n# second\n# the a\nA=1\n# b1\n# b2\nB=\n"
            "\n# ==== Two ====\nC=x y\n");
  // env init: overrides replace defaults, unknown keys are ignored
  EXPECT_EQ(render_env_file_for_init(schema, {{"B", "bee"}, {"ZZZ", "1"}}),
            "# My Stack\n# Copy to .env\n\n# ==== One ====\n# first \n# second\n# the a\nA=1\n# b1\n# b2\nB=bee\n"
            "\n# ==== Two ====\nC=x y\n");
}

TEST(EnvSchemaCheck, OneByteDiffersIsADiffWithAHunk) {
  const auto schema = load_env_schema(flowmesh / "env.schema.plugin-data.yaml");
  std::string text = read(flowmesh / "env.plugin-data.example");
  // drop one trailing space from the plugin section
  const auto pos = text.find("FLOWMESH_PLUGIN_DIR \n");
  ASSERT_NE(pos, std::string::npos);
  text.erase(pos + std::string("FLOWMESH_PLUGIN_DIR").size(), 1);
  const auto r = env_check(schema, text, "env.plugin-data.example");
  EXPECT_TRUE(r.differs);
  EXPECT_THAT(r.diff,
              HasSubstr("--- env.plugin-data.example\n+++ env.plugin-data.example (rendered from the env schema)\n"));
  EXPECT_THAT(r.diff, HasSubstr("-# Plugins are Python packages dropped under FLOWMESH_PLUGIN_DIR\n"
                                "+# Plugins are Python packages dropped under FLOWMESH_PLUGIN_DIR \n"));
  EXPECT_THAT(r.diff, HasSubstr("@@ -339,7 +339,7 @@\n"));
}

TEST(EnvSchemaCheck, MissingFinalNewlineAndMissingFile) {
  const auto schema = parse_env_schema("sections: [{title: T, variables: [{key: A, default: x}]}]\n", "s.yaml");
  auto r = env_check(schema, "\n# ==== T ====\nA=x", "f");
  EXPECT_TRUE(r.differs);
  EXPECT_EQ(r.diff,
            "--- f\n+++ f (rendered from the env schema)\n@@ -1,3 +1,3 @@\n \n # ==== T ====\n-A=x\n"
            "\\ No newline at end of file\n+A=x\n");
  r = env_check(schema, "", "f");  // a missing file counts as empty
  EXPECT_TRUE(r.differs);
  EXPECT_EQ(r.diff, "--- f\n+++ f (rendered from the env schema)\n@@ -0,0 +1,3 @@\n+\n+# ==== T ====\n+A=x\n");
  r = env_check(schema, "\n# ==== T ====\nA=x\n", "f");
  EXPECT_FALSE(r.differs);
  EXPECT_EQ(r.diff, "");
}

TEST(EnvSchemaCheck, DistantChangesMakeTwoHunks) {
  std::string a, b;
  for (int i = 1; i <= 20; ++i) {
    a += std::to_string(i) + "\n";
    b += (i == 2 ? "two" : i == 18 ? "eighteen" : std::to_string(i)) + "\n";
  }
  EXPECT_EQ(
      unified_diff(a, b, "a", "b"),
      "--- a\n+++ b\n@@ -1,5 +1,5 @@\n 1\n-2\n+two\n 3\n 4\n 5\n@@ -15,6 +15,6 @@\n 15\n 16\n 17\n-18\n+eighteen\n"
      " 19\n 20\n");
}

TEST(EnvSchemaRender, InitWithAPresetChangesOnlyItsValues) {
  const auto schema = load_env_schema(flowmesh / "env.schema.yaml");
  const auto example = render_env_example(schema);
  const auto worker = render_env_file_for_init(schema, schema.preset_values("worker"));
  // (the same text as GNU `diff -u` prints for these two files)
  EXPECT_EQ(
      unified_diff(example, worker, "a", "b"),
      "--- a\n+++ b\n@@ -19,7 +19,7 @@\n"
      " # This isolates container, network, and volume names,\n # but each stack still needs unique ports.\n"
      " FLOWMESH_STACK_SUFFIX=\n-NODE_ROLE=root\n+NODE_ROLE=worker\n NODE_NAMESPACE=flowmesh\n"
      " NODE_CLUSTER=dev\n NODE_ALIAS=node\n"
      "@@ -260,8 +260,8 @@\n # Leave the TLS file paths empty to disable TLS.\n REDIS_TLS_DIR=./secrets/tls/redis\n"
      " REDIS_TLS_CA_FILE=/etc/ssl/redis/redis-ca.pem\n-REDIS_TLS_CERT_FILE=/etc/ssl/redis/redis-server.pem\n"
      "-REDIS_TLS_KEY_FILE=/etc/ssl/redis/redis-server.key\n+REDIS_TLS_CERT_FILE=\n+REDIS_TLS_KEY_FILE=\n \n"
      " # ==== Port Forward Support ====\n ENABLE_SERVER_PORT_FORWARD=true\n");
  EXPECT_EQ(render_env_file_for_init(schema, schema.preset_values("root")), example);
  try {
    schema.preset_values("edge");
    FAIL() << "no error";
  } catch (const model_error& e) {
    EXPECT_THAT(e.what(), HasSubstr("unknown preset \"edge\" (one of: root, worker)"));
  }
}
