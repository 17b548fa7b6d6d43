// Reply parsing against real API 1.41 replies captured from a 20.10 daemon
// (fixtures/engine/replies): unknown members are ignored, missing ones keep their defaults.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "model_fixture.hpp"
#include "stackctl/engine/container_create.hpp"
#include "stackctl/engine/container_inspect.hpp"
#include "stackctl/engine/container_summary.hpp"
#include "stackctl/engine/event_message.hpp"
#include "stackctl/engine/image.hpp"
#include "stackctl/engine/network.hpp"
#include "stackctl/engine/system.hpp"
#include "stackctl/engine/volume.hpp"

namespace stackctl::engine {
namespace {

using nlohmann::json;
using test::load_reply;

TEST(ModelReplies, ContainerCreate) {
  const auto r = load_reply("v1.41_container_create.json").get<container_create_response>();
  EXPECT_EQ(r.id, "99be5d48cd86bfe88fb53725e9790edbb93cca8ba7b0713adaf0885271a73726");
  EXPECT_TRUE(r.warnings.empty());
}

TEST(ModelReplies, ContainerListRunningAndCreated) {
  const auto list = load_reply("v1.41_containers_list.json").get<std::vector<container_summary>>();
  ASSERT_EQ(list.size(), 2u);
  const auto& running = list[0].state == "running" ? list[0] : list[1];
  const auto& created = list[0].state == "running" ? list[1] : list[0];

  EXPECT_EQ(running.name(), "em-probe-c1");
  EXPECT_EQ(running.names, std::vector<std::string>{"/em-probe-c1"});
  EXPECT_EQ(running.image, "probe/bb:latest");
  EXPECT_EQ(running.image_id.rfind("sha256:", 0), 0u);
  EXPECT_EQ(running.command, "sleep 300");
  EXPECT_GT(running.created, 0);
  EXPECT_NE(running.status.find("healthy"), std::string::npos) << running.status;
  ASSERT_EQ(running.ports.size(), 1u);
  EXPECT_EQ(running.ports[0], (container_port{"127.0.0.1", 80, 18080, "tcp"}));
  EXPECT_EQ(running.labels.at("com.docker.compose.project"), "emprobe");
  EXPECT_EQ(running.networks, std::vector<std::string>{"em-probe-net"});
  EXPECT_EQ(running.network_mode, "em-probe-net");
  ASSERT_EQ(running.mounts.size(), 3u);
  bool saw_volume = false;
  for (const auto& m : running.mounts) {
    if (m.type == "volume") {
      saw_volume = true;
      EXPECT_EQ(m.name, "em-probe-vol");
      EXPECT_EQ(m.destination, "/data");
      EXPECT_TRUE(m.rw);
    }
  }
  EXPECT_TRUE(saw_volume);

  EXPECT_EQ(created.name(), "em-probe-c2");
  EXPECT_EQ(created.status, "Created");
  EXPECT_TRUE(created.ports.empty());
  EXPECT_TRUE(created.mounts.empty());
  EXPECT_FALSE(created.size_rw.has_value());  // only with ?size=1
}

TEST(ModelReplies, ContainerInspectRunningWithHealth) {
  const json doc = load_reply("v1.41_container_inspect_running.json");
  const auto c = doc.get<container_inspect>();
  EXPECT_EQ(c.id, "314f98d1ee9ff7693e19421413ff4dad6203680ae17fa643fd080190ec89124b");
  EXPECT_EQ(c.name, "/em-probe-c1");
  EXPECT_EQ(c.short_name(), "em-probe-c1");
  EXPECT_EQ(c.path, "sleep");
  EXPECT_EQ(c.args, std::vector<std::string>{"300"});
  EXPECT_EQ(c.state.status, "running");
  EXPECT_TRUE(c.state.running);
  EXPECT_EQ(c.state.exit_code, 0);
  EXPECT_EQ(c.state.finished_at, "0001-01-01T00:00:00Z");
  ASSERT_TRUE(c.state.health.has_value());
  EXPECT_EQ(c.state.health->status, "healthy");
  EXPECT_EQ(c.state.health->failing_streak, 0);
  ASSERT_EQ(c.state.health->log.size(), 2u);
  EXPECT_EQ(c.state.health->log[0].exit_code, 0);
  EXPECT_FALSE(c.state.health->log[0].start.empty());

  EXPECT_EQ(c.config.image, "probe/bb:latest");
  EXPECT_FALSE(c.config.tty);
  EXPECT_EQ(c.config.env, std::vector<std::string>{"A=1"});
  EXPECT_EQ(c.config.cmd, (std::vector<std::string>{"sleep", "300"}));
  EXPECT_FALSE(c.config.entrypoint.has_value());  // null in the reply
  EXPECT_EQ(c.config.exposed_ports, std::set<std::string>{"80/tcp"});
  EXPECT_EQ(c.config.labels.at("em.probe"), "1");
  ASSERT_TRUE(c.config.healthcheck.has_value());
  EXPECT_EQ(c.config.healthcheck->interval, std::chrono::seconds(1));
  EXPECT_EQ(c.config.healthcheck->test, (std::vector<std::string>{"CMD-SHELL", "true"}));
  EXPECT_FALSE(c.config.healthcheck->timeout.has_value());

  EXPECT_EQ(c.host_config.binds, (std::vector<std::string>{"em-probe-vol:/data", "/tmp:/host-tmp:ro"}));
  EXPECT_EQ(c.host_config.network_mode, "em-probe-net");
  EXPECT_EQ(c.host_config.restart_policy, (restart_policy{"unless-stopped", 0}));
  EXPECT_EQ(c.host_config.port_bindings.at("80/tcp"), std::vector<port_binding>{(port_binding{"127.0.0.1", "18080"})});
  ASSERT_EQ(c.host_config.mounts.size(), 1u);
  EXPECT_EQ(c.host_config.mounts[0].type, mount_type::tmpfs);
  EXPECT_EQ(c.host_config.mounts[0].target, "/run/t");
  ASSERT_TRUE(c.host_config.mounts[0].tmpfs.has_value());
  EXPECT_EQ(c.host_config.mounts[0].tmpfs->mode, 01777u);
  EXPECT_EQ(c.host_config.mounts[0].tmpfs->size_bytes, 1048576);

  ASSERT_EQ(c.mounts.size(), 3u);
  EXPECT_EQ(c.mounts[1].type, "bind");
  EXPECT_FALSE(c.mounts[1].rw);
  EXPECT_EQ(c.mounts[1].destination, "/host-tmp");

  ASSERT_EQ(c.networks.count("em-probe-net"), 1u);
  const auto& net = c.networks.at("em-probe-net");
  EXPECT_EQ(net.ip_address, "172.29.0.2");
  EXPECT_EQ(net.ip_prefix_len, 24);
  EXPECT_EQ(net.aliases.front(), "web");
  EXPECT_EQ(net.network_id, "e72ea7f7c3e0168f78e93a532643002f79319839ad94d8f1b6544b284ce09b9e");
  EXPECT_EQ(c.ports.at("80/tcp").at(0).host_port, "18080");

  // raw keeps what the subset leaves out.
  EXPECT_EQ(c.raw, doc);
  EXPECT_EQ(c.raw["GraphDriver"]["Name"], "overlay2");
}

TEST(ModelReplies, ContainerInspectCreatedHasNoHealthAndNoNetworkIp) {
  const auto c = load_reply("v1.41_container_inspect_created.json").get<container_inspect>();
  EXPECT_EQ(c.state.status, "created");
  EXPECT_FALSE(c.state.running);
  EXPECT_FALSE(c.state.health.has_value());
  EXPECT_FALSE(c.config.healthcheck.has_value());
  EXPECT_EQ(c.host_config.network_mode, "default");
  EXPECT_TRUE(c.host_config.mounts.empty());
  EXPECT_TRUE(c.mounts.empty());
}

TEST(ModelReplies, ContainerInspectFailedStartKeepsTheError) {
  const auto c = load_reply("v1.41_container_inspect_failed_start.json").get<container_inspect>();
  EXPECT_EQ(c.state.status, "created");
  EXPECT_EQ(c.state.exit_code, 127);
  EXPECT_NE(c.state.error.find("executable file not found"), std::string::npos) << c.state.error;
}

TEST(ModelReplies, ContainerInspectUnhealthyKeepsTheProbeOutput) {
  const auto c = load_reply("v1.41_container_inspect_unhealthy.json").get<container_inspect>();
  EXPECT_TRUE(c.state.running);
  ASSERT_TRUE(c.state.health.has_value());
  EXPECT_EQ(c.state.health->status, "unhealthy");
  EXPECT_EQ(c.state.health->failing_streak, 2);
  ASSERT_FALSE(c.state.health->log.empty());
  EXPECT_EQ(c.state.health->log.back().exit_code, 1);
  EXPECT_EQ(c.state.health->log.back().output, "probe failing\n");
  ASSERT_TRUE(c.config.healthcheck.has_value());
  EXPECT_EQ(c.config.healthcheck->retries, 2);
}

TEST(ModelReplies, ContainerInspectExitedHasTheExitCode) {
  const auto c = load_reply("v1.41_container_inspect_exited.json").get<container_inspect>();
  EXPECT_EQ(c.state.status, "exited");
  EXPECT_FALSE(c.state.running);
  EXPECT_EQ(c.state.exit_code, 3);
  EXPECT_EQ(c.state.error, "");
  EXPECT_NE(c.state.finished_at, "0001-01-01T00:00:00Z");
  EXPECT_EQ(c.config.cmd, (std::vector<std::string>{"sh", "-c", "exit 3"}));
}

TEST(ModelReplies, NetworkInspectListAndCreate) {
  const auto n = load_reply("v1.41_network_inspect.json").get<network_inspect>();
  EXPECT_EQ(n.name, "em-probe-net");
  EXPECT_EQ(n.driver, "bridge");
  EXPECT_EQ(n.scope, "local");
  EXPECT_EQ(n.ipam.driver, "default");
  ASSERT_EQ(n.ipam.config.size(), 1u);
  EXPECT_EQ(n.ipam.config[0].subnet, "172.29.0.0/24");
  EXPECT_FALSE(n.ipam.config[0].gateway.has_value());
  ASSERT_EQ(n.containers.size(), 1u);
  EXPECT_EQ(n.containers.begin()->second.name, "em-probe-c1");
  EXPECT_EQ(n.containers.begin()->second.ipv4_address, "172.29.0.2/24");
  EXPECT_EQ(n.labels.at("em.probe"), "1");

  const auto list = load_reply("v1.41_networks_list.json").get<std::vector<network_inspect>>();
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].id, n.id);
  EXPECT_TRUE(list[0].containers.empty());

  const auto created = load_reply("v1.41_network_create.json").get<network_create_response>();
  EXPECT_EQ(created.id.size(), 64u);
  EXPECT_EQ(created.warning, "");
}

TEST(ModelReplies, VolumeInspectListAndCreate) {
  const auto v = load_reply("v1.41_volume_inspect.json").get<volume>();
  EXPECT_EQ(v.name, "em-probe-vol");
  EXPECT_EQ(v.driver, "local");
  EXPECT_EQ(v.mountpoint, "/var/lib/docker/volumes/em-probe-vol/_data");
  EXPECT_TRUE(v.options.empty());  // null in the reply
  EXPECT_FALSE(v.usage_data.has_value());

  const auto list = load_reply("v1.41_volumes_list.json").get<volume_list>();
  ASSERT_EQ(list.volumes.size(), 1u);
  EXPECT_EQ(list.volumes[0].labels.at("em.probe"), "1");
  EXPECT_TRUE(list.warnings.empty());  // null in the reply

  const auto created = load_reply("v1.41_volume_create.json").get<volume>();
  EXPECT_EQ(created.name, "em-probe-vol2");
  EXPECT_FALSE(created.created_at.empty());
}

TEST(ModelReplies, ImagesListInspectAndDelete) {
  const auto list = load_reply("v1.41_images_list.json").get<std::vector<image_summary>>();
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].repo_tags, std::vector<std::string>{"probe/bb:latest"});
  EXPECT_TRUE(list[0].repo_digests.empty());  // null in the reply
  EXPECT_EQ(list[0].containers, -1);
  EXPECT_GT(list[0].size, 0);

  const auto img = load_reply("v1.41_image_inspect.json").get<image_inspect>();
  EXPECT_EQ(img.id, list[0].id);
  EXPECT_EQ(img.os, "linux");
  EXPECT_EQ(img.architecture, "amd64");
  EXPECT_FALSE(img.config.cmd.has_value());  // an imported rootfs has no Cmd
  EXPECT_TRUE(img.config.env.empty());

  const auto del = load_reply("v1.41_image_delete.json").get<std::vector<image_delete_item>>();
  ASSERT_EQ(del.size(), 1u);
  EXPECT_EQ(del[0].untagged, "em-probe/bb:tmp");
  EXPECT_EQ(del[0].deleted, "");
}

TEST(ModelReplies, VersionAndInfo) {
  const auto v = load_reply("v1.41_version.json").get<version_info>();
  EXPECT_EQ(v.api_version, "1.41");
  EXPECT_EQ(v.min_api_version, "1.12");
  EXPECT_EQ(v.os, "linux");
  EXPECT_EQ(api_version::parse(v.api_version), (api_version{1, 41}));
  ASSERT_GE(v.components.size(), 1u);
  EXPECT_EQ(v.components[0].name, "Engine");

  const json doc = load_reply("v1.41_info.json");
  const auto info = doc.get<system_info>();
  EXPECT_EQ(info.os_type, "linux");
  EXPECT_EQ(info.containers, 2);
  EXPECT_EQ(info.containers_running, 1);
  EXPECT_EQ(info.driver, "overlay2");
  EXPECT_EQ(info.server_version, v.version);
  EXPECT_EQ(info.swarm_local_node_state, "inactive");
  EXPECT_GT(info.ncpu, 0);
  EXPECT_GT(info.mem_total, 0);
  EXPECT_EQ(info.raw, doc);
}

TEST(ModelReplies, Events) {
  std::vector<event_message> events;
  for (const auto& line : test::load_reply_lines("v1.41_events.jsonl")) events.push_back(line.get<event_message>());
  ASSERT_GE(events.size(), 8u);
  const auto find = [&](const std::string& type, const std::string& action) -> const event_message* {
    for (const auto& e : events) {
      if (e.type == type && e.action == action) return &e;
    }
    return nullptr;
  };
  const auto* health = find("container", "health_status: healthy");
  ASSERT_NE(health, nullptr);
  EXPECT_EQ(health->actor.attributes.at("name"), "em-probe-c1");
  EXPECT_EQ(health->scope, "local");
  EXPECT_GT(health->time, 0);
  EXPECT_EQ(health->time_nano / 1000000000, health->time);

  const auto* die = find("container", "die");
  ASSERT_NE(die, nullptr);
  EXPECT_EQ(die->actor.attributes.at("exitCode"), "137");

  const auto* vol = find("volume", "destroy");
  ASSERT_NE(vol, nullptr);
  EXPECT_EQ(vol->actor.id, "em-probe-vol");
  ASSERT_NE(find("network", "destroy"), nullptr);
}

// Members missing from a reply keep their defaults; unknown or mistyped ones are ignored.
TEST(ModelReplies, ToleratesMissingUnknownAndMistypedMembers) {
  const auto empty = json::object().get<container_inspect>();
  EXPECT_EQ(empty.id, "");
  EXPECT_EQ(empty.state.exit_code, 0);
  EXPECT_FALSE(empty.state.health.has_value());

  const auto c = json::parse(R"({"Id":"x","FutureField":{"a":[1,2]},
      "State":{"Status":"exited","ExitCode":"not a number","Running":null},
      "Config":{"Labels":null,"Env":null},
      "NetworkSettings":{"Ports":{"80/tcp":null,"53/udp":[{"HostIp":"","HostPort":"5353"}]}}})")
                     .get<container_inspect>();
  EXPECT_EQ(c.id, "x");
  EXPECT_EQ(c.state.status, "exited");
  EXPECT_EQ(c.state.exit_code, 0);
  EXPECT_FALSE(c.state.running);
  EXPECT_TRUE(c.config.labels.empty());
  EXPECT_TRUE(c.ports.at("80/tcp").empty());  // exposed, not published
  EXPECT_EQ(c.ports.at("53/udp").at(0).host_port, "5353");

  const auto s = json::parse(R"({"Id":"y","Names":null,"Ports":null})").get<container_summary>();
  EXPECT_EQ(s.id, "y");
  EXPECT_EQ(s.name(), "");

  // A mount type this client does not model (1.48's "image") keeps the default, not an exception.
  const auto m = json::parse(R"({"Type":"image","Source":"img","Target":"/img"})").get<mount>();
  EXPECT_EQ(m.target, "/img");

  const auto e = json::parse(R"({"status":"start","id":"abc","from":"img","time":5})").get<event_message>();
  EXPECT_EQ(e.type, "container");  // pre-1.22 event shape
  EXPECT_EQ(e.action, "start");
  EXPECT_EQ(e.actor.id, "abc");
  EXPECT_EQ(e.time, 5);
}

}  // namespace
}  // namespace stackctl::engine
