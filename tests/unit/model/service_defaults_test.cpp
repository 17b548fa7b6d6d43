// Defaults and fields compose v2 gives a service (issue #18): a secret's target
// (compose-go transform/defaults.go defaultSecretMount) and the pre_start hooks (types/hooks.go).
#include <nlohmann/json.hpp>

#include "project_test_support.hpp"

using namespace stackctl::model;
using nlohmann::json;
using stackctl::model::testing::temp_project;

// loader/tests/secrets_test.go TestServiceSecrets, plus the short form defaultSecretMount covers
TEST(ServiceDefaults, ASecretWithoutTargetMountsUnderRunSecrets) {
  temp_project t;
  t.write("secret_data", "x");
  const auto doc = json::parse(render_json(
      t.load_file("name: test\nservices:\n  foo:\n    image: alpine\n    secrets:\n      - db-password\n"
                  "      - source: secret1\n      - source: secret2\n        target: my_secret\n        uid: '103'\n"
                  "secrets:\n  db-password:\n    file: ./secret_data\n  secret1:\n    file: ./secret_data\n"
                  "  secret2:\n    external: true\n")));
  const auto& secrets = doc["services"]["foo"]["secrets"];
  ASSERT_EQ(secrets.size(), 3u);
  EXPECT_EQ(secrets[0], json::parse(R"({"source": "db-password", "target": "/run/secrets/db-password"})"));
  EXPECT_EQ(secrets[1]["target"], "/run/secrets/secret1");
  EXPECT_EQ(secrets[2]["target"], "my_secret");
  const std::string yaml = render_yaml(load(t.options()));
  EXPECT_NE(yaml.find("target: /run/secrets/db-password"), std::string::npos) << yaml;
}

TEST(ServiceDefaults, PreStartHooksAreReadAndRenderedLikePostStart) {
  temp_project t;
  const auto p = t.load_file(
      "services:\n  web:\n    image: nginx\n    pre_start:\n      - command: [\"/init.sh\", \"--once\"]\n"
      "        image: busybox\n        user: root\n        per_replica: true\n        environment:\n"
      "          MODE: init\n    post_start:\n      - command: echo started\n");
  EXPECT_TRUE(p.warnings.empty()) << (p.warnings.empty() ? "" : p.warnings.front());
  const auto doc = json::parse(render_json(p));
  EXPECT_EQ(doc["services"]["web"]["pre_start"],
            json::parse(R"([{"command": ["/init.sh", "--once"], "environment": {"MODE": "init"},
                             "image": "busybox", "per_replica": true, "user": "root"}])"));
  EXPECT_EQ(doc["services"]["web"]["post_start"], json::parse(R"([{"command": ["echo", "started"]}])"));
}
