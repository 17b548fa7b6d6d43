#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "deploy_test_support.hpp"
#include "stackctl/deploy/observed_state.hpp"

namespace stackctl::deploy {
namespace {

using ::testing::ElementsAre;
using testing::load_project;
using testing::observed_container;
using testing::temp_dir;

TEST(Naming, ContainerNetworkVolumeNamesLikeComposeV2) {
  temp_dir d;
  auto p = load_project(d, R"(services:
  web:
    image: nginx
    volumes: [data:/data, named:/n]
  db:
    image: pg
    container_name: the-db
volumes:
  data: {}
  named: {name: custom-vol}
networks:
  back: {}
  front: {name: custom-net}
)");
  EXPECT_EQ(container_name(p, p.services.at("web"), 1), "demo-web-1");
  EXPECT_EQ(container_name(p, p.services.at("web"), 3), "demo-web-3");
  EXPECT_EQ(container_name(p, p.services.at("db"), 1), "the-db");
  EXPECT_EQ(network_name(p, "default"), "demo_default");
  EXPECT_EQ(volume_name(p, "data"), "demo_data");
  EXPECT_EQ(volume_name(p, "named"), "custom-vol");
  EXPECT_EQ(temporary_name("0123456789abcdef0123", "demo-web-1"), "0123456789ab_demo-web-1");
}

TEST(Naming, ContainerLabelSet) {
  temp_dir d;
  auto p = load_project(d, R"(services:
  web:
    image: nginx
    labels: {team: a}
    depends_on:
      db: {condition: service_healthy, restart: true}
      cache: {condition: service_started}
  db: {image: pg}
  cache: {image: redis}
)");
  auto l = container_labels(p, p.services.at("web"), 2, "HASH", "sha256:img");
  EXPECT_EQ(l.at("team"), "a");
  EXPECT_EQ(l.at("com.docker.compose.project"), "demo");
  EXPECT_EQ(l.at("com.docker.compose.service"), "web");
  EXPECT_EQ(l.at("com.docker.compose.container-number"), "2");
  EXPECT_EQ(l.at("com.docker.compose.oneoff"), "False");
  EXPECT_EQ(l.at("com.docker.compose.config-hash"), "HASH");
  EXPECT_EQ(l.at("com.docker.compose.image"), "sha256:img");
  EXPECT_EQ(l.at("com.docker.compose.project.working_dir"), d.path().string());
  EXPECT_EQ(l.at("com.docker.compose.project.config_files"), (d.path() / "compose.yaml").string());
  EXPECT_EQ(l.at("com.docker.compose.depends_on"), "cache:service_started:false,db:service_healthy:true");
  EXPECT_FALSE(l.at("com.docker.compose.version").empty());
}

TEST(Naming, NetworkAndVolumeLabels) {
  temp_dir d;
  auto p = load_project(d, R"(services:
  web: {image: nginx, volumes: [data:/data]}
volumes:
  data: {labels: {x: y}}
)");
  auto nl = network_labels(p, p.networks.at("default"));
  EXPECT_EQ(nl.at("com.docker.compose.network"), "default");
  EXPECT_EQ(nl.at("com.docker.compose.project"), "demo");
  EXPECT_TRUE(nl.count("com.docker.compose.version"));
  auto vl = volume_labels(p, p.volumes.at("data"));
  EXPECT_EQ(vl.at("com.docker.compose.volume"), "data");
  EXPECT_EQ(vl.at("com.docker.compose.project"), "demo");
  EXPECT_EQ(vl.at("x"), "y");
}

TEST(ObservedGraph, ReadsTheDependsOnLabelUnlessTheProjectDeclaresTheService) {
  temp_dir d;
  auto p = load_project(d, R"(services:
  web: {image: x, depends_on: {api: {condition: service_healthy}}}
  api: {image: x, healthcheck: {test: [CMD, "true"]}}
  db: {image: x}
)");
  auto web = observed_container(p, "web", 1, "i");
  EXPECT_EQ(web.label(labels::depends_on), "api:service_healthy:false");
  auto orphan = observed_container(p, "db", 1, "i");
  orphan.labels[labels::service] = "gone";
  orphan.labels[labels::depends_on] = "web:service_started:true,db:a_condition_from_the_future:false";
  auto g = observed_graph({web, orphan});
  EXPECT_THAT(g.services(), ElementsAre("gone", "web"));
  ASSERT_EQ(g.dependencies_of("gone").size(), 2u);
  EXPECT_TRUE(g.dependencies_of("gone")[0].restart);
  EXPECT_EQ(g.dependencies_of("gone")[1].condition, model::dependency_condition::started);  // unknown: order only
  // With the project: its own declaration wins over a container's (older) label.
  web.labels[labels::depends_on] = "";
  auto declared = observed_graph({web}, &p);
  ASSERT_EQ(declared.dependencies_of("web").size(), 1u);
  EXPECT_EQ(declared.dependencies_of("web")[0].service, "api");
}

}  // namespace
}  // namespace stackctl::deploy
