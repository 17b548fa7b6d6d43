// Networks, volumes, images (non-streaming) and system endpoints against the mock engine.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <stackctl/engine/client.hpp>

#include "client_fixture.hpp"

namespace {

using nlohmann::json;
using stackctl::mock_engine::testing::client_test;
using ::testing::ElementsAre;
namespace engine = stackctl::engine;

// ---- networks ----

using NetworkEndpoints = client_test;

TEST_F(NetworkEndpoints, CreateSendsTheRequestBody) {
  engine::network_create_request request;
  request.name = "demo_default";
  request.check_duplicate = true;
  request.driver = "bridge";
  request.labels = {{"com.docker.compose.network", "default"}};
  engine.expect("POST", v("/networks/create"))
      .with_json_body({{"Name", "demo_default"},
                       {"CheckDuplicate", true},
                       {"Driver", "bridge"},
                       {"Labels", {{"com.docker.compose.network", "default"}}}})
      .times(1)
      .reply_json(201, {{"Id", "n1"}, {"Warning", ""}});
  const auto created = docker.networks().create(request);
  EXPECT_EQ(created.id, "n1");
  EXPECT_EQ(created.warning, "");
}

TEST_F(NetworkEndpoints, InspectListRemove) {
  engine.expect("GET", v("/networks/demo_default"))
      .times(1)
      .reply_json(200, {{"Name", "demo_default"},
                        {"Id", "n1"},
                        {"Driver", "bridge"},
                        {"Scope", "local"},
                        {"Labels", {{"a", "b"}}},
                        {"Containers", {{"abc", {{"Name", "demo-web-1"}, {"IPv4Address", "172.18.0.2/16"}}}}}});
  engine.expect("GET", v("/networks"))
      .with_query_json("filters", {{"label", {"com.docker.compose.project=demo"}}})
      .times(1)
      .reply_json(200, json::array({{{"Name", "demo_default"}, {"Id", "n1"}}}));
  engine.expect("DELETE", v("/networks/n1")).times(1).reply(204);

  const auto inspected = docker.networks().inspect("demo_default");
  EXPECT_EQ(inspected.id, "n1");
  EXPECT_EQ(inspected.driver, "bridge");
  EXPECT_EQ(inspected.labels.at("a"), "b");
  EXPECT_EQ(inspected.containers.at("abc").ipv4_address, "172.18.0.2/16");
  const auto list = docker.networks().list(engine::filters::label("com.docker.compose.project", "demo"));
  ASSERT_EQ(list.size(), 1U);
  EXPECT_EQ(list[0].name, "demo_default");
  docker.networks().remove("n1");
}

TEST_F(NetworkEndpoints, ConnectAndDisconnect) {
  engine::endpoint_settings endpoint;
  endpoint.aliases = {"web"};
  engine.expect("POST", v("/networks/n1/connect"))
      .with_json_body({{"Container", "abc"}, {"EndpointConfig", {{"Aliases", {"web"}}}}})
      .times(1)
      .reply(200);
  engine.expect("POST", v("/networks/n1/disconnect"))
      .with_json_body({{"Container", "abc"}, {"Force", true}})
      .times(1)
      .reply(200);
  docker.networks().connect("n1", "abc", endpoint);
  docker.networks().disconnect("n1", "abc", true);
}

// ---- volumes ----

using VolumeEndpoints = client_test;

TEST_F(VolumeEndpoints, CreateInspectListRemove) {
  engine::volume_create_request request;
  request.name = "demo_data";
  request.driver = "local";
  request.labels = {{"com.docker.compose.volume", "data"}};
  const json volume = {{"Name", "demo_data"},
                       {"Driver", "local"},
                       {"Mountpoint", "/var/lib/docker/volumes/demo_data/_data"},
                       {"Labels", {{"com.docker.compose.volume", "data"}}},
                       {"Scope", "local"},
                       {"Options", nullptr}};
  engine.expect("POST", v("/volumes/create"))
      .with_json_body({{"Name", "demo_data"}, {"Driver", "local"}, {"Labels", {{"com.docker.compose.volume", "data"}}}})
      .times(1)
      .reply_json(201, volume);
  engine.expect("GET", v("/volumes/demo_data")).times(1).reply_json(200, volume);
  engine.expect("GET", v("/volumes"))
      .with_query_json("filters", {{"label", {"com.docker.compose.project=demo"}}})
      .times(1)
      .reply_json(200, {{"Volumes", {volume}}, {"Warnings", nullptr}});
  engine.expect("DELETE", v("/volumes/demo_data")).with_query("force", "1").times(1).reply(204);

  EXPECT_EQ(docker.volumes().create(request).mountpoint, "/var/lib/docker/volumes/demo_data/_data");
  EXPECT_EQ(docker.volumes().inspect("demo_data").labels.at("com.docker.compose.volume"), "data");
  const auto list = docker.volumes().list(engine::filters::label("com.docker.compose.project", "demo"));
  ASSERT_EQ(list.volumes.size(), 1U);
  EXPECT_EQ(list.volumes[0].name, "demo_data");
  EXPECT_TRUE(list.warnings.empty());
  docker.volumes().remove("demo_data", true);
}

// ---- images (non-streaming) ----

using ImageEndpoints = client_test;

TEST_F(ImageEndpoints, InspectKeepsSlashesAndColonsOfTheReference) {
  engine.expect("GET", v("/images/localhost:5000/team/app:1.0/json"))
      .times(1)
      .reply_json(200, {{"Id", "sha256:abc"},
                        {"RepoTags", {"localhost:5000/team/app:1.0"}},
                        {"Os", "linux"},
                        {"Architecture", "amd64"},
                        {"Config", {{"Cmd", {"app"}}, {"Env", {"PATH=/bin"}}}}});
  const auto image = docker.images().inspect("localhost:5000/team/app:1.0");
  EXPECT_EQ(image.id, "sha256:abc");
  EXPECT_EQ(image.os, "linux");
  EXPECT_EQ(image.config.cmd, std::vector<std::string>{"app"});
  EXPECT_EQ(engine.requests().back().raw_path, "/v1.41/images/localhost:5000/team/app:1.0/json");
}

TEST_F(ImageEndpoints, ListTagRemove) {
  engine.expect("GET", v("/images/json"))
      .with_query_json("filters", {{"reference", {"nginx"}}})
      .times(1)
      .reply_json(200, json::array({{{"Id", "sha256:abc"}, {"RepoTags", {"nginx:1.25"}}, {"Size", 10}}}));
  engine.expect("POST", v("/images/sha256:abc/tag"))
      .with_query("repo", "demo/web")
      .with_query("tag", "1.0")
      .times(1)
      .reply(201);
  engine.expect("DELETE", v("/images/nginx:1.25"))
      .with_query("force", "1")
      .with_query("noprune", "1")
      .times(1)
      .reply_json(200, json::array({{{"Untagged", "nginx:1.25"}}, {{"Deleted", "sha256:abc"}}}));

  engine::filters by_reference;
  by_reference.add("reference", "nginx");
  const auto list = docker.images().list(by_reference);
  ASSERT_EQ(list.size(), 1U);
  EXPECT_THAT(list[0].repo_tags, ElementsAre("nginx:1.25"));
  docker.images().tag("sha256:abc", "demo/web", "1.0");
  const auto removed = docker.images().remove("nginx:1.25", true, true);
  ASSERT_EQ(removed.size(), 2U);
  EXPECT_EQ(removed[0].untagged, "nginx:1.25");
  EXPECT_EQ(removed[1].deleted, "sha256:abc");
}

TEST_F(ImageEndpoints, ListAllWithoutFilters) {
  engine.expect("GET", v("/images/json"))
      .with_query("all", "1")
      .without_query("filters")
      .times(1)
      .reply_json(200, json::array());
  EXPECT_TRUE(docker.images().list({}, true).empty());
}

// ---- system ----

using SystemEndpoints = client_test;

TEST_F(SystemEndpoints, PingReadsTheHeaders) {
  const auto ping = docker.system().ping();
  ASSERT_TRUE(ping.api_version.has_value());
  EXPECT_EQ(*ping.api_version, (engine::api_version{1, 41}));
  EXPECT_EQ(ping.os_type, "linux");
  EXPECT_FALSE(ping.experimental);
  const auto sent = engine.requests();
  ASSERT_FALSE(sent.empty());
  EXPECT_EQ(sent.back().method, "HEAD");
  EXPECT_EQ(sent.back().path, "/_ping");
}

TEST_F(SystemEndpoints, VersionUsesTheBuiltInReply) {
  const auto version = docker.system().version();
  EXPECT_EQ(version.api_version, "1.41");
  EXPECT_EQ(version.min_api_version, "1.12");
  EXPECT_EQ(version.version, "20.10.24");
  EXPECT_EQ(version.os, "linux");
  EXPECT_EQ(engine.requests("GET", "/v1.41/version").size(), 1U);
}

TEST_F(SystemEndpoints, InfoParsesASubsetAndKeepsTheRest) {
  engine.expect("GET", v("/info"))
      .times(1)
      .reply_json(200, {{"ID", "node1"},
                        {"Name", "host"},
                        {"ServerVersion", "20.10.24"},
                        {"NCPU", 2},
                        {"MemTotal", 4096},
                        {"Containers", 3},
                        {"ContainersRunning", 1},
                        {"Driver", "overlay2"},
                        {"Swarm", {{"LocalNodeState", "inactive"}, {"ControlAvailable", false}}},
                        {"Unknown", "kept"}});
  const auto info = docker.system().info();
  EXPECT_EQ(info.id, "node1");
  EXPECT_EQ(info.server_version, "20.10.24");
  EXPECT_EQ(info.ncpu, 2);
  EXPECT_EQ(info.containers_running, 1);
  EXPECT_EQ(info.driver, "overlay2");
  EXPECT_EQ(info.swarm_local_node_state, "inactive");
  EXPECT_EQ(info.raw.at("Unknown"), "kept");
}

}  // namespace
