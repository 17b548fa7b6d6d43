// Loading env schema files: the format's fields, and located errors for bad input.
#include <gmock/gmock.h>

#include "project_test_support.hpp"
#include "stackctl/model/env_schema.hpp"

using namespace stackctl::model;
using ::testing::HasSubstr;
#include "stackctl/model/env_validation.hpp"

using stackctl::model::testing::temp_project;

namespace {

const std::filesystem::path flowmesh = std::filesystem::path(STACKCTL_FIXTURES_DIR) / "flowmesh";

std::vector<std::string> problems(const env_schema& schema, const std::string& env_text) {
  temp_project dir;
  dir.write(".env", env_text);
  std::vector<std::string> out;
  for (const auto& p : validate_env(schema, read_dotenv_file(dir.dir() / ".env", {})))
    out.push_back(std::string(p.severity == env_problem::severity_kind::error ? "error " : "warning ") +
                  p.to_string().substr(p.where.file.empty() ? 0 : (dir.dir() / ".env").string().size()));
  return out;
}

const char* const small_schema = R"(
sections:
  - title: S
    variables:
      - {key: PORT, type: int, min: 1, max: 65535, default: "80"}
      - {key: RATIO, type: float, min: 0, max: 1}
      - {key: ON, type: bool}
      - {key: ROLE, type: enum, choices: [root, worker], ignore_case: true}
      - {key: URL, type: url, url_schemes: [http, https]}
      - {key: LIST, type: csv}
      - {key: NAME, required: true}
      - {key: DATA, type: mount_source, default: ./data, volume: {source: data, name_variable: DATA_VOLUME}}
      - {key: DIR, type: dir_path, default: ./d, use_default: true, resolve: true}
derived:
  - {key: SLUG, value: x}
)";

}  // namespace

TEST(EnvSchemaValidate, TheShippedExamplesAreValid) {
  for (const auto& [schema, example] : {std::pair{"env.schema.yaml", "env.example"},
                                        std::pair{"env.schema.plugin-data.yaml", "env.plugin-data.example"}}) {
    const auto s = load_env_schema(flowmesh / schema);
    EXPECT_TRUE(validate_env(s, read_dotenv_file(flowmesh / example, {})).empty()) << schema;
  }
}

TEST(EnvSchemaValidate, EveryKindOfProblemWithItsLine) {
  const auto schema = parse_env_schema(small_schema, "s.yaml");
  EXPECT_EQ(problems(schema,
                     "PORT=0\n"
                     "RATIO=1.5\n"
                     "ON=maybe\n"
                     "ROLE=Leader\n"
                     "URL=ftp://host/x\n"
                     "LIST=a,,b\n"
                     "NAME=\n"
                     "DATA=data/dir\n"
                     "DATA_VOLUME=v\n"
                     "SLUG=s\n"
                     "STRAY=1\n"
                     "PORT=70000\n"),
            (std::vector<std::string>{
                "warning :12: PORT is set again (first on line 1); the last value wins",
                "error :2: RATIO must be <= 1, got 1.5",
                "error :3: ON must be a boolean (true/false, 1/0, yes/no, on/off), got \"maybe\"",
                "error :4: ROLE must be one of root, worker, got \"Leader\"",
                "error :5: URL must use http, https, got \"ftp://host/x\"",
                "error :6: LIST must be a comma-separated list without empty entries, got \"a,,b\"",
                "error :7: NAME must be set",
                "error :8: DATA: \"data/dir\" is neither a host path nor a valid volume name; write \"./data/dir\" for "
                "a directory relative to the current directory",
                "error :9: unexpected variable DATA_VOLUME (set by stackctl from the mount variable; remove it)",
                "error :10: unexpected variable SLUG (derived by stackctl; remove it)",
                "error :11: unexpected variable STRAY (not in the env schema)",
                "error :12: PORT must be <= 65535, got 70000",
                "error : missing variable DIR (the default \"./d\" applies)",
            }));
}

TEST(EnvSchemaValidate, GoodValuesPass) {
  const auto schema = parse_env_schema(small_schema, "s.yaml");
  EXPECT_EQ(problems(schema,
                     "PORT=8080\nRATIO=0.25\nON=Yes\nROLE=WORKER\nURL=https://example.test:8443/p\nLIST=a, b\n"
                     "NAME=n\nDATA=my_volume\nDIR=\n"),
            std::vector<std::string>{});
  EXPECT_EQ(problems(schema, "PORT=x\nRATIO=\nON=\nROLE=\nURL=\nLIST=\nNAME=n\nDATA=.hidden\nDIR=/abs\n"),
            std::vector<std::string>{"error :1: PORT must be an integer, got \"x\""});
}

TEST(EnvSchemaValidate, NoFileIsOneWarning) {
  const auto schema = parse_env_schema(small_schema, "s.yaml");
  const auto p = validate_env(schema, dotenv_file{"/x/.env", false, {}});
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0].severity, env_problem::severity_kind::warning);
  EXPECT_EQ(p[0].to_string(), "/x/.env: no such file; the env schema's defaults apply");
  // an empty file: every key is missing
  const auto empty = validate_env(schema, dotenv_file{"/x/.env", true, {}});
  ASSERT_EQ(empty.size(), 9u);
  EXPECT_EQ(empty[0].to_string(), "/x/.env: missing variable PORT (the default \"80\" applies)");
  EXPECT_EQ(empty[1].to_string(), "/x/.env: missing variable RATIO");
}

TEST(EnvSchemaValidate, ValueChecks) {
  env_var v;
  v.key = "N";
  v.type = env_var_type::int_;
  v.min = 0;
  EXPECT_EQ(check_env_value(v, "-1"), "N must be >= 0, got -1");
  EXPECT_EQ(check_env_value(v, " 42 "), "");
  EXPECT_EQ(check_env_value(v, "4.2"), "N must be an integer, got \"4.2\"");
  v.type = env_var_type::url;
  v.min.reset();
  EXPECT_EQ(check_env_value(v, "redis://localhost:6379/0"), "");
  EXPECT_EQ(check_env_value(v, "localhost:6379"), "N must be a URL (scheme://host...), got \"localhost:6379\"");
  EXPECT_EQ(check_env_value(v, "http:///path"), "N must be a URL (scheme://host...), got \"http:///path\"");
}
