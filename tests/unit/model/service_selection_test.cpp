// Selecting services (stackctl/model/service_selection.hpp) and the disabled services as project state.
#include <gmock/gmock.h>

#include <nlohmann/json.hpp>

#include "project_test_support.hpp"
#include "stackctl/model/model_error.hpp"
#include "stackctl/model/service_graph.hpp"
#include "stackctl/model/service_selection.hpp"

using namespace stackctl::model;
using stackctl::model::testing::temp_project;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

namespace {

const char* const stack = R"(services:
  web:
    image: nginx
    depends_on: [api]
    networks: [front]
  api:
    image: api
    depends_on: [db]
    networks: [back]
    secrets: [token]
  db:
    image: postgres
    volumes: [data:/var/lib/postgresql]
    networks: [back]
  worker:
    image: worker
    networks: [jobs]
    volumes: [cache:/cache]
    configs: [settings]
    build:
      context: .
      secrets: [build_key]
networks:
  front: {}
  back: {}
  jobs: {}
volumes:
  data: {}
  cache: {}
secrets:
  token: {file: ./token}
  build_key: {file: ./key}
configs:
  settings: {file: ./settings}
)";

template <typename Map>
std::vector<std::string> keys(const Map& m) {
  std::vector<std::string> out;
  for (const auto& [k, _] : m) out.push_back(k);
  return out;
}

}  // namespace

TEST(ServiceSelection, ClosureFollowsDependsOnTransitively) {
  temp_project t;
  const auto p = t.load_file(stack);
  EXPECT_THAT(service_graph::from_project(p).closure({"web"}), ElementsAre("api", "db", "web"));
  EXPECT_THAT(service_graph::from_project(p).closure({"db", "worker"}), ElementsAre("db", "worker"));
  EXPECT_THROW(service_graph::from_project(p).closure({"nope"}), unknown_service);
}

TEST(ServiceSelection, TheRestIsDisabledAndUnusedResourcesGo) {
  temp_project t;
  auto p = t.load_file(stack);
  select_services(p, {"api"});
  EXPECT_THAT(keys(p.services), ElementsAre("api", "db"));
  EXPECT_THAT(keys(p.disabled_services), ElementsAre("web", "worker"));
  EXPECT_THAT(keys(p.networks), ElementsAre("back"));
  EXPECT_THAT(keys(p.volumes), ElementsAre("data"));
  EXPECT_THAT(keys(p.secrets), ElementsAre("token"));
  EXPECT_TRUE(p.configs.empty());
  const auto doc = nlohmann::json::parse(render_json(p));
  EXPECT_THAT(keys(doc["services"].items()), ElementsAre("api", "db"));
  EXPECT_THAT(keys(doc["networks"].items()), ElementsAre("back"));
  EXPECT_THAT(keys(doc["secrets"].items()), ElementsAre("token"));
  EXPECT_FALSE(doc.contains("configs"));
  EXPECT_THAT(render_yaml(p), Not(HasSubstr("worker")));
}

TEST(ServiceSelection, BuildSecretsCountAsUsed) {
  temp_project t;
  auto p = t.load_file(stack);
  select_services(p, {"worker"});
  EXPECT_THAT(keys(p.secrets), ElementsAre("build_key"));
  EXPECT_THAT(keys(p.configs), ElementsAre("settings"));
  EXPECT_THAT(keys(p.volumes), ElementsAre("cache"));
}

TEST(ServiceSelection, NoNamesChangeNothingAndAnUnknownNameChangesNothing) {
  temp_project t;
  auto p = t.load_file(stack);
  const auto before = render_json(p);
  select_services(p, {});
  EXPECT_EQ(render_json(p), before);
  EXPECT_THROW(select_services(p, {"web", "nope"}), unknown_service);
  EXPECT_EQ(p.services.size(), 4u);
  EXPECT_EQ(render_json(p), before);
}

TEST(DisabledServices, AreProjectStateNotPartOfTheDocument) {
  temp_project t;
  const auto p =
      t.load_file("services:\n  web:\n    image: nginx\n  dbg:\n    image: busybox\n    profiles: [debug]\n");
  EXPECT_THAT(keys(p.services), ElementsAre("web"));
  EXPECT_THAT(keys(p.disabled_services), ElementsAre("dbg"));
  EXPECT_THAT(p.disabled_services.at("dbg").profiles, ElementsAre("debug"));
  ASSERT_TRUE(p.canonical);
  EXPECT_THAT(keys(p.canonical->items()), Not(::testing::Contains(HasSubstr("#"))));
  EXPECT_THAT(render_json(p), Not(HasSubstr("dbg")));
}

TEST(DisabledServices, KeysStartingWithAHashRender) {
  temp_project t;
  const auto p = t.load_file("services:\n  web:\n    image: nginx\n    labels:\n      \"#note\": kept\n");
  EXPECT_THAT(render_yaml(p), HasSubstr("#note"));
  EXPECT_EQ(nlohmann::json::parse(render_json(p))["services"]["web"]["labels"]["#note"], "kept");
}
