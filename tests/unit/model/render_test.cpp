// `config` rendering details: escaping, quoting, the list outputs and the config hash.
#include <gmock/gmock.h>

#include "project_test_support.hpp"

using namespace stackctl::model;
using stackctl::model::testing::temp_project;
using ::testing::HasSubstr;

TEST(Render, DollarsAreDoubled) {
  temp_project t;
  const auto p = t.load_file("services:\n  web:\n    image: nginx\n    command: echo $$HOME\n");
  EXPECT_EQ(p.services.at("web").command, (std::vector<std::string>{"echo", "$HOME"}));
  EXPECT_THAT(render_yaml(p), HasSubstr("      - $$HOME\n"));
  EXPECT_THAT(render_json(p), HasSubstr("\"$$HOME\""));
}

TEST(Render, QuotesStringsThatLookLikeOtherTypes) {
  temp_project t;
  const auto p = t.load_file(R"(services:
  web:
    image: nginx
    environment:
      A: "123"
      B: "true"
      C: "yes"
      D: ""
      E: "multi\nline\n"
      F: "- dash"
      G: plain text
      H: "1:20"
)");
  const auto y = render_yaml(p);
  EXPECT_THAT(y, HasSubstr("      A: \"123\"\n"));
  EXPECT_THAT(y, HasSubstr("      B: \"true\"\n"));
  EXPECT_THAT(y, HasSubstr("      C: \"yes\"\n"));
  EXPECT_THAT(y, HasSubstr("      D: \"\"\n"));
  EXPECT_THAT(y, HasSubstr("      E: |\n        multi\n        line\n"));
  EXPECT_THAT(y, HasSubstr("      F: '- dash'\n"));  // not plain-safe: single-quoted, as go-yaml does
  EXPECT_THAT(y, HasSubstr("      G: plain text\n"));
  EXPECT_THAT(y, HasSubstr("      H: \"1:20\"\n"));
}

TEST(Render, JsonEndsWithoutNewlineAndEscapesLikeGo) {
  temp_project t;
  const auto p = t.load_file("services:\n  web:\n    image: nginx\n    labels:\n      a: \"<&>\"\n");
  const auto j = render_json(p);
  EXPECT_NE(j.back(), '\n');
  EXPECT_THAT(j, HasSubstr("\"a\": \"\\u003c\\u0026\\u003e\""));
  EXPECT_THAT(j, HasSubstr("\"command\": null"));
  EXPECT_EQ(render_yaml(p).back(), '\n');
}

TEST(Render, ListOutputs) {
  temp_project t;
  const auto p = t.load_file(R"(name: demo
services:
  web:
    image: nginx
    volumes: [data:/data]
    networks: [front]
  app:
    build: .
    profiles: [full]
  job:
    image: busybox
    profiles: [batch, full]
volumes:
  data:
networks:
  front:
)");
  EXPECT_EQ(service_names(p), std::vector<std::string>{"web"});
  EXPECT_EQ(volume_names(p), std::vector<std::string>{"data"});
  EXPECT_EQ(network_names(p), std::vector<std::string>{"front"});
  EXPECT_EQ(image_names(p), std::vector<std::string>{"nginx"});
  EXPECT_EQ(profile_names(p), (std::vector<std::string>{"batch", "full"}));
}

TEST(Render, ImageNameOfABuiltService) {
  temp_project t;
  const auto p = t.load_file("name: demo\nservices:\n  app:\n    build: .\n");
  EXPECT_EQ(image_names(p), std::vector<std::string>{"demo-app"});
}

TEST(ConfigHash, StableAndSensitive) {
  temp_project t;
  const std::string base = "services:\n  web:\n    image: nginx\n    environment:\n      A: \"1\"\n      B: \"2\"\n";
  const auto h1 = config_hash(t.load_file(base), "web");
  EXPECT_EQ(h1.size(), 64u);
  // same model written differently → same hash
  EXPECT_EQ(config_hash(t.load_file("services:\n  web:\n    environment: [B=2, A=1]\n    image: nginx\n"), "web"), h1);
  // a real change → another hash
  EXPECT_NE(config_hash(t.load_file("services:\n  web:\n    image: nginx\n    environment:\n      A: \"1\"\n"), "web"),
            h1);
  // scale is not part of a container's configuration
  EXPECT_EQ(config_hash(t.load_file(base + "    scale: 3\n"), "web"), h1);
  EXPECT_EQ(config_hash(t.load_file(base + "    deploy: {replicas: 2}\n"), "web"),
            config_hash(t.load_file(base + "    deploy: {replicas: 3}\n"), "web"));
  EXPECT_THROW(config_hash(t.load_file(base), "nope"), std::out_of_range);
}

// Blanked out as in compose's ServiceHash: none of these recreates a container.
TEST(ConfigHash, IgnoresDependenciesProfilesPullPolicyAndBuild) {
  temp_project t;
  const std::string db = "  db: {image: redis, profiles: [root]}\n";
  const auto plain = config_hash(t.load_file("services:\n  web: {image: nginx}\n" + db), "web");
  EXPECT_EQ(config_hash(t.load_file("services:\n  web:\n    image: nginx\n    depends_on:\n      db: {condition: "
                                    "service_healthy, required: false}\n" +
                                    db),
                        "web"),
            plain);
  EXPECT_EQ(config_hash(t.load_file("services:\n  web: {image: nginx, pull_policy: always}\n" + db), "web"), plain);
  EXPECT_EQ(config_hash(t.load_file("services:\n  web: {image: nginx, build: .}\n" + db), "web"), plain);
  EXPECT_NE(config_hash(t.load_file("services:\n  web: {image: nginx, user: nobody}\n" + db), "web"), plain);
}
