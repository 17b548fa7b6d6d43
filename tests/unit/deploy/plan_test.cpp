// The planner, as golden text: to_string(plan) lists every action with its cause and what it comes
// after, so one comparison checks the operations, their order constraints and why each was chosen.
#include <algorithm>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "deploy_test_support.hpp"
#include "stackctl/deploy/deploy_error.hpp"
#include "stackctl/deploy/plan.hpp"

namespace stackctl::deploy {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::load_project;
using ::testing::Not;
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

// The plan's text with the test's directory as ${DIR}.
std::string text(const plan& pl, const temp_dir& d) {
  auto out = to_string(pl);
  const auto dir = d.path().string();
  for (auto pos = out.find(dir); pos != std::string::npos; pos = out.find(dir)) out.replace(pos, dir.size(), "${DIR}");
  return out;
}

const action& find(const plan& p, operation op, const std::string& resource) {
  auto it = std::find_if(p.actions.begin(), p.actions.end(),
                         [&](const action& a) { return a.op == op && a.resource == resource; });
  if (it == p.actions.end()) throw std::runtime_error("no action " + resource);
  return *it;
}

TEST(Plan, FreshProjectCreatesEverythingInDependencyOrder) {
  temp_dir d;
  auto p = load_project(d, kStack);
  auto pl = make_plan(p, {}, kImages, {}, {(d.path() / "site").string()});
  EXPECT_EQ(text(pl, d), R"(1 create_network demo_default (not found)
2 create_volume demo_data (not found)
3 make_directory ${DIR}/site (bind source missing)
4 create_container demo-db-1 (scale 0 → 1) after 1
5 create_container demo-web-1 (scale 0 → 1) after 1, 2, 3, 4
6 start_container demo-db-1 (created) after 4
7 wait_dependency db service_healthy (web depends on it) after 4, 6
8 start_container demo-web-1 (created) after 5, 7
)");
  // The create carries the hash and per-key digests the next plan compares.
  const auto& web = find(pl, operation::create_container, "demo-web-1");
  EXPECT_EQ(web.config_hash, model::config_hash(p, "web"));
  EXPECT_THAT(web.config_fields, HasSubstr("image="));
  EXPECT_FALSE(find(pl, operation::start_container, "demo-web-1").serialise_start);  // a fixed host port
}

TEST(Plan, ConvergedProjectPlansNothing) {
  temp_dir d;
  auto p = load_project(d, kStack);
  auto pl = make_plan(p, converged(p), kImages, {});
  EXPECT_EQ(text(pl, d), "nothing to do\n");
  EXPECT_EQ(pl.kept.size(), 2u);
}

TEST(Plan, StoppedContainerIsStartedNotRecreated) {
  temp_dir d;
  auto p = load_project(d, kStack);
  auto o = converged(p);
  o.containers[0].state = "exited";
  auto pl = make_plan(p, o, kImages, {});
  // Started once the condition of its dependency holds again (db, kept, is waited on).
  EXPECT_EQ(text(pl, d), R"(1 wait_dependency db service_healthy (web depends on it)
2 start_container demo-web-1 (exited) after 1
)");
  EXPECT_EQ(pl.actions[1].container_id, "id-web-1");
}

TEST(Plan, ChangedEnvironmentRecreatesTheServiceAndSaysWhichKeyChanged) {
  temp_dir d;
  auto p = load_project(d, kStack);
  auto o = converged(p);
  std::string yaml = kStack;
  yaml.replace(yaml.find("image: pg\n"), 10, "image: pg\n    environment: {X: \"1\"}\n");
  auto changed = load_project(d, yaml);
  auto pl = make_plan(changed, o, kImages, {});
  EXPECT_EQ(text(pl, d), R"(1 create_container id-db-1_demo-db-1 (config hash changed: environment)
2 stop_container demo-db-1 (replaced by id-db-1_demo-db-1) after 1
3 remove_container demo-db-1 (replaced by id-db-1_demo-db-1) after 2
4 rename_container id-db-1_demo-db-1 to demo-db-1 (recreate) after 3
5 start_container demo-db-1 (created) after 4
)");
  EXPECT_EQ(find(pl, operation::create_container, "id-db-1_demo-db-1").replaces, "id-db-1");

  // A container made before stackctl recorded the per-key digests: the hash alone.
  o.containers[1].labels.erase(labels::config_fields);
  EXPECT_THAT(text(make_plan(changed, o, kImages, {}), d),
              HasSubstr("1 create_container id-db-1_demo-db-1 (config hash changed)\n"));
}

TEST(Plan, NewImageIdRecreates) {
  temp_dir d;
  auto p = load_project(d, kStack);
  auto images = kImages;
  images["web"] = "sha256:newer";
  EXPECT_THAT(text(make_plan(p, converged(p), images, {}), d),
              HasSubstr("1 create_container id-web-1_demo-web-1 (image changed)\n"));
}

TEST(Plan, RunningContainerMissingANetworkIsRecreated) {
  temp_dir d;
  auto p = load_project(d, kStack);
  auto o = converged(p);
  o.containers[0].networks = {"something_else"};
  o.containers[1].networks = {"demo_default"};
  EXPECT_EQ(text(make_plan(p, o, kImages, {}), d),
            R"(1 create_container id-web-1_demo-web-1 (not on network demo_default)
2 stop_container demo-web-1 (replaced by id-web-1_demo-web-1) after 1
3 remove_container demo-web-1 (replaced by id-web-1_demo-web-1) after 2
4 rename_container id-web-1_demo-web-1 to demo-web-1 (recreate) after 3
5 wait_dependency db service_healthy (web depends on it)
6 start_container demo-web-1 (created) after 4, 5
)");
}

TEST(Plan, ForceAndNoRecreatePolicies) {
  temp_dir d;
  auto p = load_project(d, kStack);
  plan_options force;
  force.recreate = recreate_policy::force;
  auto pl = make_plan(p, converged(p), kImages, force);
  EXPECT_THAT(text(pl, d), HasSubstr("1 create_container id-db-1_demo-db-1 (--force-recreate)\n"));
  EXPECT_THAT(text(pl, d), HasSubstr("create_container id-web-1_demo-web-1 (--force-recreate) after 4\n"));
  auto images = kImages;
  images["web"] = "sha256:newer";
  plan_options never;
  never.recreate = recreate_policy::never;
  EXPECT_EQ(text(make_plan(p, converged(p), images, never), d), "nothing to do\n");
}

TEST(Plan, ScaleAddsAndRemovesByNumber) {
  temp_dir d;
  auto p = load_project(d, kStack);
  plan_options up3;
  up3.scale = {{"db", 3}};
  EXPECT_EQ(text(make_plan(p, converged(p), kImages, up3), d), R"(1 create_container demo-db-2 (scale 1 → 3)
2 create_container demo-db-3 (scale 1 → 3)
3 start_container demo-db-2 (created) after 1
4 start_container demo-db-3 (created) after 2
)");

  auto o = converged(p);
  o.containers.push_back(observed_container(p, "db", 2, "sha256:db"));
  auto pl = make_plan(p, o, kImages, {});
  EXPECT_EQ(text(pl, d), R"(1 stop_container demo-db-2 (scale 2 → 1)
2 remove_container demo-db-2 (scale 2 → 1) after 1
)");
  EXPECT_EQ(pl.actions[1].container_id, "id-db-2");
}

TEST(Plan, OrphansWarnOrAreRemoved) {
  temp_dir d;
  auto p = load_project(d, kStack);
  auto o = converged(p);
  auto old = observed_container(p, "db", 1, "x");
  old.id = "id-old";
  old.names = {"/demo-old-1"};
  old.labels[labels::service] = "old";
  o.containers.push_back(old);
  auto pl = make_plan(p, o, kImages, {});
  EXPECT_EQ(text(pl, d), "nothing to do\n");
  EXPECT_THAT(pl.orphans, ElementsAre("demo-old-1"));
  ASSERT_EQ(pl.warnings.size(), 1u);
  EXPECT_THAT(pl.warnings[0], HasSubstr("--remove-orphans"));
  plan_options ro;
  ro.remove_orphans = true;
  EXPECT_EQ(text(make_plan(p, o, kImages, ro), d), R"(1 stop_container demo-old-1 (orphan)
2 remove_container demo-old-1 (orphan) after 1
)");
}

// Issue 20.5: `up` killed between a recreate's rename steps leaves the new container under its
// temporary name; the re-run gives it its proper name instead of keeping it so for good.
TEST(Plan, ContainerLeftUnderItsTemporaryNameIsRenamed) {
  temp_dir d;
  auto p = load_project(d, kStack);
  auto o = converged(p);
  o.containers[1].names = {"/" + temporary_name("0123456789abcdef", "demo-db-1")};
  o.containers[1].state = "created";
  EXPECT_EQ(text(make_plan(p, o, kImages, {}), d),
            R"(1 rename_container 0123456789ab_demo-db-1 to demo-db-1 (left under its temporary name)
2 start_container demo-db-1 (created) after 1
)");
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
  EXPECT_EQ(text(pl, d), R"(1 stop_container demo-db-1 (left by an interrupted recreate)
2 remove_container demo-db-1 (left by an interrupted recreate) after 1
3 rename_container id-db-old_demo-db-1 to demo-db-1 (left under its temporary name) after 2
4 start_container demo-db-1 (created) after 3
)");
  EXPECT_EQ(pl.actions[1].container_id, "id-db-old");
  EXPECT_EQ(pl.actions[2].container_id, "id-db-1");
}

TEST(Plan, RecreatedDependencyRestartsDependentsThatAskForIt) {
  temp_dir d;
  std::string yaml = kStack;
  yaml.replace(yaml.find("service_healthy}"), 16, "service_healthy, restart: true}");
  auto p = load_project(d, yaml);
  auto o = converged(p);
  EXPECT_EQ(text(make_plan(p, o, kImages, {}), d), "nothing to do\n");
  auto images = kImages;
  images["db"] = "sha256:newer";
  EXPECT_EQ(text(make_plan(p, o, images, {}), d), R"(1 create_container id-db-1_demo-db-1 (image changed)
2 stop_container demo-db-1 (replaced by id-db-1_demo-db-1) after 1
3 remove_container demo-db-1 (replaced by id-db-1_demo-db-1) after 2
4 rename_container id-db-1_demo-db-1 to demo-db-1 (recreate) after 3
5 start_container demo-db-1 (created) after 4
6 wait_dependency db service_healthy (web depends on it) after 4, 5
7 restart_container demo-web-1 (dependency db recreated (restart: true)) after 6
)");
  // without restart: true the dependent is left alone
  auto plain = load_project(d, kStack);
  EXPECT_EQ(make_plan(plain, converged(plain), images, {}).count(operation::restart_container), 0u);
}

TEST(Plan, NoStartAndSelection) {
  temp_dir d;
  auto p = load_project(d, kStack);
  plan_options ns;
  ns.no_start = true;
  EXPECT_EQ(text(make_plan(p, {}, kImages, ns), d), R"(1 create_network demo_default (not found)
2 create_volume demo_data (not found)
3 create_container demo-db-1 (scale 0 → 1) after 1
4 create_container demo-web-1 (scale 0 → 1) after 1, 2, 3
)");
  plan_options only_web;  // db not selected: neither created nor waited on
  only_web.services = {"web"};
  EXPECT_EQ(text(make_plan(p, {}, kImages, only_web), d), R"(1 create_network demo_default (not found)
2 create_volume demo_data (not found)
3 create_container demo-web-1 (scale 0 → 1) after 1, 2
4 start_container demo-web-1 (created) after 3
)");
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
  EXPECT_TRUE(find(pl, operation::start_container, "demo-a-1").serialise_start);
  EXPECT_TRUE(find(pl, operation::start_container, "demo-b-1").serialise_start);
  EXPECT_FALSE(find(pl, operation::start_container, "demo-c-1").serialise_start);
  EXPECT_FALSE(find(pl, operation::start_container, "demo-e-1").serialise_start);
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
  EXPECT_EQ(text(make_plan(p, {}, {}, {}), d), R"(1 create_container demo-a-1 (scale 0 → 1)
2 start_container demo-a-1 (created) after 1
)");
}

TEST(Plan, ContainerNameForbidsScale) {
  temp_dir d;
  auto p = load_project(d, "services:\n  a: {image: x, container_name: fixed}\n");
  plan_options o;
  o.scale = {{"a", 2}};
  try {
    make_plan(p, {}, {}, o);
    FAIL() << "no error";
  } catch (const deploy_error& e) {
    EXPECT_EQ(e.kind(), deploy_error_kind::invalid);
    EXPECT_THAT(e.what(), HasSubstr("has container_name \"fixed\" and cannot be scaled"));
  }
}

TEST(Plan, BelowApi144ExtraNetworksAreConnectedBeforeTheStart) {
  temp_dir d;
  auto p = load_project(d, "services:\n  a: {image: x, networks: [front, back]}\nnetworks:\n  front: {}\n  back: {}\n");
  plan_options old;
  old.api_version = {1, 41};
  EXPECT_EQ(text(make_plan(p, {}, {}, old), d), R"(1 create_network demo_back (not found)
2 create_network demo_front (not found)
3 create_container demo-a-1 (scale 0 → 1) after 1, 2
4 connect_network demo-a-1 to demo_front (API 1.41 < 1.44: one network at create) after 3
5 start_container demo-a-1 (created) after 3, 4
)");
  plan_options current;
  EXPECT_EQ(make_plan(p, {}, {}, current).count(operation::connect_network), 0u);
}

TEST(Plan, ContentSecretsAreCopiedInBeforeEachStart) {
  temp_dir d;
  auto p = load_project(d, R"(services:
  a: {image: x, configs: [token]}
configs:
  token: {content: "s3cret"}
)");
  EXPECT_EQ(text(make_plan(p, {}, {}, {}), d), R"(1 create_network demo_default (not found)
2 create_container demo-a-1 (scale 0 → 1) after 1
3 copy_files demo-a-1 (content secrets/configs) after 2
4 start_container demo-a-1 (created) after 3
)");
}

TEST(Plan, ANetworkWhoseConfigHashChangedIsRecreatedAndItsContainersReconnectedAndStarted) {
  temp_dir d;
  auto p = load_project(d, kStack);
  auto o = converged(p);
  o.networks[0].labels = network_labels(p, p.networks.at("default"));
  for (auto& c : o.containers) c.networks = {"demo_default"};
  EXPECT_EQ(text(make_plan(p, o, kImages, {}), d), "nothing to do\n");  // same hash
  auto unlabelled = o;
  unlabelled.networks[0].labels.erase(labels::config_hash);
  EXPECT_EQ(text(make_plan(p, unlabelled, kImages, {}), d), "nothing to do\n");  // made before the label: kept

  o.networks[0].labels[labels::config_hash] = "an older definition";
  EXPECT_EQ(text(make_plan(p, o, kImages, {}), d), R"(1 stop_container demo-web-1 (network demo_default recreated)
2 disconnect_network demo-web-1 from demo_default (network demo_default recreated) after 1
3 stop_container demo-db-1 (network demo_default recreated)
4 disconnect_network demo-db-1 from demo_default (network demo_default recreated) after 3
5 remove_network demo_default (config hash changed) after 2, 4
6 create_network demo_default (config hash changed) after 5
7 connect_network demo-db-1 to demo_default (network demo_default recreated) after 4, 6
8 connect_network demo-web-1 to demo_default (network demo_default recreated) after 2, 6
9 start_container demo-db-1 (network recreated) after 7
10 wait_dependency db service_healthy (web depends on it) after 9
11 start_container demo-web-1 (network recreated) after 8, 10
)");

  // A container recreated anyway is not reconnected; its new one waits for the network.
  o.containers[0].labels[labels::config_hash] = "changed";  // web
  auto both = text(make_plan(p, o, kImages, {}), d);
  EXPECT_THAT(both, HasSubstr("7 connect_network demo-db-1 to demo_default"));
  EXPECT_THAT(both, Not(HasSubstr(" connect_network demo-web-1")));
  EXPECT_THAT(both, HasSubstr("8 create_container id-web-1_demo-web-1 (config hash changed) after 6\n"));
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
  auto pl = text(make_plan(p, o, kImages, only_db), d);
  EXPECT_THAT(pl,
              HasSubstr("connect_network demo-web-1 to demo_default (network demo_default recreated) after 2, 6\n"));
  EXPECT_THAT(pl, HasSubstr("start_container demo-web-1 (network recreated) after 8\n"));
}

TEST(Plan, AVolumeWhoseConfigHashChangedIsKeptWithAWarning) {
  temp_dir d;
  auto p = load_project(d, kStack);
  auto o = converged(p);
  o.volumes[0].labels = volume_labels(p, p.volumes.at("data"));
  EXPECT_TRUE(make_plan(p, o, kImages, {}).warnings.empty());
  o.volumes[0].labels[labels::config_hash] = "old";
  auto pl = make_plan(p, o, kImages, {});
  EXPECT_EQ(text(pl, d), "nothing to do\n");
  ASSERT_EQ(pl.warnings.size(), 1u);
  EXPECT_THAT(pl.warnings[0], HasSubstr("Volume \"demo_data\" exists but doesn't match configuration in compose file"));
}

}  // namespace
}  // namespace stackctl::deploy
