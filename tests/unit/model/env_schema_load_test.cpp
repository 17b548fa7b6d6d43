// Loading env schema files: the format's fields, and located errors for bad input.
#include <gmock/gmock.h>

#include "project_test_support.hpp"
#include "stackctl/model/env_schema.hpp"

using namespace stackctl::model;
using ::testing::HasSubstr;

namespace {

const std::filesystem::path flowmesh = std::filesystem::path(STACKCTL_FIXTURES_DIR) / "flowmesh";

std::string schema_error(const std::string& text) {
  try {
    parse_env_schema(text, "/s/env.schema.yaml");
  } catch (const model_error& e) {
    return e.what();
  }
  return "(no error)";
}

}  // namespace

TEST(EnvSchemaLoad, FlowMeshSchemaDeclaresThePluginVariables) {
  const auto s = load_env_schema(flowmesh / "env.schema.yaml");
  EXPECT_EQ(s.name, "flowmesh-node");
  EXPECT_TRUE(s.dotenv_overrides_shell);
  const env_var* data = s.find("FLOWMESH_PLUGIN_DATA_DIR");
  ASSERT_NE(data, nullptr);
  EXPECT_EQ(data->type, env_var_type::mount_source);
  EXPECT_EQ(data->default_value, "./plugin-data");
  EXPECT_TRUE(data->create_on_deploy);
  ASSERT_TRUE(data->volume);
  EXPECT_EQ(data->volume->source, "flowmesh_plugin_data");
  EXPECT_EQ(data->volume->name_variable, "FLOWMESH_PLUGIN_DATA_VOLUME");
  EXPECT_EQ(s.find("FLOWMESH_PLUGIN_DATA_VOLUME"), nullptr);  // internal, never declared
  const env_var* code = s.find("FLOWMESH_PLUGIN_DIR");
  ASSERT_NE(code, nullptr);
  EXPECT_EQ(code->type, env_var_type::dir_path);
  EXPECT_TRUE(code->resolve);
  EXPECT_EQ(s.find("SERVER_WORKER_CONFIG")->type, env_var_type::file_path);
  EXPECT_EQ(s.find("NODE_ROLE")->choices, (std::vector<std::string>{"root", "worker"}));
  EXPECT_EQ(*s.find("SERVER_HTTP_PORT")->max, 65535);
  ASSERT_GE(s.derived.size(), 4u);
  EXPECT_EQ(s.derived[1].key, "FLOWMESH_STACK_SLUG");
  // the newest file mounts the peer TLS dir, the plugin-data one the offload dir
  EXPECT_NE(s.find("NETWORK_PLANE_PEER_TLS_DIR"), nullptr);
  const auto old = load_env_schema(flowmesh / "env.schema.plugin-data.yaml");
  EXPECT_NE(old.find("NETWORK_PLANE_OFFLOAD_TLS_DIR"), nullptr);
  EXPECT_EQ(old.find("NETWORK_PLANE_PEER_TLS_DIR"), nullptr);
}

TEST(EnvSchemaLoad, DefaultsWhenFieldsAreLeftOut) {
  const auto s = parse_env_schema("sections: [{title: T, variables: [{key: A}]}]\n", "s.yaml");
  EXPECT_FALSE(s.dotenv_overrides_shell);  // compose's rule unless the schema says otherwise
  const auto& a = *s.find("A");
  EXPECT_EQ(a.type, env_var_type::string);
  EXPECT_EQ(a.default_value, "");
  EXPECT_FALSE(a.required);
  EXPECT_EQ(a.where.line, 1);
}

TEST(EnvSchemaLoad, ErrorsNameFileLineAndPath) {
  EXPECT_EQ(schema_error("sections:\n  - title: T\n    variables:\n      - key: A\n        type: number\n"),
            "/s/env.schema.yaml:5:15: sections[0].variables[0].type: unknown type \"number\" (string, int, float, "
            "bool, enum, url, csv, file_path, dir_path, mount_source)");
  EXPECT_EQ(schema_error("sections:\n  - title: T\n    variables:\n      - key: A\n        colour: red\n"),
            "/s/env.schema.yaml:5:17: sections[0].variables[0].colour: unknown field \"colour\"");
  EXPECT_EQ(schema_error("sections:\n  - title: T\n    variables:\n      - {key: A, type: int, default: x}\n"),
            "/s/env.schema.yaml:4:38: sections[0].variables[0].default: A must be an integer, got \"x\"");
  EXPECT_EQ(schema_error("sections:\n  - title: T\n    variables:\n      - {key: A}\n      - {key: A}\n"),
            "/s/env.schema.yaml:5:9: sections[0].variables[1].key: variable A is declared twice");
  EXPECT_THAT(schema_error("sections: [{title: T, variables: [{key: A, type: enum}]}]\n"),
              HasSubstr("sections[0].variables[0]: an enum needs choices"));
  EXPECT_THAT(schema_error("sections: [{title: T, variables: [{key: A, type: int, min: 5, max: 1}]}]\n"),
              HasSubstr("sections[0].variables[0].max: max is below min"));
  EXPECT_THAT(schema_error("sections: [{title: T, variables: [{key: A, type: string, min: 1}]}]\n"),
              HasSubstr("only int and float have bounds"));
  EXPECT_THAT(schema_error("sections: [{title: T, variables: [{key: A, type: dir_path, resolve: true}]}]\n"),
              HasSubstr("a resolved path or a mount_source needs a default"));
  EXPECT_THAT(schema_error("sections: [{title: T, variables: [{key: 1A}]}]\n"),
              HasSubstr("\"1A\" is not a valid variable name"));
  EXPECT_THAT(schema_error("derived: [{key: X, when: sometimes}]\n"),
              HasSubstr("derived[0].when: must be always, empty or unset"));
  EXPECT_THAT(schema_error("derived: [{key: X, filter: upper}]\n"), HasSubstr("derived[0].filter: unknown filter"));
  // max_length is converted to a size_t: negative, fractional and too large values are located
  // errors (a huge one was converted unchecked: undefined behaviour).
  EXPECT_THAT(schema_error("derived: [{key: X, max_length: -3}]\n"),
              HasSubstr("derived[0].max_length: must be a whole number"));
  EXPECT_THAT(schema_error("derived: [{key: X, max_length: 2.5}]\n"),
              HasSubstr("derived[0].max_length: must be a whole number"));
  EXPECT_THAT(schema_error("derived: [{key: X, max_length: 1e30}]\n"),
              HasSubstr("derived[0].max_length: must be less than 2^64"));
  EXPECT_THAT(schema_error("derived: [{key: X, max_length: 18446744073709551616}]\n"),
              HasSubstr("derived[0].max_length: must be less than 2^64"));
  EXPECT_THAT(schema_error("dotenv_overrides_shell: maybe\n"),
              HasSubstr("dotenv_overrides_shell: must be true or false"));
  EXPECT_THAT(schema_error("schema_version: 2\n"), HasSubstr("unsupported schema_version"));
  EXPECT_THAT(schema_error("sections: [\n"), HasSubstr("/s/env.schema.yaml:"));
  EXPECT_THAT(schema_error(R"(sections: [{title: T, variables: [
  {key: D, type: mount_source, default: ./d, volume: {source: dd, name_variable: V}}, {key: V}]}]
)"),
              HasSubstr("volume.name_variable V must not be a declared variable"));
}

TEST(EnvSchemaLoad, MissingFileIsAModelError) {
  EXPECT_THROW(load_env_schema("/nonexistent/env.schema.yaml"), model_error);
}

TEST(EnvSchemaLoad, DiscoveryBesideTheComposeFile) {
  EXPECT_EQ(find_env_schema(flowmesh / "compose.yml"), flowmesh / "env.schema.yaml");
  EXPECT_EQ(find_env_schema(flowmesh / "compose.plugin-data.yml"), flowmesh / "env.schema.plugin-data.yaml");
  // no variant schema: the stack's env.schema.yaml
  EXPECT_EQ(find_env_schema(flowmesh / "compose.plugin-data.v1.yml"), flowmesh / "env.schema.yaml");
  stackctl::model::testing::temp_project dir;
  dir.write("compose.yaml", "services: {}\n");
  EXPECT_EQ(find_env_schema(dir.dir() / "compose.yaml"), std::nullopt);
}

TEST(EnvSchemaLoad, PresetValuesAreCheckedAgainstTheirVariables) {
  EXPECT_THAT(
      schema_error("sections: [{title: T, variables: [{key: A, type: int}]}]\npresets: {p: {values: {B: x}}}\n"),
      HasSubstr("presets.p.values.B: B is not a declared variable"));
  EXPECT_THAT(
      schema_error("sections: [{title: T, variables: [{key: A, type: int}]}]\npresets: {p: {values: {A: x}}}\n"),
      HasSubstr("presets.p.values.A: A must be an integer, got \"x\""));
}
