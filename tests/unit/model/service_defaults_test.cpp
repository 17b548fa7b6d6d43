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

// The typed service carries post_start / pre_stop as deploy execs them; `config` still renders
// the canonical document (the test above), unchanged by the typed model.
TEST(ServiceDefaults, PostStartAndPreStopHooksAreTypedInOrder) {
  temp_project t;
  const auto p = t.load_file(
      "services:\n  web:\n    image: nginx\n    post_start:\n      - command: echo \"warm up\"\n"
      "      - command: [/bin/sh, -c, 'touch /ready']\n        user: '1000:1000'\n        privileged: true\n"
      "        working_dir: /srv\n        environment: [MODE=warm, UNSET_ME]\n    pre_stop:\n"
      "      - command: [/drain.sh]\n        environment:\n          GRACE: 30\n");
  const auto& web = p.services.at("web");
  ASSERT_EQ(web.post_start.size(), 2u);
  EXPECT_EQ(web.post_start[0].command, (std::vector<std::string>{"echo", "warm up"}));
  EXPECT_TRUE(web.post_start[0].user.empty());
  EXPECT_FALSE(web.post_start[0].privileged);
  const auto& second = web.post_start[1];
  EXPECT_EQ(second.command, (std::vector<std::string>{"/bin/sh", "-c", "touch /ready"}));
  EXPECT_EQ(second.user, "1000:1000");
  EXPECT_TRUE(second.privileged);
  EXPECT_EQ(second.working_dir, "/srv");
  ASSERT_EQ(second.environment.size(), 2u);
  EXPECT_EQ(second.environment.at("MODE"), std::optional<std::string>("warm"));
  EXPECT_EQ(second.environment.at("UNSET_ME"), std::nullopt);
  ASSERT_EQ(web.pre_stop.size(), 1u);
  EXPECT_EQ(web.pre_stop[0].command, (std::vector<std::string>{"/drain.sh"}));
  EXPECT_EQ(web.pre_stop[0].environment.at("GRACE"), std::optional<std::string>("30"));
}
