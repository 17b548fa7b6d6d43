// fixtures/conformance/interpolation.json: compose-go template.Substitute vectors.
#include <map>
#include <string>

#include "conformance_vectors.hpp"
#include "stackctl/model/interpolation.hpp"

namespace {

using stackctl::conformance::vector_case;
using stackctl::model::interpolation_error;

class interpolation_vectors : public testing::TestWithParam<vector_case> {};

TEST_P(interpolation_vectors, matches_compose) {
  const vector_case& c = GetParam();
  if (!stackctl::conformance::loaded(c)) return;
  const auto& v = c.data;
  SCOPED_TRACE("template: " + v.at("template").get<std::string>());

  const auto env = v.at("env").get<std::map<std::string, std::string>>();
  const auto lookup = stackctl::model::lookup_in(env);
  const std::string text = v.at("template").get<std::string>();

  if (v.value("error", false)) {
    try {
      const auto result = stackctl::model::interpolate(text, lookup);
      ADD_FAILURE() << "expected an error, got \"" << result.value << "\"";
    } catch (const interpolation_error& e) {
      const std::string kind =
          e.kind() == interpolation_error::error_kind::invalid_template ? "invalid_template" : "missing_required";
      EXPECT_EQ(kind, v.at("error_kind").get<std::string>());
      EXPECT_EQ(std::string(e.what()), v.at("error_message").get<std::string>());
    }
    return;
  }

  const auto result = stackctl::model::interpolate(text, lookup);
  EXPECT_EQ(result.value, v.at("expected").get<std::string>());
  if (v.contains("unset_warnings")) {
    EXPECT_EQ(result.unset_variables.size(), v.at("unset_warnings").get<std::size_t>());
  }
}

INSTANTIATE_TEST_SUITE_P(compose_go, interpolation_vectors,
                         testing::ValuesIn(stackctl::conformance::load_vectors("interpolation.json")),
                         stackctl::conformance::vector_name);

}  // namespace
