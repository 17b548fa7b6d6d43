#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "deploy_test_support.hpp"
#include "stackctl/deploy/container_spec.hpp"

namespace stackctl::deploy {
namespace {

using ::testing::ElementsAre;
using ::testing::UnorderedElementsAre;
using testing::load_project;
using testing::temp_dir;

constexpr engine::api_version v141{1, 41};
constexpr engine::api_version v144{1, 44};

engine::container_create_request request_for(const model::project& p, const std::string& svc,
                                             engine::api_version v = v141) {
  container_context ctx;
  ctx.name = container_name(p, p.services.at(svc), 1);
  ctx.config_hash = "HASH";
  ctx.image_id = "sha256:img";
  ctx.service_container_ids = {{"db", "dbid"}};
  return make_create_request(p, p.services.at(svc), ctx, v);
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
)", {{"FROM_SHELL", "shell"}});
  auto r = request_for(p, "web");
  EXPECT_EQ(r.config.image, "busybox");
  EXPECT_EQ(*r.config.cmd, (std::vector<std::string>{"sh", "-c", "echo hi"}));
  EXPECT_EQ(*r.config.entrypoint, (std::vector<std::string>{"/bin/env"}));
  EXPECT_THAT(r.config.env, UnorderedElementsAre("A=1", "FROM_SHELL=shell"));
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
  EXPECT_THAT(r.host.binds, ElementsAre((d.path() / "site").string() + ":/usr/share/nginx/html:ro",
                                        "demo_data:/data:rw"));
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
  EXPECT_EQ(r.host.resources.device_requests[0].capabilities,
            (std::vector<std::vector<std::string>>{{"gpu"}}));
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

}  // namespace
}  // namespace stackctl::deploy
