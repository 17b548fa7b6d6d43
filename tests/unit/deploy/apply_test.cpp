#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <mutex>

#include "deploy_test_support.hpp"
#include "stackctl/deploy/apply.hpp"
#include "stackctl/deploy/deploy_error.hpp"
#include "stackctl/deploy/plan.hpp"

namespace stackctl::deploy {
namespace {

// The fakes speak API 1.41 (fake_engine::ref): plans are made for it.
plan_options api_141() {
  plan_options o;
  o.api_version = {1, 41};
  return o;
}

using ::testing::_;
using ::testing::AnyNumber;
using ::testing::ElementsAre;
using testing::fake_engine;
using ::testing::Field;
using ::testing::HasSubstr;
using ::testing::InSequence;
using ::testing::Invoke;
using testing::load_project;
using testing::observed_container;
using ::testing::Return;
using testing::temp_dir;

engine::container_inspect with_health(const std::string& name, const std::string& health, bool running = true) {
  engine::container_inspect c;
  c.name = "/" + name;
  c.state.running = running;
  c.state.status = running ? "running" : "exited";
  if (!health.empty()) c.state.health = engine::container_health{health, 0, {}};
  return c;
}

TEST(Apply, CreatesLabelledNetworkVolumeThenContainerConnectsExtraNetworksBeforeStart) {
  temp_dir d;
  auto p = load_project(d, R"(services:
  web:
    image: busybox
    volumes: [data:/data]
    networks: [front, back]
volumes:
  data: {}
networks:
  front: {}
  back: {}
)");
  fake_engine f;
  std::map<std::string, std::string> images{{"web", "sha256:img"}};
  auto pl = make_plan(p, {}, images, api_141());
  EXPECT_CALL(f.networks, create(Field(&engine::network_create_request::name, "demo_back")))
      .WillOnce(Invoke([](const engine::network_create_request& r) {
        EXPECT_EQ(r.labels.at("com.docker.compose.network"), "back");
        EXPECT_EQ(r.labels.at("com.docker.compose.project"), "demo");
        return engine::network_create_response{"n1", ""};
      }));
  EXPECT_CALL(f.networks, create(Field(&engine::network_create_request::name, "demo_front")))
      .WillOnce(Return(engine::network_create_response{"n2", ""}));
  EXPECT_CALL(f.volumes, create(_)).WillOnce(Invoke([](const engine::volume_create_request& r) {
    EXPECT_EQ(r.name, "demo_data");
    EXPECT_EQ(r.labels.at("com.docker.compose.volume"), "data");
    engine::volume v;
    v.name = r.name;
    v.labels = r.labels;
    return v;
  }));
  {
    InSequence seq;
    EXPECT_CALL(f.containers, create(_, std::string_view("demo-web-1")))
        .WillOnce(Invoke([](const engine::container_create_request& r, std::string_view) {
          EXPECT_EQ(r.config.labels.at("com.docker.compose.image"), "sha256:img");
          EXPECT_EQ(r.networking.endpoints.size(), 1u);  // API 1.41: one endpoint at create
          return engine::container_create_response{"cid", {}};
        }));
    EXPECT_CALL(f.networks, connect(std::string_view("demo_front"), std::string_view("cid"), _))
        .WillOnce(Invoke([](std::string_view, std::string_view, const engine::endpoint_settings& e) {
          EXPECT_THAT(e.aliases, ElementsAre("demo-web-1", "web"));
        }));
    EXPECT_CALL(f.containers, start(std::string_view("cid")));
  }
  std::vector<std::string> events;
  std::mutex m;
  apply(pl, p, f.ref(), images, {}, [&](const progress_event& e) {
    std::lock_guard lock(m);
    events.push_back(e.resource + " " + e.text);
  });
  EXPECT_THAT(events, ::testing::Contains("Container demo-web-1 Started"));
}

TEST(Apply, RecreateCreatesTemporaryThenStopsRemovesOldAndRenames) {
  temp_dir d;
  auto p = load_project(d, "services:\n  web: {image: busybox}\n");
  observed_state o;
  o.containers = {observed_container(p, "web", 1, "sha256:old")};
  o.networks.resize(1);
  o.networks[0].name = "demo_default";
  std::map<std::string, std::string> images{{"web", "sha256:new"}};
  auto pl = make_plan(p, o, images, api_141());
  fake_engine f;
  InSequence seq;
  engine::container_inspect old;
  old.mounts.resize(2);
  old.mounts[0].type = "volume";  // an image VOLUME: inherited
  old.mounts[0].name = "abc123";
  old.mounts[0].destination = "/var/lib/data";
  old.mounts[0].rw = true;
  old.mounts[1].type = "bind";
  old.mounts[1].source = "/etc";
  old.mounts[1].destination = "/host-etc";
  EXPECT_CALL(f.containers, inspect(std::string_view("id-web-1"))).WillOnce(Return(old));
  EXPECT_CALL(f.containers, create(_, std::string_view("id-web-1_demo-web-1")))
      .WillOnce(Invoke([](const engine::container_create_request& r, std::string_view) {
        EXPECT_EQ(r.config.labels.at("com.docker.compose.replace"), "web-1");
        EXPECT_EQ(r.config.labels.at(labels::inherited_volumes), "abc123");  // for down -v
        EXPECT_EQ(r.host.mounts.size(), 1u);
        if (!r.host.mounts.empty()) {
          EXPECT_EQ(r.host.mounts[0].source, "abc123");
          EXPECT_EQ(r.host.mounts[0].target, "/var/lib/data");
        }
        return engine::container_create_response{"new", {}};
      }));
  EXPECT_CALL(f.containers, stop(std::string_view("id-web-1"), std::optional<int>(3)));
  EXPECT_CALL(f.containers, remove(std::string_view("id-web-1"), _));
  EXPECT_CALL(f.containers, rename(std::string_view("new"), std::string_view("demo-web-1")));
  EXPECT_CALL(f.containers, start(std::string_view("new")));
  apply_options ao;
  ao.timeout = 3;
  apply(pl, p, f.ref(), images, ao);
}

const char* kHealthy = R"(services:
  web:
    image: busybox
    depends_on:
      db: {condition: service_healthy}
  db:
    image: busybox
    healthcheck: {test: ["CMD", "true"]}
)";

TEST(Apply, DependentStartsOnlyAfterDependencyIsHealthy) {
  temp_dir d;
  auto p = load_project(d, kHealthy);
  auto pl = make_plan(p, {}, {}, api_141());
  fake_engine f;
  ON_CALL(f.containers, create(_, _)).WillByDefault(Invoke([](const auto&, std::string_view name) {
    return engine::container_create_response{std::string(name), {}};
  }));
  int polls = 0;
  InSequence seq;
  EXPECT_CALL(f.containers, start(std::string_view("demo-db-1")));
  EXPECT_CALL(f.containers, inspect(std::string_view("demo-db-1")))
      .Times(2)
      .WillRepeatedly(
          Invoke([&](std::string_view) { return with_health("demo-db-1", ++polls < 2 ? "starting" : "healthy"); }));
  EXPECT_CALL(f.containers, start(std::string_view("demo-web-1")));
  apply_options ao;
  ao.poll_interval = std::chrono::milliseconds(1);
  apply(pl, p, f.ref(), {}, ao);
}

TEST(Apply, UnhealthyDependencyFailsNamingTheContainerAndDependentNeverStarts) {
  temp_dir d;
  auto p = load_project(d, kHealthy);
  auto pl = make_plan(p, {}, {}, api_141());
  fake_engine f;
  ON_CALL(f.containers, create(_, _)).WillByDefault(Invoke([](const auto&, std::string_view name) {
    return engine::container_create_response{std::string(name), {}};
  }));
  ON_CALL(f.containers, inspect(_)).WillByDefault(Return(with_health("demo-db-1", "unhealthy")));
  EXPECT_CALL(f.containers, start(std::string_view("demo-db-1")));
  EXPECT_CALL(f.containers, start(std::string_view("demo-web-1"))).Times(0);
  try {
    apply(pl, p, f.ref(), {}, {});
    FAIL() << "no error";
  } catch (const deploy_error& e) {
    EXPECT_EQ(e.kind(), deploy_error_kind::unhealthy);
    EXPECT_THAT(e.what(), HasSubstr("container demo-db-1 is unhealthy"));
  }
}

TEST(Apply, OptionalDependencyFailureIsAWarning) {
  temp_dir d;
  std::string yaml = kHealthy;
  yaml.replace(yaml.find("service_healthy}"), 16, "service_healthy, required: false}");
  auto p = load_project(d, yaml);
  auto pl = make_plan(p, {}, {}, api_141());
  fake_engine f;
  ON_CALL(f.containers, create(_, _)).WillByDefault(Invoke([](const auto&, std::string_view name) {
    return engine::container_create_response{std::string(name), {}};
  }));
  ON_CALL(f.containers, inspect(_)).WillByDefault(Return(with_health("demo-db-1", "", false)));
  EXPECT_CALL(f.containers, start(_)).Times(AnyNumber());
  EXPECT_CALL(f.containers, start(std::string_view("demo-web-1")));
  std::vector<progress_event> warnings;
  std::mutex m;
  apply(pl, p, f.ref(), {}, {}, [&](const progress_event& e) {
    std::lock_guard lock(m);
    if (e.state == progress_state::warning) warnings.push_back(e);
  });
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_THAT(warnings[0].text, HasSubstr("demo-db-1"));
}

TEST(Apply, CompletedSuccessfullyNonZeroExitIsAnError) {
  temp_dir d;
  auto p = load_project(d, R"(services:
  web:
    image: busybox
    depends_on:
      init: {condition: service_completed_successfully}
  init: {image: busybox}
)");
  auto pl = make_plan(p, {}, {}, api_141());
  fake_engine f;
  ON_CALL(f.containers, create(_, _)).WillByDefault(Invoke([](const auto&, std::string_view name) {
    return engine::container_create_response{std::string(name), {}};
  }));
  auto exited = with_health("demo-init-1", "", false);
  exited.state.exit_code = 3;
  ON_CALL(f.containers, inspect(_)).WillByDefault(Return(exited));
  EXPECT_CALL(f.containers, start(_)).Times(AnyNumber());
  EXPECT_CALL(f.containers, start(std::string_view("demo-web-1"))).Times(0);
  try {
    apply(pl, p, f.ref(), {}, {});
    FAIL() << "no error";
  } catch (const deploy_error& e) {
    EXPECT_EQ(e.kind(), deploy_error_kind::dependency_failed);
    EXPECT_THAT(e.what(), HasSubstr("service \"init\" didn't complete successfully: exit 3"));
  }
}

TEST(Apply, IndependentServicesRunConcurrentlyWithinTheParallelLimit) {
  temp_dir d;
  auto p = load_project(d, "services:\n  a: {image: x}\n  b: {image: x}\n  c: {image: x}\n  e: {image: x}\n");
  observed_state o;
  o.networks.resize(1);
  o.networks[0].name = "demo_default";
  auto pl = make_plan(p, o, {}, api_141());
  for (int limit : {1, 2}) {
    fake_engine f;
    std::mutex m;
    std::condition_variable cv;
    int running = 0, peak = 0;
    ON_CALL(f.containers, create(_, _)).WillByDefault(Invoke([&](const auto&, std::string_view name) {
      std::unique_lock lock(m);
      peak = std::max(peak, ++running);
      // Hold until a second create arrives (or briefly, when the limit forbids it).
      cv.notify_all();
      cv.wait_for(lock, std::chrono::milliseconds(200), [&] { return running >= 2; });
      --running;
      return engine::container_create_response{std::string(name), {}};
    }));
    apply_options ao;
    ao.parallel = limit;
    apply(pl, p, f.ref(), {}, ao);
    EXPECT_EQ(peak, limit);
  }
}

TEST(Apply, RecreatedNetworkStopsDisconnectsRemovesCreatesReconnectsThenStarts) {
  temp_dir d;
  auto p = load_project(d, R"(services:
  web:
    image: busybox
    networks:
      front: {aliases: [www]}
networks:
  front: {labels: {tier: public}}
)");
  fake_engine f;
  std::map<std::string, std::string> images{{"web", "sha256:img"}};
  observed_state o;
  o.containers = {observed_container(p, "web", 1, "sha256:img")};
  o.containers[0].networks = {"demo_front"};
  engine::network_inspect n;
  n.name = "demo_front";
  n.labels = network_labels(p, p.networks.at("front"));
  n.labels[labels::config_hash] = "old";
  o.networks = {n};
  auto pl = make_plan(p, o, images, api_141());
  {
    InSequence seq;
    EXPECT_CALL(f.containers, stop(std::string_view("id-web-1"), _));
    EXPECT_CALL(f.networks, disconnect(std::string_view("demo_front"), std::string_view("id-web-1"), true));
    EXPECT_CALL(f.networks, remove(std::string_view("demo_front")));
    EXPECT_CALL(f.networks, create(_)).WillOnce(Invoke([&](const engine::network_create_request& r) {
      EXPECT_EQ(r.name, "demo_front");
      EXPECT_EQ(r.labels.at("tier"), "public");
      EXPECT_EQ(r.labels.at("com.docker.compose.config-hash"), model::network_config_hash(p, "front"));
      return engine::network_create_response{"n2", ""};
    }));
    EXPECT_CALL(f.networks, connect(std::string_view("demo_front"), std::string_view("id-web-1"), _))
        .WillOnce(Invoke([](std::string_view, std::string_view, const engine::endpoint_settings& e) {
          EXPECT_THAT(e.aliases, ElementsAre("demo-web-1", "web", "www"));
        }));
    EXPECT_CALL(f.containers, start(std::string_view("id-web-1")));
  }
  EXPECT_CALL(f.containers, create(_, _)).Times(0);
  std::vector<std::string> events;
  std::mutex m;
  apply(pl, p, f.ref(), images, {}, [&](const progress_event& e) {
    std::lock_guard lock(m);
    events.push_back(e.resource + " " + e.text);
  });
  EXPECT_THAT(events, ::testing::IsSupersetOf({"Container demo-web-1 Stopped", "Network demo_front Removed",
                                               "Network demo_front Created", "Container demo-web-1 Started"}));
}

TEST(Apply, ContentSecretsAndConfigsAreCopiedInBeforeEachStart) {
  temp_dir d;
  auto p = load_project(d, R"(services:
  web:
    image: busybox
    secrets: [{source: token, uid: "7", mode: 0400}]
    configs: [greeting]
secrets:
  token: {environment: TOKEN}
configs:
  greeting: {content: hello}
)",
                        {{"TOKEN", "t0k"}});
  fake_engine f;
  std::map<std::string, std::string> images{{"web", "sha256:img"}};
  auto pl = make_plan(p, {}, images, api_141());
  std::vector<std::string> tars;
  {
    InSequence seq;
    EXPECT_CALL(f.containers, create(_, _)).WillOnce(Return(engine::container_create_response{"cid", {}}));
    EXPECT_CALL(f.containers, put_archive(std::string_view("cid"), std::string_view("/"), _,
                                          Field(&engine::copy_to_container_options::copy_uid_gid, true)))
        .WillOnce(Invoke([&](std::string_view, std::string_view, std::string tar,
                             const engine::copy_to_container_options&) { tars.push_back(std::move(tar)); }));
    EXPECT_CALL(f.containers, put_archive(std::string_view("cid"), std::string_view("/"), _,
                                          Field(&engine::copy_to_container_options::copy_uid_gid, false)))
        .WillOnce(Invoke([&](std::string_view, std::string_view, std::string tar,
                             const engine::copy_to_container_options&) { tars.push_back(std::move(tar)); }));
    EXPECT_CALL(f.containers, start(std::string_view("cid")));
  }
  apply(pl, p, f.ref(), images);
  ASSERT_EQ(tars.size(), 2u);
  EXPECT_EQ(tars[0].substr(0, 18), "/run/secrets/token");
  EXPECT_EQ(tars[0].substr(512, 3), "t0k");
  EXPECT_EQ(tars[1].substr(0, 9), "/greeting");
  EXPECT_EQ(tars[1].substr(512, 5), "hello");

  // A kept, stopped container gets them again before its start (compose injects on every start).
  observed_state o;
  o.containers = {observed_container(p, "web", 1, "sha256:img", "exited")};
  auto again = make_plan(p, o, images, api_141());
  EXPECT_CALL(f.containers, put_archive(std::string_view("id-web-1"), _, _, _)).Times(2);
  EXPECT_CALL(f.containers, start(std::string_view("id-web-1")));
  apply(again, p, f.ref(), images);
}

}  // namespace
}  // namespace stackctl::deploy
