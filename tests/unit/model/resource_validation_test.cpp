// What compose v2 refuses in top-level resources (issue #18): an external volume with driver,
// driver_opts or labels (validation/external.go checkExternal), a `name:` that conflicts with the
// legacy `external.name` (transform/external.go); and the error naming a missing env file once.
#include <nlohmann/json.hpp>

#include "project_test_support.hpp"

using namespace stackctl::model;
using stackctl::model::testing::load_error;
using stackctl::model::testing::temp_project;

namespace {

std::string error_of(const std::string& yaml) {
  temp_project t;
  t.write("compose.yaml", yaml);
  return load_error(t.options());
}

}  // namespace

// loader/loader_test.go TestInvalidExternalAndDriverCombination, ...DirverOptsCombination,
// ...LabelsCombination (the volume is refused though no service uses it, as compose-go validates first)
TEST(ResourceValidation, AnExternalVolumeHasNoDriverOptionsOrLabels) {
  const std::string svc = "services:\n  web:\n    image: nginx\n";
  for (const auto& [field, body] :
       {std::pair{"driver", "    driver: foobar\n"}, std::pair{"driver_opts", "    driver_opts:\n      beep: boop\n"},
        std::pair{"labels", "    labels:\n      - beep=boop\n"}}) {
    const std::string e =
        error_of("name: invalid-external\n" + svc + "volumes:\n  external_volume:\n    external: true\n" + body);
    EXPECT_NE(e.find(std::string("volumes.external_volume: conflicting parameters \"external\" and \"") + field +
                     "\" specified"),
              std::string::npos)
        << e;
  }
  EXPECT_EQ(error_of(svc + "volumes:\n  v:\n    external: true\n    name: real\n    x-note: fine\n"), "");
  EXPECT_EQ(error_of(svc + "volumes:\n  v:\n    external: false\n    driver: local\n"), "");
}

// loader/loader_test.go TestLoadVolumeInvalidExternalNameAndNameCombination (and the secrets and
// networks variants)
TEST(ResourceValidation, ANameConflictingWithExternalNameIsRefused) {
  for (const char* kind : {"volumes", "networks", "secrets"}) {
    const std::string e = error_of(std::string("services:\n  web:\n    image: nginx\n") + kind +
                                   ":\n  external_volume:\n    name: user_specified_name\n    external:\n"
                                   "      name: external_name\n");
    EXPECT_NE(e.find(std::string(kind) + ".external_volume: name and external.name conflict; only use name"),
              std::string::npos)
        << e;
  }
  EXPECT_EQ(error_of("services:\n  web:\n    image: nginx\nvolumes:\n  v:\n    name: same\n    external:\n"
                     "      name: same\n"),
            "");
}

TEST(ResourceValidation, AMissingEnvFileIsNamedOnceWithItsServiceAndField) {
  temp_project t;
  t.write("compose.yaml", "services:\n  web:\n    image: nginx\n    env_file: /no/such.env\n");
  EXPECT_EQ(load_error(t.options()), (t.dir() / "compose.yaml").string() +
                                         ":4:15: services.web.env_file: env file /no/such.env not found "
                                         "(`required: false` makes it optional)");
}

// compose-go accepts any declared volume key in the short syntax; the engine's name is <project>_0
TEST(ResourceValidation, AOneCharacterVolumeKeyIsAccepted) {
  temp_project t;
  const auto doc = nlohmann::json::parse(render_json(
      t.load_file("services:\n  web:\n    image: nginx\n    volumes:\n      - \"0:/data\"\nvolumes:\n  \"0\": {}\n")));
  EXPECT_EQ(doc["services"]["web"]["volumes"][0]["source"], "0");
  EXPECT_EQ(doc["volumes"]["0"]["name"], "app_0");
}
