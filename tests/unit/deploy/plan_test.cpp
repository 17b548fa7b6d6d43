#include <algorithm>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "deploy_test_support.hpp"
#include "stackctl/deploy/plan.hpp"

namespace stackctl::deploy {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::load_project;
using testing::observed_container;
using testing::temp_dir;

const char* kStack = R"(services:
  web:
    image: nginx
    ports: ["8080:80"]
    volumes: [data:/data, ./site:/site]
    depends_on:
      db: {condition: service_healthy}
  db:
    image: pg
    healthcheck: {test: ["CMD", "true"]}
volumes:
  data: {}
)";

const std::map<std::string, std::string> kImages{{"web", "sha256:web"}, {"db", "sha256:db"}};

const action& find(const plan& p, action_kind kind, const std::string& resource) {
  auto it = std::find_if(p.actions.begin(), p.actions.end(),
                         [&](const action& a) { return a.kind == kind && a.resource == resource; });
  if (it == p.actions.end()) throw std::runtime_error("no action " + resource);
  return *it;
}
std::size_t index_of(const plan& p, const action& a) { return static_cast<std::size_t>(&a - p.actions.data()); }
bool comes_after(const plan& p, const action& a, const action& b) {
  return std::find(a.after.begin(), a.after.end(), index_of(p, b)) != a.after.end();
}

observed_state converged(const model::project& p) {
  observed_state o;
  o.containers = {observed_container(p, "web", 1, "sha256:web"), observed_container(p, "db", 1, "sha256:db")};
  engine::network_inspect n;
  n.name = "demo_default";
  o.networks = {n};
  engine::volume v;
  v.name = "demo_data";
  o.volumes = {v};
  return o;
}

TEST(Plan, FreshProjectCreatesEverythingInDependencyOrder) {
  temp_dir d;
  auto p = load_project(d, kStack);
  auto site = (d.path() / "site").string();
  auto pl = make_plan(p, {}, kImages, {}, {site});
  EXPECT_EQ(pl.count(action_kind::create_network), 1u);
  EXPECT_EQ(pl.count(action_kind::create_volume), 1u);
  EXPECT_EQ(pl.count(action_kind::make_directory), 1u);
  EXPECT_EQ(pl.count(action_kind::create_container), 2u);
  EXPECT_EQ(pl.count(action_kind::start_container), 2u);
  const auto& net = find(pl, action_kind::create_network, "demo_default");
  const auto& vol = find(pl, action_kind::create_volume, "demo_data");
  const auto& dir = find(pl, action_kind::make_directory, site);
  const auto& create_web = find(pl, action_kind::create_container, "demo-web-1");
  const auto& create_db = find(pl, action_kind::create_container, "demo-db-1");
  EXPECT_TRUE(comes_after(pl, create_web, net));
  EXPECT_TRUE(comes_after(pl, create_web, vol));
  EXPECT_TRUE(comes_after(pl, create_web, dir));
  EXPECT_TRUE(comes_after(pl, create_web, create_db));
  // web starts only after the wait for db's health, which comes after db's start.
  const auto& wait_db = find(pl, action_kind::wait_dependency, "db");
  EXPECT_EQ(wait_db.condition, "service_healthy");
  EXPECT_TRUE(comes_after(pl, wait_db, find(pl, action_kind::start_container, "demo-db-1")));
  const auto& start_web = find(pl, action_kind::start_container, "demo-web-1");
  EXPECT_TRUE(comes_after(pl, start_web, wait_db));
  EXPECT_TRUE(comes_after(pl, start_web, create_web));
  EXPECT_FALSE(start_web.serialise_start);  // a fixed host port needs no serialisation
}

TEST(Plan, ConvergedProjectPlansNothing) {
  temp_dir d;
  auto p = load_project(d, kStack);
  auto pl = make_plan(p, converged(p), kImages, {});
  EXPECT_TRUE(pl.actions.empty());
  EXPECT_EQ(pl.kept.size(), 2u);
}

TEST(Plan, StoppedContainerIsStartedNotRecreated) {
  temp_dir d;
  auto p = load_project(d, kStack);
  auto o = converged(p);
  o.containers[0].state = "exited";
  auto pl = make_plan(p, o, kImages, {});
  ASSERT_EQ(pl.count(action_kind::start_container), 1u);
  EXPECT_EQ(find(pl, action_kind::start_container, "demo-web-1").container_id, "id-web-1");
  EXPECT_EQ(pl.count(action_kind::create_container) + pl.count(action_kind::recreate_container), 0u);
}

TEST(Plan, ChangedServiceAloneIsRecreated) {
  temp_dir d;
  auto p = load_project(d, kStack);
  auto o = converged(p);
  std::string yaml = kStack;
  yaml.replace(yaml.find("image: pg\n"), 10, "image: pg\n    environment: {X: \"1\"}\n");
  auto changed = load_project(d, yaml);
  auto pl = make_plan(changed, o, kImages, {});
  ASSERT_EQ(pl.count(action_kind::recreate_container), 1u);
  const auto& r = find(pl, action_kind::recreate_container, "demo-db-1");
  EXPECT_EQ(r.container_id, "id-db-1");
  EXPECT_EQ(pl.count(action_kind::create_container), 0u);
  // the recreated container is started; web stays untouched
  EXPECT_EQ(pl.count(action_kind::start_container), 1u);
}

// Issue 20.5: `up` killed between a recreate's rename steps leaves the new container under its
// temporary name; the re-run gives it its proper name instead of keeping it so for good.
TEST(Plan, ContainerLeftUnderItsTemporaryNameIsRenamed) {
  temp_dir d;
  auto p = load_project(d, kStack);
  auto o = converged(p);
  o.containers[1].names = {"/" + temporary_name("0123456789abcdef", "demo-db-1")};
  o.containers[1].state = "created";
  auto pl = make_plan(p, o, kImages, {});
  EXPECT_EQ(pl.count(action_kind::recreate_container), 0u);
  EXPECT_EQ(pl.count(action_kind::create_container), 0u);
  ASSERT_EQ(pl.count(action_kind::rename_container), 1u);
  const auto& rename = find(pl, action_kind::rename_container, "demo-db-1");
  EXPECT_EQ(rename.container_id, "id-db-1");
  EXPECT_TRUE(comes_after(pl, find(pl, action_kind::start_container, "demo-db-1"), rename));
}

// Killed after the create under the temporary name, before the old one was removed: two containers
// hold number 1. The up-to-date one is kept (renamed, started), the old one removed first.
TEST(Plan, InterruptedRecreateKeepsTheNewContainerAndRemovesTheOld) {
  temp_dir d;
  auto p = load_project(d, kStack);
  auto o = converged(p);
  auto old_db = o.containers[1];
  old_db.id = "id-db-old";
  old_db.labels[labels::config_hash] = "stale";
  auto new_db = o.containers[1];
  new_db.names = {"/" + temporary_name("id-db-old", "demo-db-1")};
  new_db.state = "created";
  o.containers = {o.containers[0], new_db, old_db};
  auto pl = make_plan(p, o, kImages, {});
  EXPECT_EQ(pl.count(action_kind::recreate_container), 0u);
  EXPECT_EQ(pl.count(action_kind::create_container), 0u);
  const auto& remove = find(pl, action_kind::remove_container, "demo-db-1");
  EXPECT_EQ(remove.container_id, "id-db-old");
  const auto& rename = find(pl, action_kind::rename_container, "demo-db-1");
  EXPECT_EQ(rename.container_id, "id-db-1");
  EXPECT_TRUE(comes_after(pl, rename, remove));
  EXPECT_TRUE(comes_after(pl, find(pl, action_kind::start_container, "demo-db-1"), rename));
}

TEST(Plan, RecreatedDependencyRestartsDependentsThatAskForIt) {
  temp_dir d;
  std::string yaml = kStack;
  yaml.replace(yaml.find("service_healthy}"), 16, "service_healthy, restart: true}");
  auto p = load_project(d, yaml);
  auto o = converged(p);
  EXPECT_EQ(make_plan(p, o, kImages, {}).count(action_kind::restart_container), 0u);  // nothing changed
  auto images = kImages;
  images["db"] = "sha256:newer";
  auto pl = make_plan(p, o, images, {});
  ASSERT_EQ(pl.count(action_kind::restart_container), 1u);
  const auto& r = find(pl, action_kind::restart_container, "demo-web-1");
  EXPECT_EQ(r.container_id, "id-web-1");
  EXPECT_TRUE(comes_after(pl, r, find(pl, action_kind::wait_dependency, "db")));
  // without restart: true the dependent is left alone
  auto plain = load_project(d, kStack);
  EXPECT_EQ(make_plan(plain, converged(plain), images, {}).count(action_kind::restart_container), 0u);
}

TEST(Plan, NewImageIdRecreates) {
  temp_dir d;
  auto p = load_project(d, kStack);
  auto images = kImages;
  images["web"] = "sha256:newer";
  auto pl = make_plan(p, converged(p), images, {});
  EXPECT_EQ(pl.count(action_kind::recreate_container), 1u);
  EXPECT_EQ(find(pl, action_kind::recreate_container, "demo-web-1").service, "web");
}

TEST(Plan, RunningContainerMissingANetworkIsRecreated) {
  temp_dir d;
  auto p = load_project(d, kStack);
  auto o = converged(p);
  o.containers[0].networks = {"something_else"};
  o.containers[1].networks = {"demo_default"};
  auto pl = make_plan(p, o, kImages, {});
  ASSERT_EQ(pl.count(action_kind::recreate_container), 1u);
  EXPECT_EQ(find(pl, action_kind::recreate_container, "demo-web-1").container_id, "id-web-1");
}

TEST(Plan, ForceAndNoRecreatePolicies) {
  temp_dir d;
  auto p = load_project(d, kStack);
  plan_options force;
  force.recreate = recreate_policy::force;
  EXPECT_EQ(make_plan(p, converged(p), kImages, force).count(action_kind::recreate_container), 2u);
  auto images = kImages;
  images["web"] = "sha256:newer";
  plan_options never;
  never.recreate = recreate_policy::never;
  EXPECT_TRUE(make_plan(p, converged(p), images, never).actions.empty());
}

TEST(Plan, ScaleAddsAndRemovesByNumber) {
  temp_dir d;
  auto p = load_project(d, kStack);
  plan_options up3;
  up3.scale = {{"db", 3}};
  auto pl = make_plan(p, converged(p), kImages, up3);
  EXPECT_EQ(pl.count(action_kind::create_container), 2u);
  find(pl, action_kind::create_container, "demo-db-2");
  find(pl, action_kind::create_container, "demo-db-3");

  auto o = converged(p);
  o.containers.push_back(observed_container(p, "db", 2, "sha256:db"));
  plan_options down1;
  auto pl2 = make_plan(p, o, kImages, down1);
  ASSERT_EQ(pl2.count(action_kind::remove_container), 1u);
  EXPECT_EQ(find(pl2, action_kind::remove_container, "demo-db-2").container_id, "id-db-2");
}

TEST(Plan, OrphansWarnOrAreRemoved) {
  temp_dir d;
  auto p = load_project(d, kStack);
  auto o = converged(p);
  auto old = observed_container(p, "db", 1, "x");
  old.id = "id-old";
  old.names = {"/demo-old-1"};
  old.labels["com.docker.compose.service"] = "old";
  o.containers.push_back(old);
  auto pl = make_plan(p, o, kImages, {});
  EXPECT_THAT(pl.orphans, ElementsAre("demo-old-1"));
  ASSERT_EQ(pl.warnings.size(), 1u);
  EXPECT_THAT(pl.warnings[0], HasSubstr("--remove-orphans"));
  EXPECT_EQ(pl.count(action_kind::remove_container), 0u);
  plan_options ro;
  ro.remove_orphans = true;
  auto pl2 = make_plan(p, o, kImages, ro);
  EXPECT_EQ(find(pl2, action_kind::remove_container, "demo-old-1").container_id, "id-old");
}

TEST(Plan, NoStartAndNoDeps) {
  temp_dir d;
  auto p = load_project(d, kStack);
  plan_options ns;
  ns.no_start = true;
  auto pl = make_plan(p, {}, kImages, ns);
  EXPECT_EQ(pl.count(action_kind::create_container), 2u);
  EXPECT_EQ(pl.count(action_kind::start_container), 0u);
  EXPECT_EQ(pl.count(action_kind::wait_dependency), 0u);

  EXPECT_THAT(with_dependencies(p, {"web"}), ElementsAre("db", "web"));
  EXPECT_THAT(with_dependencies(p, {"web"}, true), ElementsAre("web"));
  plan_options only_web;
  only_web.services = {"web"};
  auto pl2 = make_plan(p, {}, kImages, only_web);
  EXPECT_EQ(pl2.count(action_kind::create_container), 1u);
  EXPECT_EQ(pl2.count(action_kind::wait_dependency), 0u);  // db not selected: not waited on
}

TEST(Plan, EphemeralOrRangePortsSerialiseTheStart) {
  temp_dir d;
  auto p = load_project(d, R"(services:
  a: {image: x, ports: ["80"]}
  b: {image: x, ports: ["9000-9005:80"]}
  c: {image: x, ports: ["8081:80"]}
  e: {image: x}
)");
  auto pl = make_plan(p, {}, {}, {});
  EXPECT_TRUE(find(pl, action_kind::start_container, "demo-a-1").serialise_start);
  EXPECT_TRUE(find(pl, action_kind::start_container, "demo-b-1").serialise_start);
  EXPECT_FALSE(find(pl, action_kind::start_container, "demo-c-1").serialise_start);
  EXPECT_FALSE(find(pl, action_kind::start_container, "demo-e-1").serialise_start);
}

TEST(Plan, ExternalResourcesAreNeverCreated) {
  temp_dir d;
  auto p = load_project(d, R"(services:
  a: {image: x, volumes: [ext:/e], networks: [outside]}
volumes:
  ext: {external: true}
networks:
  outside: {external: true}
)");
  auto pl = make_plan(p, {}, {}, {});
  EXPECT_EQ(pl.count(action_kind::create_volume), 0u);
  EXPECT_EQ(pl.count(action_kind::create_network), 0u);
}

TEST(Plan, ContainerNameForbidsScale) {
  temp_dir d;
  auto p = load_project(d, "services:\n  a: {image: x, container_name: fixed}\n");
  plan_options o;
  o.scale = {{"a", 2}};
  EXPECT_THROW(make_plan(p, {}, {}, o), std::runtime_error);
}

TEST(Plan, ANetworkWhoseConfigHashChangedIsRecreatedAndItsContainersReconnectedAndStarted) {
  temp_dir d;
  auto p = load_project(d, kStack);
  auto o = converged(p);
  o.networks[0].labels = network_labels(p, p.networks.at("default"));
  for (auto& c : o.containers) c.networks = {"demo_default"};
  EXPECT_TRUE(make_plan(p, o, kImages, {}).actions.empty());  // same hash: nothing
  auto unlabelled = o;
  unlabelled.networks[0].labels.erase(labels::config_hash);
  EXPECT_TRUE(make_plan(p, unlabelled, kImages, {}).actions.empty());  // made before the label: kept

  o.networks[0].labels[labels::config_hash] = "an older definition";
  auto pl = make_plan(p, o, kImages, {});
  ASSERT_EQ(pl.count(action_kind::recreate_network), 1u);
  EXPECT_EQ(pl.count(action_kind::create_network), 0u);
  EXPECT_EQ(pl.count(action_kind::recreate_container), 0u);
  const auto& net = find(pl, action_kind::recreate_network, "demo_default");
  EXPECT_EQ(net.key, "default");
  ASSERT_EQ(net.attached.size(), 2u);
  for (const auto& c : net.attached) EXPECT_TRUE(c.reconnect) << c.name;
  // Both are started again after it, db's wait still in between.
  EXPECT_TRUE(comes_after(pl, find(pl, action_kind::start_container, "demo-db-1"), net));
  EXPECT_TRUE(comes_after(pl, find(pl, action_kind::start_container, "demo-web-1"), net));
  EXPECT_TRUE(comes_after(pl, find(pl, action_kind::start_container, "demo-web-1"),
                          find(pl, action_kind::wait_dependency, "db")));

  // A container recreated anyway is disconnected, not reconnected; its new one waits for the network.
  o.containers[0].labels[labels::config_hash] = "changed";  // web
  auto both = make_plan(p, o, kImages, {});
  const auto& net2 = find(both, action_kind::recreate_network, "demo_default");
  for (const auto& c : net2.attached) EXPECT_EQ(c.reconnect, c.service == "db") << c.name;
  EXPECT_TRUE(comes_after(both, find(both, action_kind::recreate_container, "demo-web-1"), net2));
}

TEST(Plan, ANetworkRecreateReconnectsUnselectedServicesAndRestartsTheRunningOnes) {
  temp_dir d;
  auto p = load_project(d, kStack);
  auto o = converged(p);
  o.networks[0].labels = network_labels(p, p.networks.at("default"));
  o.networks[0].labels[labels::config_hash] = "old";
  for (auto& c : o.containers) c.networks = {"demo_default"};
  plan_options only_db;
  only_db.services = {"db"};
  auto pl = make_plan(p, o, kImages, only_db);
  const auto& net = find(pl, action_kind::recreate_network, "demo_default");
  for (const auto& c : net.attached) EXPECT_TRUE(c.reconnect) << c.name;
  EXPECT_TRUE(comes_after(pl, find(pl, action_kind::start_container, "demo-web-1"), net));
}

TEST(Plan, AVolumeWhoseConfigHashChangedIsKeptWithAWarning) {
  temp_dir d;
  auto p = load_project(d, kStack);
  auto o = converged(p);
  o.volumes[0].labels = volume_labels(p, p.volumes.at("data"));
  EXPECT_TRUE(make_plan(p, o, kImages, {}).warnings.empty());
  o.volumes[0].labels[labels::config_hash] = "old";
  auto pl = make_plan(p, o, kImages, {});
  EXPECT_TRUE(pl.actions.empty());
  ASSERT_EQ(pl.warnings.size(), 1u);
  EXPECT_THAT(pl.warnings[0], HasSubstr("Volume \"demo_data\" exists but doesn't match configuration in compose file"));
}

}  // namespace
}  // namespace stackctl::deploy
