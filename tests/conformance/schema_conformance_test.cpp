// The schema validator on fixtures/conformance/schema/cases.json: compose-go's own schema tests
// (transcribed from schema/schema_test.go, see the file's `about`) and stackctl's cases, each a
// document with its verdict. The validator is an internal of stack_model (compose_schema.hpp); the
// loader runs it on every project, so these verdicts are what `config` and `up` decide.
#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "compose_documents.hpp"
#include "compose_schema.hpp"
#include "config_fixture.hpp"
#include "stackctl/model/model_error.hpp"
#include "yaml_tree.hpp"

namespace fs = std::filesystem;
using nlohmann::json;
using namespace stackctl::model;

namespace {

const fs::path schema_dir = fs::path(STACKCTL_FIXTURES_DIR) / "conformance" / "schema";

std::vector<json> all_cases() {
  const auto doc = json::parse(stackctl::conformance::slurp(schema_dir / "cases.json"));
  return doc["cases"].get<std::vector<json>>();
}

std::string name_of(const ::testing::TestParamInfo<json>& info) {
  std::string n = info.param["name"].get<std::string>();
  for (char& c : n)
    if (!isalnum(static_cast<unsigned char>(c))) c = '_';
  return n;
}

class schema_case : public ::testing::TestWithParam<json> {};

TEST_P(schema_case, Verdict) {
  const json& c = GetParam();
  const std::string file = c.contains("file") ? (schema_dir / c["file"].get<std::string>()).string() : "compose.yaml";
  const std::string text = c.contains("file") ? stackctl::conformance::slurp(file) : c["yaml"].get<std::string>();
  detail::tree doc = detail::parse_yaml(text, file);
  if (c.value("interpolate", true)) {
    env_map env;
    if (c.contains("env"))
      for (const auto& [k, v] : c["env"].items()) env[k] = v.get<std::string>();
    std::vector<std::string> warnings;
    detail::interpolate_tree(doc, lookup_in(env), "", warnings);
  }
  std::string error;
  try {
    detail::validate_compose_schema(doc);
  } catch (const model_error& e) {
    error = e.what();
  }
  if (c.value("valid", false)) {
    EXPECT_EQ(error, "") << c["name"];
  } else {
    EXPECT_NE(error.find(c["error"].get<std::string>()), std::string::npos)
        << c["name"] << ": got \"" << error << "\", want it to contain \"" << c["error"].get<std::string>() << "\"";
  }
}

INSTANTIATE_TEST_SUITE_P(Cases, schema_case, ::testing::ValuesIn(all_cases()), name_of);

}  // namespace
