#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>

#include "deploy_test_support.hpp"
#include "stackctl/deploy/deploy_error.hpp"
#include "stackctl/deploy/engine_requests.hpp"

namespace stackctl::deploy {
namespace {

using ::testing::ElementsAre;
using testing::load_project;
using testing::temp_dir;
using ::testing::UnorderedElementsAre;

constexpr engine::api_version v141{1, 41};
constexpr engine::api_version v144{1, 44};

container_context context_for(const model::project& p, const std::string& svc) {
  container_context ctx;
  ctx.name = container_name(p, p.services.at(svc), 1);
  ctx.config_hash = "HASH";
  ctx.image_id = "sha256:img";
  ctx.service_container_ids = {{"db", "dbid"}};
  ctx.service_container_names = {{"db", {"demo-db-1", "demo-db-2"}}};
  return ctx;
}

engine::container_create_request request_for(const model::project& p, const std::string& svc,
                                             engine::api_version v = v141) {
  return make_create_request(p, p.services.at(svc), context_for(p, svc), v);
}

TEST(ContainerSpec, ImageCommandEnvironmentAndLabels) {
  temp_dir d;
  auto p = load_project(d, R"(services:
  web:
    image: busybox
    command: ["sh", "-c", "echo hi"]
    entrypoint: ["/bin/env"]
    environment:
      A: "1"
      FROM_SHELL:
      NOT_SET:
    user: "1000:1000"
    working_dir: /srv
    hostname: webhost
    init: true
)",
                        {{"FROM_SHELL", "shell"}});
  auto r = request_for(p, "web");
  EXPECT_EQ(r.config.image, "busybox");
  EXPECT_EQ(*r.config.cmd, (std::vector<std::string>{"sh", "-c", "echo hi"}));
  EXPECT_EQ(*r.config.entrypoint, (std::vector<std::string>{"/bin/env"}));
  EXPECT_THAT(r.config.env, UnorderedElementsAre("A=1", "FROM_SHELL=shell", "NOT_SET"));
  EXPECT_EQ(r.config.user, "1000:1000");
  EXPECT_EQ(r.config.working_dir, "/srv");
  EXPECT_EQ(r.config.hostname, "webhost");
  EXPECT_EQ(r.host.init, true);
  EXPECT_EQ(r.config.labels.at("com.docker.compose.config-hash"), "HASH");
  EXPECT_EQ(r.config.labels.at("com.docker.compose.image"), "sha256:img");
  EXPECT_EQ(r.config.labels.at("com.docker.compose.container-number"), "1");
}

TEST(ContainerSpec, CommandAbsentInheritsTheImage) {
  temp_dir d;
  auto p = load_project(d, "services:\n  web: {image: busybox}\n");
  auto r = request_for(p, "web");
  EXPECT_TRUE(r.config.cmd.is_absent());
  EXPECT_TRUE(r.config.entrypoint.is_absent());
}

TEST(ContainerSpec, PortsAndExpose) {
  temp_dir d;
  auto p = load_project(d, R"(services:
  web:
    image: nginx
    ports: ["8080:80", "127.0.0.1:9000-9001:9000/udp", "443"]
    expose: ["7000"]
)");
  auto r = request_for(p, "web");
  EXPECT_THAT(r.config.exposed_ports, UnorderedElementsAre("80/tcp", "9000/udp", "443/tcp", "7000/tcp"));
  EXPECT_EQ(r.host.port_bindings->at("80/tcp"), (std::vector<engine::port_binding>{{"", "8080"}}));
  EXPECT_EQ(r.host.port_bindings->at("9000/udp"), (std::vector<engine::port_binding>{{"127.0.0.1", "9000-9001"}}));
  EXPECT_EQ(r.host.port_bindings->at("443/tcp"), (std::vector<engine::port_binding>{{"", ""}}));
}

TEST(ContainerSpec, BindsVolumesTmpfsFollowTheMountVariant) {
  temp_dir d;
  auto p = load_project(d, R"(services:
  web:
    image: nginx
    volumes:
      - ./site:/usr/share/nginx/html:ro
      - data:/data
      - /cache
      - type: bind
        source: /etc/hostname
        target: /h
        bind: {create_host_path: false}
      - type: volume
        source: data
        target: /nc
        volume: {nocopy: true}
      - type: tmpfs
        target: /scratch
        tmpfs: {size: 1048576}
    tmpfs: ["/run:size=64m"]
volumes:
  data: {}
)");
  auto r = request_for(p, "web");
  EXPECT_THAT(r.host.binds,
              ElementsAre((d.path() / "site").string() + ":/usr/share/nginx/html:ro", "demo_data:/data:rw"));
  ASSERT_EQ(r.host.mounts.size(), 4u);
  EXPECT_EQ(r.host.mounts[0].type, engine::mount_type::volume);  // anonymous
  EXPECT_EQ(r.host.mounts[0].source, "");
  EXPECT_EQ(r.host.mounts[0].target, "/cache");
  EXPECT_EQ(r.host.mounts[1].type, engine::mount_type::bind);  // create_host_path: false
  EXPECT_EQ(r.host.mounts[1].source, "/etc/hostname");
  EXPECT_EQ(r.host.mounts[2].type, engine::mount_type::volume);
  EXPECT_EQ(r.host.mounts[2].source, "demo_data");
  EXPECT_EQ(r.host.mounts[2].volume->no_copy, true);
  EXPECT_EQ(r.host.mounts[3].type, engine::mount_type::tmpfs);
  EXPECT_EQ(r.host.mounts[3].tmpfs->size_bytes, 1048576);
  EXPECT_EQ(r.host.tmpfs.at("/run"), "size=64m");
  EXPECT_THAT(bind_sources_to_create(p.services.at("web")), ElementsAre((d.path() / "site").string()));
}

TEST(ContainerSpec, RestartHealthcheckAndHostFields) {
  temp_dir d;
  auto p = load_project(d, R"(services:
  web:
    image: nginx
    restart: on-failure:3
    healthcheck:
      test: ["CMD", "true"]
      interval: 2s
      timeout: 1s
      retries: 5
    cap_add: [NET_ADMIN]
    cap_drop: [ALL]
    sysctls: {net.core.somaxconn: "1024"}
    ulimits:
      nofile: {soft: 1024, hard: 2048}
      nproc: 65535
    extra_hosts: ["somehost:10.0.0.1"]
    dns: [1.1.1.1]
    logging: {driver: json-file, options: {max-size: 10m}}
    stop_grace_period: 20s
    deploy:
      resources:
        limits: {cpus: "1.5", memory: 64M, pids: 100}
        reservations:
          devices:
            - capabilities: [gpu]
              driver: nvidia
              count: 1
)");
  auto r = request_for(p, "web");
  EXPECT_EQ(r.host.restart_policy, (engine::restart_policy{"on-failure", 3}));
  ASSERT_TRUE(r.config.healthcheck);
  EXPECT_EQ(*r.config.healthcheck->test, (std::vector<std::string>{"CMD", "true"}));
  EXPECT_EQ(r.config.healthcheck->interval, std::chrono::seconds(2));
  EXPECT_EQ(r.config.healthcheck->retries, 5);
  EXPECT_THAT(r.host.cap_add, ElementsAre("NET_ADMIN"));
  EXPECT_THAT(r.host.cap_drop, ElementsAre("ALL"));
  EXPECT_EQ(r.host.sysctls.at("net.core.somaxconn"), "1024");
  EXPECT_THAT(r.host.resources.ulimits,
              UnorderedElementsAre(engine::ulimit{"nofile", 1024, 2048}, engine::ulimit{"nproc", 65535, 65535}));
  EXPECT_THAT(r.host.extra_hosts, ElementsAre("somehost:10.0.0.1"));
  EXPECT_THAT(r.host.dns, ElementsAre("1.1.1.1"));
  EXPECT_EQ(r.host.log_config, (engine::log_config{"json-file", {{"max-size", "10m"}}}));
  EXPECT_EQ(r.config.stop_timeout, 20);
  EXPECT_EQ(r.host.resources.nano_cpus, 1500000000);
  EXPECT_EQ(r.host.resources.memory, 64 * 1024 * 1024);
  EXPECT_EQ(r.host.resources.pids_limit, 100);
  ASSERT_EQ(r.host.resources.device_requests.size(), 1u);
  EXPECT_EQ(r.host.resources.device_requests[0].driver, "nvidia");
  EXPECT_EQ(r.host.resources.device_requests[0].count, 1);
  EXPECT_EQ(r.host.resources.device_requests[0].capabilities, (std::vector<std::vector<std::string>>{{"gpu"}}));
}

TEST(ContainerSpec, DisabledHealthcheckIsNone) {
  temp_dir d;
  auto p = load_project(d, "services:\n  web:\n    image: nginx\n    healthcheck: {disable: true}\n");
  auto r = request_for(p, "web");
  EXPECT_EQ(*r.config.healthcheck->test, (std::vector<std::string>{"NONE"}));
}

TEST(ContainerSpec, NetworksAliasesAndTheOneEndpointRuleBefore144) {
  temp_dir d;
  auto p = load_project(d, R"(services:
  web:
    image: nginx
    networks:
      front:
        aliases: [www]
      back:
        priority: 10
networks:
  front: {}
  back: {}
)");
  auto r = request_for(p, "web", v141);
  EXPECT_EQ(r.host.network_mode, "demo_back");  // highest priority is primary
  ASSERT_EQ(r.networking.endpoints.size(), 1u);
  EXPECT_THAT(r.networking.endpoints.at("demo_back").aliases, ElementsAre("demo-web-1", "web"));
  auto extra = extra_networks(p, p.services.at("web"), "demo-web-1", v141);
  ASSERT_EQ(extra.size(), 1u);
  EXPECT_EQ(extra[0].network, "demo_front");
  EXPECT_THAT(extra[0].endpoint.aliases, ElementsAre("demo-web-1", "web", "www"));

  auto r44 = request_for(p, "web", v144);
  EXPECT_EQ(r44.networking.endpoints.size(), 2u);
  EXPECT_TRUE(extra_networks(p, p.services.at("web"), "demo-web-1", v144).empty());
}

TEST(ContainerSpec, NetworkModeServiceBecomesContainer) {
  temp_dir d;
  auto p = load_project(d, R"(services:
  db: {image: pg}
  side: {image: busybox, network_mode: "service:db"}
  host: {image: busybox, network_mode: host}
)");
  auto r = request_for(p, "side");
  EXPECT_EQ(r.host.network_mode, "container:dbid");
  EXPECT_TRUE(r.networking.endpoints.empty());
  EXPECT_EQ(request_for(p, "host").host.network_mode, "host");
}

TEST(ContainerSpec, ServiceLevelResourceFieldsAreSentAsComposeSendsThem) {
  temp_dir d;
  auto p = load_project(d, R"(services:
  web:
    image: busybox
    mem_limit: 64m
    memswap_limit: 128m
    mem_reservation: 32m
    mem_swappiness: 10
    cpus: 0.5
    cpu_shares: 512
    cpuset: "0"
    cpu_period: 100000
    cpu_quota: 50000
    pids_limit: 42
    oom_score_adj: 100
    oom_kill_disable: true
    device_cgroup_rules: ["c 1:3 mr"]
)");
  auto r = request_for(p, "web");
  const auto& res = r.host.resources;
  EXPECT_EQ(res.memory, 64 * 1024 * 1024);
  EXPECT_EQ(res.memory_swap, 128 * 1024 * 1024);
  EXPECT_EQ(res.memory_reservation, 32 * 1024 * 1024);
  EXPECT_EQ(res.memory_swappiness, 10);
  EXPECT_EQ(res.nano_cpus, 500000000);
  EXPECT_EQ(res.cpu_shares, 512);
  EXPECT_EQ(res.cpuset_cpus, "0");
  EXPECT_EQ(res.cpu_period, 100000);
  EXPECT_EQ(res.cpu_quota, 50000);
  EXPECT_EQ(res.pids_limit, 42);
  EXPECT_EQ(res.oom_kill_disable, true);
  EXPECT_THAT(res.device_cgroup_rules, ElementsAre("c 1:3 mr"));
  EXPECT_EQ(r.host.oom_score_adj, 100);
  // On the wire, flattened into HostConfig.
  auto hc = to_json(r, v141)["HostConfig"];
  EXPECT_EQ(hc["Memory"], 64 * 1024 * 1024);
  EXPECT_EQ(hc["MemorySwap"], 128 * 1024 * 1024);
  EXPECT_EQ(hc["MemoryReservation"], 32 * 1024 * 1024);
  EXPECT_EQ(hc["MemorySwappiness"], 10);
  EXPECT_EQ(hc["NanoCpus"], 500000000);
  EXPECT_EQ(hc["CpuShares"], 512);
  EXPECT_EQ(hc["CpusetCpus"], "0");
  EXPECT_EQ(hc["CpuPeriod"], 100000);
  EXPECT_EQ(hc["CpuQuota"], 50000);
  EXPECT_EQ(hc["PidsLimit"], 42);
  EXPECT_EQ(hc["OomScoreAdj"], 100);
  EXPECT_EQ(hc["OomKillDisable"], true);
  EXPECT_EQ(hc["DeviceCgroupRules"], nlohmann::json::array({"c 1:3 mr"}));
}

TEST(ContainerSpec, DeployResourcesOverrideTheServiceLevelFields) {
  temp_dir d;
  auto p = load_project(d, R"(services:
  web:
    image: busybox
    mem_limit: 64m
    mem_reservation: 32m
    cpus: 2
    pids_limit: 10
    deploy:
      resources:
        limits: {memory: 16M, cpus: "0.25", pids: 5}
        reservations: {memory: 8M, cpus: "0.1"}
  plain: {image: busybox}
)");
  auto r = request_for(p, "web");
  EXPECT_EQ(r.host.resources.memory, 16 * 1024 * 1024);
  EXPECT_EQ(r.host.resources.nano_cpus, 250000000);
  EXPECT_EQ(r.host.resources.pids_limit, 5);
  EXPECT_EQ(r.host.resources.memory_reservation, 8 * 1024 * 1024);
  // Nothing set: only compose's OomKillDisable=false goes out.
  auto plain = request_for(p, "plain").host.resources;
  EXPECT_FALSE(plain.memory || plain.memory_swap || plain.nano_cpus || plain.cpu_shares || plain.pids_limit ||
               plain.memory_swappiness || plain.cpuset_cpus);
  EXPECT_EQ(plain.oom_kill_disable, false);
}

// A GPU count reaches the engine as the model has it: "all" and -1 as -1, a count past int32 as
// itself (it was narrowed to int on the way: 4294967295 wrapped to -1, "all devices").
TEST(ContainerSpec, GpuCountsAreSentUnnarrowed) {
  temp_dir d;
  auto p = load_project(d, R"(services:
  all: {image: busybox, deploy: {resources: {reservations: {devices: [{capabilities: [gpu], count: all}]}}}}
  minus: {image: busybox, deploy: {resources: {reservations: {devices: [{capabilities: [gpu], count: -1}]}}}}
  big: {image: busybox, deploy: {resources: {reservations: {devices: [{capabilities: [gpu], count: 4294967295}]}}}}
  none: {image: busybox, deploy: {resources: {reservations: {devices: [{capabilities: [gpu]}]}}}}
)");
  auto count_of = [&](const std::string& svc) {
    EXPECT_EQ(request_for(p, svc).host.resources.device_requests.size(), 1u) << svc;
    return to_json(request_for(p, svc), v141)["HostConfig"]["DeviceRequests"][0]["Count"];
  };
  EXPECT_EQ(count_of("all"), -1);
  EXPECT_EQ(count_of("minus"), -1);
  EXPECT_EQ(count_of("big"), 4294967295LL);
  EXPECT_EQ(count_of("none"), -1);  // compose: no count and no ids → all
}

// `gpus:` (compose v2.24+) reaches the engine as device requests after deploy's reservations, each
// with "gpu" added to its capabilities; `gpus: all` is one request for every device.
TEST(ContainerSpec, GpusBecomeDeviceRequestsWithTheGpuCapability) {
  temp_dir d;
  auto p = load_project(d, R"(services:
  all: {image: busybox, gpus: all}
  listed:
    image: busybox
    gpus:
      - {driver: nvidia, device_ids: ["0", "3"], capabilities: [compute], options: {v: "1"}}
      - {count: 2}
    deploy: {resources: {reservations: {devices: [{driver: cdi, device_ids: [vendor.com/gpu=0], capabilities: [cdi]}]}}}
)");
  const auto all = to_json(request_for(p, "all"), v141)["HostConfig"]["DeviceRequests"];
  ASSERT_EQ(all.size(), 1u) << all.dump();
  EXPECT_EQ(all[0]["Count"], -1);
  EXPECT_EQ(all[0]["Capabilities"], nlohmann::json::parse(R"([["gpu"]])"));
  const auto listed = request_for(p, "listed").host.resources.device_requests;
  ASSERT_EQ(listed.size(), 3u);
  EXPECT_EQ(listed[0].driver, "cdi");  // the reservation first, untouched
  EXPECT_EQ(listed[0].capabilities, (std::vector<std::vector<std::string>>{{"cdi"}}));
  EXPECT_EQ(listed[1].driver, "nvidia");
  EXPECT_THAT(listed[1].device_ids, ElementsAre("0", "3"));
  EXPECT_EQ(listed[1].capabilities, (std::vector<std::vector<std::string>>{{"compute", "gpu"}}));
  EXPECT_EQ(listed[1].options.at("v"), "1");
  EXPECT_EQ(listed[2].count, 2);
  EXPECT_EQ(listed[2].capabilities, (std::vector<std::vector<std::string>>{{"gpu"}}));
}

// cpus is a float32 in the model; × 10⁹ it can leave the int64 range of NanoCpus. That was an
// unchecked conversion (undefined; a negative NanoCpus in practice); now a typed error.
TEST(ContainerSpec, CpusPastTheNanoCpusRangeIsAnInvalidError) {
  temp_dir d;
  auto p = load_project(d, R"(services:
  huge: {image: busybox, cpus: 1e10}
  limit: {image: busybox, deploy: {resources: {limits: {cpus: "3e38"}}}}
  most: {image: busybox, cpus: 8e9}
)");
  for (const char* svc : {"huge", "limit"}) {
    try {
      request_for(p, svc);
      ADD_FAILURE() << "accepted " << svc;
    } catch (const deploy_error& e) {
      EXPECT_EQ(e.kind(), deploy_error_kind::invalid) << svc;
      EXPECT_THAT(e.what(), ::testing::HasSubstr("cpus")) << svc;
    }
  }
  EXPECT_EQ(request_for(p, "most").host.resources.nano_cpus, 8'000'000'000'000'000'000);
}

TEST(ContainerSpec, MacAddressIsTheContainersBelow144AndTheEndpointsFrom144) {
  temp_dir d;
  auto p = load_project(d, R"(services:
  web:
    image: busybox
    mac_address: "02:42:ac:11:00:42"
    networks:
      front: {mac_address: "02:42:ac:11:00:42"}
  other:
    image: busybox
    networks:
      front: {mac_address: "02:42:ac:11:00:43"}
      back: {}
networks:
  front: {}
  back: {}
)");
  auto r41 = request_for(p, "web", v141);
  EXPECT_EQ(r41.config.mac_address, "02:42:ac:11:00:42");
  EXPECT_FALSE(r41.networking.endpoints.at("demo_front").mac_address);
  EXPECT_NO_THROW(to_json(r41, v141));
  auto r44 = request_for(p, "web", v144);
  EXPECT_FALSE(r44.config.mac_address);
  EXPECT_EQ(r44.networking.endpoints.at("demo_front").mac_address, "02:42:ac:11:00:42");
  EXPECT_EQ(to_json(r44, v144)["NetworkingConfig"]["EndpointsConfig"]["demo_front"]["MacAddress"], "02:42:ac:11:00:42");
  // The primary network's mac_address serves as the container's below 1.44 ("back" < "front" by
  // key, but both priority 0: the primary is the first key, back, which has none).
  EXPECT_THROW(request_for(p, "other", v141), std::runtime_error);
  auto o44 = request_for(p, "other", v144);
  EXPECT_EQ(o44.networking.endpoints.at("demo_front").mac_address, "02:42:ac:11:00:43");
  EXPECT_FALSE(o44.networking.endpoints.at("demo_back").mac_address);
}

TEST(ContainerSpec, MacAddressDifferentFromThePrimaryNetworksIsAnError) {
  temp_dir d;
  auto p = load_project(d, R"(services:
  web:
    image: busybox
    mac_address: "02:42:ac:11:00:42"
    networks:
      front: {mac_address: "02:42:ac:11:00:99"}
networks:
  front: {}
)");
  try {
    request_for(p, "web", v144);
    FAIL() << "no error";
  } catch (const std::runtime_error& e) {
    EXPECT_THAT(e.what(), ::testing::HasSubstr("should have the same value as network front"));
  }
}

TEST(ContainerSpec, LinksGoToHostConfigAndEveryEndpoint) {
  temp_dir d;
  auto p = load_project(d, R"(services:
  db: {image: busybox}
  web:
    image: busybox
    links: ["db:database"]
    external_links: ["legacy:old", "other"]
    networks: [front, back]
networks:
  front: {}
  back: {}
)");
  auto r = request_for(p, "web", v144);
  EXPECT_THAT(r.host.links,
              ElementsAre("demo-db-1:database", "demo-db-1:db-1", "demo-db-1:demo-db-1", "demo-db-2:database",
                          "demo-db-2:db-1", "demo-db-2:demo-db-1", "legacy:old", "other:other"));
  ASSERT_EQ(r.networking.endpoints.size(), 2u);
  for (const auto& [name, e] : r.networking.endpoints) EXPECT_EQ(e.links, r.host.links) << name;
  EXPECT_EQ(to_json(r, v144)["HostConfig"]["Links"].size(), 8u);
  auto reconnect = endpoint_on(p, p.services.at("web"), "back", context_for(p, "web"), v141);
  EXPECT_EQ(reconnect.links, r.host.links);
  EXPECT_THAT(reconnect.aliases, ElementsAre("demo-web-1", "web"));
}

TEST(ContainerSpec, AKeySetNowhereIsSentBareSoTheImageValueIsUnset) {
  temp_dir d;
  auto p = load_project(d, "services:\n  web:\n    image: busybox\n    environment: [PATH, FROM_ENV]\n",
                        {{"FROM_ENV", "x"}});
  EXPECT_THAT(request_for(p, "web").config.env, UnorderedElementsAre("PATH", "FROM_ENV=x"));
}

TEST(ContainerSpec, DeployRestartPolicyConditionsMapAsCompose) {
  temp_dir d;
  auto p = load_project(d, R"(services:
  none_given:
    image: busybox
    deploy: {restart_policy: {max_attempts: 3}}
  any: {image: busybox, deploy: {restart_policy: {condition: any}}}
  never: {image: busybox, deploy: {restart_policy: {condition: none}}}
  failing: {image: busybox, deploy: {restart_policy: {condition: on-failure, max_attempts: 2}}}
  plain: {image: busybox, restart: unless-stopped}
)");
  EXPECT_EQ(request_for(p, "none_given").host.restart_policy, (engine::restart_policy{"", 3}));
  EXPECT_EQ(request_for(p, "any").host.restart_policy, (engine::restart_policy{"always", std::nullopt}));
  EXPECT_EQ(request_for(p, "never").host.restart_policy, (engine::restart_policy{"no", std::nullopt}));
  EXPECT_EQ(request_for(p, "failing").host.restart_policy, (engine::restart_policy{"on-failure", 2}));
  EXPECT_EQ(request_for(p, "plain").host.restart_policy, (engine::restart_policy{"unless-stopped", std::nullopt}));
  EXPECT_EQ(to_json(request_for(p, "none_given"), v141)["HostConfig"]["RestartPolicy"],
            nlohmann::json::parse(R"({"Name":"","MaximumRetryCount":3})"));
}

TEST(ContainerSpec, CgroupPrivateIsTheCgroupnsMode) {
  temp_dir d;
  auto p = load_project(d, "services:\n  web: {image: busybox, cgroup: private}\n  host: {image: busybox}\n");
  auto r = request_for(p, "web");
  EXPECT_EQ(r.host.cgroupns_mode, "private");
  EXPECT_EQ(to_json(r, v141)["HostConfig"]["CgroupnsMode"], "private");
  EXPECT_FALSE(request_for(p, "host").host.cgroupns_mode);
}

TEST(ContainerSpec, EmptyPortBindingsIpamConfigAndAttachFlagsAsComposeSendsThem) {
  temp_dir d;
  auto p = load_project(d, R"(services:
  web:
    image: busybox
    networks:
      front: {}
      back:
networks:
  front: {}
  back: {}
)");
  auto j = to_json(request_for(p, "web", v144), v144);
  EXPECT_EQ(j["HostConfig"]["PortBindings"], nlohmann::json::object());
  EXPECT_EQ(j["AttachStdout"], true);
  EXPECT_EQ(j["AttachStderr"], true);
  EXPECT_FALSE(j.contains("AttachStdin"));
  EXPECT_EQ(j["NetworkingConfig"]["EndpointsConfig"]["demo_front"]["IPAMConfig"], nlohmann::json::object());
  EXPECT_FALSE(j["NetworkingConfig"]["EndpointsConfig"]["demo_back"].contains("IPAMConfig"));  // null entry
}

TEST(ContainerSpec, ContentAndEnvironmentSecretsAndConfigsAreInjectedFiles) {
  temp_dir d;
  std::ofstream(d.path() / "file.txt") << "from a file";
  auto p = load_project(d, R"(services:
  web:
    image: busybox
    secrets:
      - token
      - source: token
        target: renamed
        uid: "1000"
        gid: "1001"
        mode: 0400
      - from_file
    configs:
      - greeting
      - source: greeting
        target: /etc/greeting.conf
secrets:
  token: {environment: TOKEN}
  from_file: {file: ./file.txt}
configs:
  greeting: {content: "hello"}
)",
                        {{"TOKEN", "t0k"}});
  auto files = injected_files(p, p.services.at("web"));
  ASSERT_EQ(files.size(), 4u);
  EXPECT_EQ(files[0].kind, "secret");
  EXPECT_EQ(files[0].entry.name, "/run/secrets/token");
  EXPECT_EQ(files[0].entry.content, "t0k");
  EXPECT_EQ(files[0].entry.mode, 0444u);
  EXPECT_FALSE(files[0].copy_uid_gid);
  EXPECT_EQ(files[1].entry.name, "/run/secrets/renamed");
  EXPECT_EQ(files[1].entry.mode, 0400u);
  EXPECT_EQ(files[1].entry.uid, 1000);
  EXPECT_EQ(files[1].entry.gid, 1001);
  EXPECT_TRUE(files[1].copy_uid_gid);
  EXPECT_EQ(files[2].kind, "config");
  EXPECT_EQ(files[2].entry.name, "/greeting");
  EXPECT_EQ(files[2].entry.content, "hello");
  EXPECT_EQ(files[3].entry.name, "/etc/greeting.conf");
  // The file secret stays a read-only bind mount.
  auto r = request_for(p, "web");
  ASSERT_EQ(r.host.mounts.size(), 1u);
  EXPECT_EQ(r.host.mounts[0].target, "/run/secrets/from_file");
}

TEST(ContainerSpec, InjectedFilesFailLikeCompose) {
  temp_dir d;
  auto p = load_project(d, R"(services:
  web: {image: busybox, secrets: [token]}
  ro: {image: busybox, read_only: true, configs: [greeting]}
secrets:
  token: {environment: TOKEN_NOT_SET}
configs:
  greeting: {content: "hello"}
)");
  try {
    injected_files(p, p.services.at("web"));
    FAIL() << "no error";
  } catch (const std::runtime_error& e) {
    EXPECT_THAT(e.what(),
                ::testing::HasSubstr("environment variable \"TOKEN_NOT_SET\" required by secret \"token\" is not set"));
  }
  try {
    injected_files(p, p.services.at("ro"));
    FAIL() << "no error";
  } catch (const std::runtime_error& e) {
    EXPECT_THAT(e.what(), ::testing::HasSubstr("cannot create config \"greeting\" in read-only service ro"));
  }
}

}  // namespace
}  // namespace stackctl::deploy
