// fixtures/conformance/volume_spec.json: compose-go format.ParseVolume vectors.
#include <optional>
#include <string>

#include "conformance_vectors.hpp"
#include "stackctl/model/volume_spec.hpp"

namespace {

using stackctl::conformance::vector_case;
using stackctl::model::volume_spec;

std::optional<std::string> optional_string(const nlohmann::json& object, const char* key) {
  if (!object.is_object() || !object.contains(key)) return std::nullopt;
  return object.at(key).get<std::string>();
}

class volume_spec_vectors : public testing::TestWithParam<vector_case> {};

TEST_P(volume_spec_vectors, matches_compose) {
  const vector_case& c = GetParam();
  if (!stackctl::conformance::loaded(c)) return;
  const auto& v = c.data;
  const std::string spec = v.at("spec").get<std::string>();
  SCOPED_TRACE("spec: " + spec);

  if (v.value("error", false)) {
    try {
      stackctl::model::parse_volume_spec(spec);
      ADD_FAILURE() << "expected an error";
    } catch (const stackctl::model::volume_spec_error& e) {
      EXPECT_EQ(std::string(e.what()), v.at("error_message").get<std::string>());
    }
    return;
  }

  const auto& x = v.at("expected");
  const auto bind = x.value("bind", nlohmann::json::object());
  const auto vol = x.value("volume", nlohmann::json::object());

  volume_spec expected;
  expected.type = x.at("type").get<std::string>() == "bind" ? volume_spec::kind::bind : volume_spec::kind::volume;
  expected.source = optional_string(x, "source");
  expected.target = x.at("target").get<std::string>();
  expected.read_only = x.at("read_only").get<bool>();
  expected.create_host_path = bind.value("create_host_path", false);
  expected.propagation = optional_string(bind, "propagation");
  expected.selinux = optional_string(bind, "selinux");
  expected.nocopy = vol.value("nocopy", false);

  const volume_spec actual = stackctl::model::parse_volume_spec(spec);
  EXPECT_EQ(actual.type, expected.type);
  EXPECT_EQ(actual.source, expected.source);
  EXPECT_EQ(actual.target, expected.target);
  EXPECT_EQ(actual.read_only, expected.read_only);
  EXPECT_EQ(actual.create_host_path, expected.create_host_path);
  EXPECT_EQ(actual.propagation, expected.propagation);
  EXPECT_EQ(actual.selinux, expected.selinux);
  EXPECT_EQ(actual.nocopy, expected.nocopy);
  // The path-vs-bare-name rule decides the type whenever there is a source.
  if (expected.source) {
    EXPECT_EQ(stackctl::model::is_host_path(*expected.source), expected.type == volume_spec::kind::bind);
  }
}

INSTANTIATE_TEST_SUITE_P(compose_go, volume_spec_vectors,
                         testing::ValuesIn(stackctl::conformance::load_vectors("volume_spec.json")),
                         stackctl::conformance::vector_name);

}  // namespace
