// Canonical forms of service fields, mounts, and the validation errors (one clear line each).
#include <gmock/gmock.h>

#include "project_test_support.hpp"

using namespace stackctl::model;
using namespace std::chrono_literals;
using stackctl::model::testing::load_error;
using stackctl::model::testing::temp_project;
using ::testing::HasSubstr;

namespace {
service load_service(temp_project& t, const std::string& body) {
  return t.load_file("services:\n  web:\n" + body).services.at("web");
}
std::string error_for(temp_project& t, const std::string& content) {
  t.write("compose.yaml", content);
  return load_error(t.options());
}
}  // namespace

TEST(Canonical, PortsShortSyntax) {
  temp_project t;
  const auto web = load_service(t,
                                "    image: nginx\n    ports:\n      - 3000\n      - \"127.0.0.1:8001:8001/UDP\"\n"
                                "      - \"9090-9091:8080-8081\"\n      - \"6000-6010:80\"\n      - \"[::1]:53:53\"\n");
  ASSERT_EQ(web.ports.size(), 6u);
  EXPECT_EQ(web.ports[0].target, 3000u);
  EXPECT_EQ(web.ports[0].published, "");
  EXPECT_EQ(web.ports[0].mode, "ingress");
  EXPECT_EQ(web.ports[1].host_ip, "127.0.0.1");
  EXPECT_EQ(web.ports[1].protocol, "udp");
  EXPECT_EQ(web.ports[2].target, 8080u);
  EXPECT_EQ(web.ports[2].published, "9090");
  EXPECT_EQ(web.ports[3].published, "9091");
  EXPECT_EQ(web.ports[4].published, "6000-6010");  // a host-only range stays one entry
  EXPECT_EQ(web.ports[5].host_ip, "::1");
}

TEST(Canonical, PortErrors) {
  temp_project t;
  EXPECT_THAT(error_for(t, "services:\n  web:\n    image: nginx\n    ports:\n      - \"80:http\"\n"),
              HasSubstr(":5:9: services.web.ports[0]: invalid port \"80:http\": invalid containerPort: http"));
  EXPECT_THAT(error_for(t, "services:\n  web:\n    image: nginx\n    ports: 80\n"),
              HasSubstr(":4:12: services.web.ports: must be a list"));
}

TEST(Canonical, EnvironmentListToMap) {
  temp_project t;
  auto o = t.options();
  o.environment["FROM_SHELL"] = "shell";
  t.write("compose.yaml",
          "services:\n  web:\n    image: nginx\n    environment:\n      - A=1\n      - B=x=y\n"
          "      - FROM_SHELL\n      - UNSET\n");
  const auto web = load(o).services.at("web");
  EXPECT_EQ(web.environment.at("A"), "1");
  EXPECT_EQ(web.environment.at("B"), "x=y");
  EXPECT_EQ(web.environment.at("FROM_SHELL"), "shell");
  EXPECT_FALSE(web.environment.at("UNSET").has_value());
}

TEST(Canonical, EnvFileMergedIntoEnvironment) {
  temp_project t;
  t.write("web.env", "A=from-file\nB=from-file\n");
  const auto web =
      load_service(t, "    image: nginx\n    env_file: web.env\n    environment:\n      B: from-service\n");
  EXPECT_EQ(web.environment.at("A"), "from-file");
  EXPECT_EQ(web.environment.at("B"), "from-service");
  EXPECT_THAT(render_yaml(t.load_file("services:\n  web:\n    image: nginx\n    env_file: web.env\n")),
              ::testing::Not(HasSubstr("env_file")));
}

TEST(Canonical, MissingEnvFile) {
  temp_project t;
  EXPECT_THAT(error_for(t, "services:\n  web:\n    image: nginx\n    env_file: nope.env\n"),
              HasSubstr("services.web.env_file: env file " + (t.dir() / "nope.env").string() + " not found"));
  EXPECT_EQ(
      error_for(
          t, "services:\n  web:\n    image: nginx\n    env_file:\n      - path: nope.env\n        required: false\n"),
      "");
}

TEST(Canonical, CommandStringIsShellSplit) {
  temp_project t;
  const auto web =
      load_service(t, "    image: nginx\n    command: sh -c 'echo \"a b\"' \"x y\" z\\ w\n    entrypoint: /bin/run\n");
  EXPECT_EQ(web.command, (std::vector<std::string>{"sh", "-c", "echo \"a b\"", "x y", "z w"}));
  EXPECT_EQ(web.entrypoint, (std::vector<std::string>{"/bin/run"}));
}

TEST(Canonical, HealthcheckAndDurations) {
  temp_project t;
  const auto web =
      load_service(t,
                   "    image: nginx\n    healthcheck:\n      test: curl -f localhost\n"
                   "      interval: 90s\n      timeout: 1m30s\n      retries: 3\n      start_period: 500ms\n"
                   "    stop_grace_period: 1h\n");
  ASSERT_TRUE(web.health);
  EXPECT_EQ(web.health->test, (std::vector<std::string>{"CMD-SHELL", "curl -f localhost"}));
  EXPECT_EQ(web.health->interval, duration(90s));
  EXPECT_EQ(web.health->timeout, duration(90s));
  EXPECT_EQ(web.health->start_period, duration(500ms));
  EXPECT_EQ(web.health->retries, 3u);
  EXPECT_EQ(web.stop_grace_period, duration(1h));
  EXPECT_THAT(render_yaml(t.load_file("services:\n  web:\n    image: nginx\n    healthcheck:\n      interval: 90s\n")),
              HasSubstr("interval: 1m30s"));
  EXPECT_THAT(error_for(t, "services:\n  web:\n    image: nginx\n    healthcheck:\n      interval: soon\n"),
              HasSubstr(":5:17: services.web.healthcheck.interval: invalid duration: \"soon\""));
  EXPECT_THAT(error_for(t, "services:\n  web:\n    image: nginx\n    healthcheck:\n      test: [curl]\n"),
              HasSubstr("healthcheck test must start either by \"CMD\", \"CMD-SHELL\" or \"NONE\""));
}

TEST(Canonical, DependsOnListAndMap) {
  temp_project t;
  const auto p = t.load_file(R"(services:
  web:
    image: nginx
    depends_on: [db]
  api:
    image: api
    depends_on:
      db:
        condition: service_healthy
        restart: true
  db:
    image: postgres
)");
  const auto& d = p.services.at("web").depends_on.at("db");
  EXPECT_EQ(d.condition, "service_started");
  EXPECT_TRUE(d.required);
  const auto& a = p.services.at("api").depends_on.at("db");
  EXPECT_EQ(a.condition, "service_healthy");
  EXPECT_TRUE(a.restart);
  EXPECT_TRUE(a.required);
}

TEST(Canonical, DeployAndResources) {
  temp_project t;
  const auto web = load_service(t, R"(    image: nginx
    deploy:
      replicas: 3
      resources:
        limits: {cpus: "0.50", memory: 512M}
        reservations:
          devices:
            - driver: nvidia
              count: all
              capabilities: [gpu]
      restart_policy:
        condition: on-failure
        max_attempts: 2
)");
  ASSERT_TRUE(web.deploy);
  EXPECT_EQ(web.replicas(), 3);
  EXPECT_DOUBLE_EQ(*web.deploy->limits->cpus, 0.5);
  EXPECT_EQ(web.deploy->limits->memory_bytes, 512 * 1024 * 1024);
  ASSERT_EQ(web.deploy->reservations->devices.size(), 1u);
  EXPECT_EQ(web.deploy->reservations->devices[0].count, -1);
  EXPECT_EQ(web.deploy->reservations->devices[0].capabilities, std::vector<std::string>{"gpu"});
  EXPECT_EQ(web.deploy->restart->max_attempts, 2u);
}

TEST(Canonical, BooleansAndWrongTypes) {
  temp_project t;
  EXPECT_TRUE(load_service(t, "    image: nginx\n    init: true\n    read_only: \"true\"\n").read_only);
  EXPECT_THAT(error_for(t, "services:\n  web:\n    image: nginx\n    privileged: maybe\n"),
              HasSubstr(":4:17: services.web.privileged: invalid boolean: \"maybe\""));
  EXPECT_THAT(error_for(t, "services:\n  web:\n    image: [nginx]\n"),
              HasSubstr(":3:12: services.web.image: must be a string, not a list"));
  EXPECT_THAT(error_for(t, "services:\n  web:\n    image: nginx\n    scale: lots\n"),
              HasSubstr("services.web.scale: invalid integer: \"lots\""));
}

// compose v2 refuses what its schema does not know (compose-spec.json), and so does stackctl.
TEST(Canonical, AnUnknownKeyIsRefusedAtItsPlace) {
  temp_project t;
  t.write("compose.yaml", "services:\n  web:\n    image: nginx\n    imagee: typo\n");
  EXPECT_EQ(load_error(t.options()), (t.dir() / "compose.yaml").string() +
                                         ":4:13: services.web.imagee: additional properties 'imagee' not allowed");
  t.write("compose.yaml", "services:\n  web:\n    image: nginx\n    x-mine: {any: thing}\n");
  EXPECT_EQ(load_error(t.options()), "");  // extensions are allowed everywhere
}

TEST(Mounts, ShortSyntaxBindAndVolume) {
  temp_project t;
  const auto p = t.load_file(R"(services:
  web:
    image: nginx
    volumes:
      - ./site:/usr/share/nginx/html:ro
      - ~/cache:/cache
      - /abs/path:/abs:rshared,z
      - data:/data:nocopy
      - /anonymous
      - type: tmpfs
        target: /tmp
        tmpfs: {size: 64m}
volumes:
  data:
)");
  const auto& v = p.services.at("web").volumes;
  ASSERT_EQ(v.size(), 6u);
  const auto& site = std::get<bind_mount>(v[0]);
  EXPECT_EQ(site.source, (t.dir() / "site").string());
  EXPECT_EQ(site.target, "/usr/share/nginx/html");
  EXPECT_TRUE(site.read_only);
  EXPECT_EQ(std::get<bind_mount>(v[1]).source, "/home/tester/cache");
  EXPECT_EQ(std::get<bind_mount>(v[2]).propagation, "rshared");
  EXPECT_EQ(std::get<bind_mount>(v[2]).selinux, "z");
  const auto& data = std::get<volume_mount>(v[3]);
  EXPECT_EQ(data.source, "data");
  EXPECT_TRUE(data.nocopy);
  EXPECT_EQ(std::get<volume_mount>(v[4]).source, "");
  EXPECT_EQ(std::get<tmpfs_mount>(v[5]).size_bytes, 64 * 1024 * 1024);
  EXPECT_EQ(mount_target(v[5]), "/tmp");
  EXPECT_EQ(p.volumes.at("data").name, "app_data");
}

TEST(Mounts, UndefinedVolume) {
  temp_project t;
  EXPECT_EQ(
      error_for(t, "services:\n  web:\n    image: nginx\n    volumes:\n      - data:/data\n"),
      (t.dir() / "compose.yaml").string() +
          ":5:9: services.web.volumes[0]: service \"web\" refers to undefined volume data: invalid compose project");
}

TEST(Mounts, InvalidBareNameSuggestsAPath) {
  temp_project t;
  EXPECT_THAT(error_for(t, "services:\n  web:\n    image: nginx\n    volumes:\n      - data/dir:/data\n"),
              HasSubstr("services.web.volumes[0]: \"data/dir\" is not a valid volume name; use \"./data/dir\""));
}

TEST(Mounts, ShortSyntaxError) {
  temp_project t;
  EXPECT_THAT(error_for(t, "services:\n  web:\n    image: nginx\n    volumes:\n      - /a:/b:ro:x\n"),
              HasSubstr(":5:9: services.web.volumes[0]: invalid spec: /a:/b:ro:x: too many colons"));
}

TEST(Validation, UndefinedService) {
  temp_project t;
  EXPECT_THAT(error_for(t, "services:\n  web:\n    image: nginx\n    depends_on: [db]\n"),
              HasSubstr(":4:17: services.web.depends_on: service \"web\" depends on undefined service \"db\": invalid "
                        "compose project"));
}

TEST(Validation, UndefinedNetworkAndSecret) {
  temp_project t;
  EXPECT_THAT(
      error_for(t, "services:\n  web:\n    image: nginx\n    networks: [front]\n"),
      HasSubstr("services.web.networks: service \"web\" refers to undefined network front: invalid compose project"));
  EXPECT_THAT(
      error_for(t, "services:\n  web:\n    image: nginx\n    secrets: [token]\n"),
      HasSubstr("services.web.secrets: service \"web\" refers to undefined secret token: invalid compose project"));
  EXPECT_THAT(
      error_for(t, "services:\n  web:\n    image: nginx\n    configs: [conf]\n"),
      HasSubstr("services.web.configs: service \"web\" refers to undefined config conf: invalid compose project"));
}

TEST(Validation, DependencyCycle) {
  temp_project t;
  EXPECT_THAT(
      error_for(t, "services:\n  a:\n    image: x\n    depends_on: [b]\n  b:\n    image: x\n    depends_on: [a]\n"),
      HasSubstr("dependency cycle detected: a -> b -> a"));
  EXPECT_THAT(error_for(t, "services:\n  a:\n    image: x\n    depends_on: [a]\n"),
              HasSubstr("dependency cycle detected: a -> a"));
}

TEST(Validation, ContainerNameWithScale) {
  temp_project t;
  EXPECT_THAT(error_for(t, "services:\n  web:\n    image: nginx\n    container_name: web1\n    scale: 2\n"),
              HasSubstr("services.web.container_name: services.web: can't set container_name and web as container name "
                        "must be unique: invalid compose project"));
  EXPECT_THAT(
      error_for(t, "services:\n  web:\n    image: nginx\n    container_name: web1\n    deploy: {replicas: 3}\n"),
      HasSubstr("can't set container_name"));
}

TEST(Validation, NetworkModeWithNetworks) {
  temp_project t;
  EXPECT_THAT(error_for(t, "services:\n  web:\n    image: nginx\n    network_mode: host\n    networks: [default]\n"),
              HasSubstr("services.web.networks: service web declares mutually exclusive `network_mode` and `networks`: "
                        "invalid compose project"));
}

TEST(Validation, NoImageNoBuild) {
  temp_project t;
  EXPECT_THAT(error_for(t, "services:\n  web:\n    restart: always\n"),
              HasSubstr("service \"web\" has neither an image nor a build context specified: invalid compose project"));
}

TEST(Validation, ConsistencyChecksCanBeSkipped) {
  temp_project t;
  t.write("compose.yaml", "services:\n  web:\n    image: nginx\n    depends_on: [db]\n    volumes: [data:/data]\n");
  auto o = t.options();
  o.consistency = false;
  EXPECT_EQ(load(o).services.at("web").depends_on.count("db"), 1u);
}

TEST(Normalisation, DefaultNetworkAndResourceNames) {
  temp_project t;
  const auto p = t.load_file(R"(name: shop
services:
  web:
    image: nginx
    networks: [front]
  worker:
    image: busybox
networks:
  front:
  unused:
  ext:
    external: true
volumes:
  keep:
    name: exact-name
)");
  EXPECT_EQ(p.networks.at("front").name, "shop_front");
  EXPECT_EQ(p.networks.at("default").name, "shop_default");
  EXPECT_EQ(p.services.at("worker").networks.count("default"), 1u);
  EXPECT_EQ(p.networks.count("unused"), 0u);  // dropped: no service uses it
  EXPECT_EQ(p.volumes.count("keep"), 0u);
}

TEST(Normalisation, ImplicitDependencies) {
  temp_project t;
  const auto p = t.load_file(R"(services:
  db:
    image: postgres
  vpn:
    image: vpn
  web:
    image: nginx
    network_mode: service:vpn
    links: [db:database]
    volumes_from: [db:ro, container:other]
)");
  const auto& deps = p.services.at("web").depends_on;
  ASSERT_EQ(deps.size(), 2u);
  EXPECT_TRUE(deps.at("vpn").restart);
  EXPECT_FALSE(deps.at("db").restart);
  EXPECT_EQ(deps.at("db").condition, "service_started");
  t.write("compose.yaml", "services:\n  web:\n    image: nginx\n    network_mode: service:nope\n");
  EXPECT_THAT(load_error(t.options()), HasSubstr("service \"web\" depends on undefined service \"nope\""));
}
