// Loader rules compose v2 applies that real files hit (issue: the rest of compose's loader): an
// empty file, build platforms, Windows host paths, what an error says about a bad value, and files
// of several YAML documents.
#include <nlohmann/json.hpp>

#include "project_test_support.hpp"

using namespace stackctl::model;
using stackctl::model::testing::load_error;
using stackctl::model::testing::temp_project;

TEST(LoaderRules, AnEmptyFileIsRefused) {
  temp_project t;
  const std::string file = (t.dir() / "compose.yaml").string();
  for (const char* empty : {"", "\n# nothing but a comment\n", "{}\n"}) {
    t.write("compose.yaml", empty);
    EXPECT_EQ(load_error(t.options()), file + ": empty compose file") << empty;
  }
  t.write("compose.yaml", "name: only-a-name\n");
  EXPECT_EQ(load_error(t.options()), "");
}

TEST(LoaderRules, BuildPlatformsMustIncludeTheServicePlatform) {
  temp_project t;
  t.write("compose.yaml",
          "services:\n  web:\n    build: {context: ., platforms: [linux/amd64]}\n    platform: linux/arm64\n");
  EXPECT_EQ(load_error(t.options()),
            (t.dir() / "compose.yaml").string() +
                ":4:15: services.web.platform: service.build.platforms MUST include service.platform "
                "\"linux/arm64\": invalid compose project");
  t.write("compose.yaml",
          "services:\n  web:\n    build: {context: ., platforms: [linux/amd64, linux/arm64]}\n"
          "    platform: linux/arm64\n");
  EXPECT_EQ(load_error(t.options()), "");
}

TEST(LoaderRules, AWindowsBindSourceIsLeftAsWritten) {
  temp_project t;
  t.write("compose.yaml",
          "services:\n  web:\n    image: nginx\n    volumes:\n      - 'C:\\data:/data'\n"
          "      - {type: bind, source: 'D:/logs', target: /logs}\n");
  const auto doc = nlohmann::json::parse(render_json(load(t.options())));
  const auto& volumes = doc["services"]["web"]["volumes"];
  EXPECT_EQ(volumes[0]["type"], "bind");
  EXPECT_EQ(volumes[0]["source"], "C:\\data");
  EXPECT_EQ(volumes[1]["source"], "D:/logs");
}

TEST(LoaderRules, ABadValueIsQuotedWithTheTextItWasInterpolatedFrom) {
  temp_project t;
  t.write("compose.yaml", "services:\n  web:\n    image: nginx\n    cpu_count: ${CPU_COUNT}\n");
  auto o = t.options();
  o.environment["CPU_COUNT"] = "";
  EXPECT_EQ(load_error(o), (t.dir() / "compose.yaml").string() +
                               ":4:16: services.web.cpu_count: invalid integer: \"\" (from \"${CPU_COUNT}\")");
  t.write("compose.yaml", "services:\n  web:\n    image: nginx\n    scale: lots\n");
  EXPECT_EQ(load_error(t.options()),
            (t.dir() / "compose.yaml").string() + ":4:12: services.web.scale: invalid integer: \"lots\"");
}

// compose-go's loadYamlFile decodes every document of a file and merges each over the ones before
// it, as it merges a later file: the last `name:` wins, `!reset` applies, each document is
// interpolated and has its own extends resolved.
TEST(LoaderRules, TheDocumentsOfOneFileMergeInOrder) {
  temp_project t;
  t.write("compose.yaml", R"(name: first
services:
  web:
    image: nginx
    ports: ["80:80"]
    environment: {A: "1"}
---
name: second
services:
  web:
    image: ${IMAGE}
    ports: !reset []
    environment: {B: "2"}
  worker:
    extends: web
    volumes: [data:/data]
---
volumes:
  data: {}
)");
  auto o = t.options();
  o.environment["IMAGE"] = "nginx:1.27";
  const auto p = load(o);
  EXPECT_EQ(p.name, "second");
  const auto doc = nlohmann::json::parse(render_json(p));
  const auto& web = doc["services"]["web"];
  EXPECT_EQ(web["image"], "nginx:1.27");
  EXPECT_FALSE(web.contains("ports")) << web.dump();
  EXPECT_EQ(web["environment"], nlohmann::json::parse(R"({"A": "1", "B": "2"})"));
  EXPECT_EQ(doc["services"]["worker"]["image"], "nginx:1.27");
  EXPECT_TRUE(doc["volumes"].contains("data"));
}

TEST(LoaderRules, AnErrorInALaterDocumentNamesItsLine) {
  temp_project t;
  t.write("compose.yaml", "services:\n  web: {image: nginx}\n---\nservices:\n  web:\n    scale: lots\n");
  EXPECT_EQ(load_error(t.options()),
            (t.dir() / "compose.yaml").string() + ":6:12: services.web.scale: invalid integer: \"lots\"");
}
