// `stackctl config` and each of its flags on one small project.
#include <regex>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "cli_test_support.hpp"

namespace stackctl::cli::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr const char* shop_compose = R"(name: shop
services:
  web:
    image: nginx:${TAG:-1.25}
    depends_on: [api]
    ports: ["8080:80"]
    networks: [front]
    volumes: [static:/srv]
  api:
    build: ./api
    networks: [front, back]
    secrets: [token]
  debug:
    image: busybox
    profiles: [dev]
    command: echo $$HOME
networks:
  front:
  back:
volumes:
  static:
  unused:
secrets:
  token:
    file: ./token.txt
)";

struct config_flags : ::testing::Test {
  temp_dir dir{"shop"};
  config_flags() { dir.write("compose.yaml", shop_compose); }
  std::string abs(const std::string& relative) const { return (dir.path() / relative).string(); }

  // Runs `stackctl <args>` in the project and expects success with nothing on stderr.
  std::string ok(const std::vector<std::string>& args, std::map<std::string, std::string> env = {}) {
    const auto r = run_stackctl(args, {dir.path(), std::move(env), {}});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.err, "");
    return r.out;
  }
};

TEST_F(config_flags, DefaultIsTheCanonicalYaml) {
  const auto out = ok({"config"});
  EXPECT_EQ(out,
            "name: shop\n"
            "services:\n"
            "  api:\n"
            "    build:\n"
            "      context: " +
                abs("api") +
                "\n"
                "      dockerfile: Dockerfile\n"
                "    networks:\n"
                "      back: null\n"
                "      front: null\n"
                "    secrets:\n"
                "      - source: token\n"
                "        target: /run/secrets/token\n"
                "  web:\n"
                "    depends_on:\n"
                "      api:\n"
                "        condition: service_started\n"
                "        required: true\n"
                "    image: nginx:1.25\n"
                "    networks:\n"
                "      front: null\n"
                "    ports:\n"
                "      - mode: ingress\n"
                "        target: 80\n"
                "        published: \"8080\"\n"
                "        protocol: tcp\n"
                "    volumes:\n"
                "      - type: volume\n"
                "        source: static\n"
                "        target: /srv\n"
                "        volume: {}\n"
                "networks:\n"
                "  back:\n"
                "    name: shop_back\n"
                "  front:\n"
                "    name: shop_front\n"
                "volumes:\n"
                "  static:\n"
                "    name: shop_static\n"
                "secrets:\n"
                "  token:\n"
                "    name: shop_token\n"
                "    file: " +
                abs("token.txt") + "\n");
}

TEST_F(config_flags, ConfigCreatesNothingOnTheHost) {
  ok({"config"});
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "api"));
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()), {}), 1);  // only compose.yaml
}

TEST_F(config_flags, FormatJsonIsTheSameModel) {
  const auto doc = nlohmann::json::parse(ok({"config", "--format", "json"}));
  EXPECT_EQ(doc["name"], "shop");
  EXPECT_EQ(doc["services"]["web"]["image"], "nginx:1.25");
  EXPECT_EQ(doc["services"]["web"]["ports"][0]["published"], "8080");
  EXPECT_EQ(doc["networks"]["front"]["name"], "shop_front");
  EXPECT_FALSE(doc["volumes"].contains("unused"));
  EXPECT_EQ(ok({"config", "--format", "yaml"}), ok({"config"}));
}

TEST_F(config_flags, DollarIsEscapedWhenInterpolated) {
  EXPECT_THAT(ok({"--profile", "dev", "config"}), HasSubstr("      - echo\n      - $$HOME\n"));
}

TEST_F(config_flags, ListFlags) {
  EXPECT_EQ(ok({"config", "--services"}), "api\nweb\n");
  EXPECT_EQ(ok({"config", "--volumes"}), "static\n");
  EXPECT_EQ(ok({"config", "--networks"}), "back\nfront\n");
  EXPECT_EQ(ok({"config", "--images"}), "shop-api\nnginx:1.25\n");
  EXPECT_EQ(ok({"config", "--profiles"}), "dev\n");
}

TEST_F(config_flags, ProfileEnablesServices) {
  EXPECT_EQ(ok({"--profile", "dev", "config", "--services"}), "api\ndebug\nweb\n");
  EXPECT_EQ(ok({"config", "--services"}, {{"COMPOSE_PROFILES", "dev"}}), "api\ndebug\nweb\n");
  EXPECT_EQ(ok({"--profile", "dev", "config", "--networks"}), "back\ndefault\nfront\n");
}

TEST_F(config_flags, QuietPrintsNothing) {
  const auto r = run_stackctl({"config", "-q"}, {dir.path(), {}, {}});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(run_stackctl({"config", "--quiet"}, {dir.path(), {}, {}}).out, "");
}

TEST_F(config_flags, NoInterpolateKeepsVariables) {
  const auto out = ok({"config", "--no-interpolate"});
  EXPECT_THAT(out, HasSubstr("image: nginx:${TAG:-1.25}"));
  EXPECT_THAT(out, HasSubstr("echo $$HOME"));  // the raw text, not escaped again
}

TEST_F(config_flags, NoNormalizeAndNoPathResolution) {
  const auto out = ok({"config", "--no-normalize", "--no-path-resolution"});
  EXPECT_THAT(out, HasSubstr("context: ./api\n"));
  EXPECT_THAT(out, Not(HasSubstr("shop_front")));
}

TEST_F(config_flags, NoConsistencyAcceptsUndefinedReferences) {
  dir.write("broken.yaml", "services:\n  web:\n    image: nginx\n    depends_on: [db]\n");
  EXPECT_EQ(ok({"-f", "broken.yaml", "config", "--no-consistency", "--services"}), "web\n");
  EXPECT_EQ(ok({"-f", "broken.yaml", "config", "--no-consistency", "--services", "web"}), "web\n");
}

TEST_F(config_flags, HashOfNamedAndAllServices) {
  const std::regex line("(api|web) [0-9a-f]{64}");
  const auto all = lines_of(ok({"config", "--hash", "*"}));
  ASSERT_EQ(all.size(), 2u);
  EXPECT_TRUE(std::regex_match(all[0], line)) << all[0];
  EXPECT_EQ(all[0].substr(0, 4), "api ");
  EXPECT_EQ(all[1].substr(0, 4), "web ");
  EXPECT_EQ(ok({"config", "--hash", "web"}), all[1] + "\n");
  EXPECT_EQ(ok({"config", "--hash", "web,api"}), all[1] + "\n" + all[0] + "\n");
  // The hash follows the service's configuration.
  EXPECT_EQ(ok({"config", "--hash", "web"}), ok({"config", "--hash", "web"}));
  EXPECT_NE(ok({"config", "--hash", "web"}, {{"TAG", "1.26"}}), all[1] + "\n");
  EXPECT_EQ(ok({"config", "--hash", "api"}, {{"TAG", "1.26"}}), all[0] + "\n");
}

TEST_F(config_flags, OutputFile) {
  const auto expected = ok({"config"});
  EXPECT_EQ(ok({"config", "-o", "out.yaml"}), "");
  EXPECT_EQ(dir.read("out.yaml"), expected);
  EXPECT_EQ(ok({"config", "--output", "out.json", "--format", "json"}), "");
  EXPECT_EQ(nlohmann::json::parse(dir.read("out.json"))["name"], "shop");
}

TEST_F(config_flags, ServiceArgumentsSelectServicesAndTheirDependencies) {
  EXPECT_EQ(ok({"config", "web", "--services"}), "api\nweb\n");
  const auto api = ok({"config", "api"});
  EXPECT_THAT(api, Not(HasSubstr("  web:")));
  EXPECT_THAT(api, Not(HasSubstr("volumes:")));  // only web used `static`
  EXPECT_THAT(api, HasSubstr("  token:"));
  // Naming a service enables its profiles.
  EXPECT_EQ(ok({"config", "debug", "--services"}), "debug\n");
  EXPECT_EQ(ok({"config", "debug", "--networks"}), "default\n");
}

TEST_F(config_flags, VariablesTableYamlAndJson) {
  const auto table = lines_of(ok({"config", "--variables"}));
  ASSERT_EQ(table.size(), 2u);
  EXPECT_EQ(table[0], "NAME   REQUIRED   DEFAULT VALUE   ALTERNATE VALUE");
  EXPECT_EQ(table[1], "TAG    false      1.25");
  EXPECT_EQ(ok({"config", "--variables", "--format", "yaml"}),
            "TAG:\n    name: TAG\n    defaultvalue: \"1.25\"\n    presencevalue: \"\"\n    required: false\n");
  const auto json = nlohmann::json::parse(ok({"config", "--variables", "--format", "json"}));
  EXPECT_EQ(json["TAG"]["DefaultValue"], "1.25");
  EXPECT_EQ(json["TAG"]["Required"], false);
}

TEST_F(config_flags, FlagsMayFollowOrPrecedeTheCommand) {
  EXPECT_EQ(ok({"config", "--services", "-p", "other", "--profile", "dev"}), "api\ndebug\nweb\n");
  EXPECT_THAT(ok({"config", "-p", "other"}), HasSubstr("name: other_front"));
}

}  // namespace
}  // namespace stackctl::cli::testing
