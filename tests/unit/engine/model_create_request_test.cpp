// Container create request serialization: only set fields, wire formats, a whole request.
#include <gtest/gtest.h>

#include <chrono>

#include <nlohmann/json.hpp>

#include "stackctl/engine/container_create.hpp"

namespace stackctl::engine {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

constexpr api_version v141{1, 41};

TEST(ModelCreateRequest, EmptyRequestIsEmptyObject) {
  EXPECT_EQ(to_json(container_create_request{}, v141), json::object());
}

TEST(ModelCreateRequest, OnlySetFieldsAreEmitted) {
  container_create_request req;
  req.config.image = "probe/bb:latest";
  req.config.tty = false;  // set to false is still set
  req.host.auto_remove = false;
  EXPECT_EQ(to_json(req, v141),
            json::parse(R"({"Image":"probe/bb:latest","Tty":false,"HostConfig":{"AutoRemove":false}})"));
}

TEST(ModelCreateRequest, EntrypointAbsentNullAndEmptyAreDistinct) {
  container_config cfg;
  cfg.image = "img";
  EXPECT_FALSE(to_json(cfg, v141).contains("Entrypoint"));

  cfg.entrypoint = json_null;
  json j = to_json(cfg, v141);
  ASSERT_TRUE(j.contains("Entrypoint"));
  EXPECT_TRUE(j["Entrypoint"].is_null());

  cfg.entrypoint = std::vector<std::string>{};
  j = to_json(cfg, v141);
  ASSERT_TRUE(j.contains("Entrypoint"));
  EXPECT_EQ(j["Entrypoint"], json::array());

  cfg.entrypoint = std::vector<std::string>{"/bin/sh", "-c"};
  EXPECT_EQ(to_json(cfg, v141)["Entrypoint"], json::parse(R"(["/bin/sh","-c"])"));

  cfg.entrypoint = std::nullopt;
  EXPECT_FALSE(to_json(cfg, v141).contains("Entrypoint"));
}

TEST(ModelCreateRequest, CmdNullIsSentAsNull) {
  container_config cfg;
  cfg.cmd = json_null;
  EXPECT_EQ(to_json(cfg, v141), json::parse(R"({"Cmd":null})"));
}

TEST(ModelCreateRequest, HealthcheckDurationsAreInt64Nanoseconds) {
  container_config cfg;
  cfg.healthcheck = health_config{};
  cfg.healthcheck->test = std::vector<std::string>{"CMD-SHELL", "true"};
  cfg.healthcheck->interval = 30s;
  cfg.healthcheck->timeout = 1500ms;
  cfg.healthcheck->start_period = std::chrono::hours(1);
  cfg.healthcheck->retries = 3;
  const json h = to_json(cfg, v141)["Healthcheck"];
  EXPECT_EQ(h, json::parse(R"({"Test":["CMD-SHELL","true"],"Interval":30000000000,
      "Timeout":1500000000,"StartPeriod":3600000000000,"Retries":3})"));
  EXPECT_TRUE(h["StartPeriod"].is_number_integer());
}

TEST(ModelCreateRequest, HostPortIsAString) {
  host_config host;
  host.port_bindings.emplace();
  (*host.port_bindings)["80/tcp"] = {port_binding{"127.0.0.1", "8080"}, port_binding{"", "8081"}};
  (*host.port_bindings)["53/udp"] = {port_binding{}};
  const json j = to_json(host, v141)["PortBindings"];
  EXPECT_EQ(j, json::parse(R"({"80/tcp":[{"HostIp":"127.0.0.1","HostPort":"8080"},{"HostPort":"8081"}],
                               "53/udp":[{}]})"));
  EXPECT_TRUE(j["80/tcp"][0]["HostPort"].is_string());
}

TEST(ModelCreateRequest, PortBindingsSetButEmptyIsAnEmptyObjectAndUnsetIsAbsent) {
  host_config host;
  EXPECT_FALSE(to_json(host, v141).contains("PortBindings"));
  host.port_bindings.emplace();
  EXPECT_EQ(to_json(host, v141)["PortBindings"], json::object());
}

TEST(ModelCreateRequest, TmpfsModeIsTheDecimalOfTheOctalBits) {
  mount m;
  m.type = mount_type::tmpfs;
  m.target = "/run";
  m.tmpfs = tmpfs_options{};
  m.tmpfs->mode = 01777;
  EXPECT_EQ(to_json(m, v141)["TmpfsOptions"]["Mode"], 1023);
  m.tmpfs->mode = 0755;
  EXPECT_EQ(to_json(m, v141)["TmpfsOptions"]["Mode"], 493);
  m.tmpfs->size_bytes = 64LL * 1024 * 1024;
  EXPECT_EQ(to_json(m, v141),
            json::parse(R"({"Type":"tmpfs","Target":"/run","TmpfsOptions":{"SizeBytes":67108864,"Mode":493}})"));
}

TEST(ModelCreateRequest, ExposedPortsAndVolumesAreEmptyObjectMaps) {
  container_config cfg;
  cfg.exposed_ports = {"80/tcp", "53/udp"};
  cfg.volumes = {"/data"};
  EXPECT_EQ(to_json(cfg, v141), json::parse(R"({"ExposedPorts":{"80/tcp":{},"53/udp":{}},"Volumes":{"/data":{}}})"));
}

// A compose service the way deploy builds it for a 1.41 daemon.
TEST(ModelCreateRequest, ComposeLikeRequestSerializesExactly) {
  container_create_request req;
  container_config& c = req.config;
  c.image = "nginx:1.25";
  c.cmd = std::vector<std::string>{"nginx", "-g", "daemon off;"};
  c.entrypoint = json_null;
  c.env = {"A=1", "B=two words"};
  c.working_dir = "/app";
  c.user = "1000:1000";
  c.hostname = "web";
  c.labels = {{"com.docker.compose.project", "demo"},
              {"com.docker.compose.service", "web"},
              {"com.docker.compose.container-number", "1"},
              {"com.docker.compose.oneoff", "False"}};
  c.exposed_ports = {"80/tcp"};
  c.tty = false;
  c.open_stdin = false;
  c.attach_stdout = true;
  c.attach_stderr = true;
  c.stop_signal = "SIGTERM";
  c.stop_timeout = 10;
  c.healthcheck = health_config{
      std::vector<std::string>{"CMD-SHELL", "curl -f http://localhost/ || exit 1"}, 30s, 5s, 3, 10s, std::nullopt};

  host_config& h = req.host;
  h.restart_policy = restart_policy{"unless-stopped", 0};
  h.port_bindings = port_map{{"80/tcp", {port_binding{"0.0.0.0", "8080"}}}};
  h.network_mode = "demo_default";
  h.binds = {"/srv/web:/usr/share/nginx/html:ro"};
  mount data;
  data.type = mount_type::volume;
  data.source = "demo_data";
  data.target = "/data";
  data.volume = volume_options{false, {{"com.docker.compose.volume", "data"}}, std::nullopt, std::nullopt};
  mount run;
  run.type = mount_type::tmpfs;
  run.target = "/run";
  run.tmpfs = tmpfs_options{67108864, 01777, {}};
  mount conf;
  conf.type = mount_type::bind;
  conf.source = "/srv/conf";
  conf.target = "/etc/nginx/conf.d";
  conf.read_only = true;
  conf.bind = bind_options{};
  conf.bind->propagation = "rprivate";
  h.mounts = {data, run, conf};
  h.init = true;
  h.extra_hosts = {"db:10.0.0.5"};
  h.cap_add = {"NET_ADMIN"};
  h.log_config = log_config{"json-file", {{"max-size", "10m"}}};
  h.resources.nano_cpus = 1500000000;
  h.resources.memory = 512LL * 1024 * 1024;
  h.resources.pids_limit = 100;
  h.resources.ulimits = {ulimit{"nofile", 1024, 4096}};
  h.tmpfs = {{"/tmp", "rw,size=1m"}};
  h.sysctls = {{"net.core.somaxconn", "1024"}};
  h.cgroupns_mode = "private";

  req.networking.endpoints["demo_default"].aliases = {"web", "web-1"};

  const json expected = json::parse(R"({
    "Image": "nginx:1.25", "Cmd": ["nginx", "-g", "daemon off;"], "Entrypoint": null,
    "Env": ["A=1", "B=two words"], "WorkingDir": "/app", "User": "1000:1000", "Hostname": "web",
    "Labels": {"com.docker.compose.project": "demo", "com.docker.compose.service": "web",
               "com.docker.compose.container-number": "1", "com.docker.compose.oneoff": "False"},
    "ExposedPorts": {"80/tcp": {}},
    "Tty": false, "OpenStdin": false, "AttachStdout": true, "AttachStderr": true,
    "StopSignal": "SIGTERM", "StopTimeout": 10,
    "Healthcheck": {"Test": ["CMD-SHELL", "curl -f http://localhost/ || exit 1"],
                    "Interval": 30000000000, "Timeout": 5000000000, "Retries": 3,
                    "StartPeriod": 10000000000},
    "HostConfig": {
      "RestartPolicy": {"Name": "unless-stopped", "MaximumRetryCount": 0},
      "PortBindings": {"80/tcp": [{"HostIp": "0.0.0.0", "HostPort": "8080"}]},
      "NetworkMode": "demo_default",
      "Binds": ["/srv/web:/usr/share/nginx/html:ro"],
      "Mounts": [
        {"Type": "volume", "Source": "demo_data", "Target": "/data",
         "VolumeOptions": {"NoCopy": false, "Labels": {"com.docker.compose.volume": "data"}}},
        {"Type": "tmpfs", "Target": "/run", "TmpfsOptions": {"SizeBytes": 67108864, "Mode": 1023}},
        {"Type": "bind", "Source": "/srv/conf", "Target": "/etc/nginx/conf.d", "ReadOnly": true,
         "BindOptions": {"Propagation": "rprivate"}}],
      "Init": true, "ExtraHosts": ["db:10.0.0.5"], "CapAdd": ["NET_ADMIN"],
      "LogConfig": {"Type": "json-file", "Config": {"max-size": "10m"}},
      "NanoCpus": 1500000000, "Memory": 536870912, "PidsLimit": 100,
      "Ulimits": [{"Name": "nofile", "Soft": 1024, "Hard": 4096}],
      "Tmpfs": {"/tmp": "rw,size=1m"}, "Sysctls": {"net.core.somaxconn": "1024"},
      "CgroupnsMode": "private"
    },
    "NetworkingConfig": {"EndpointsConfig": {"demo_default": {"Aliases": ["web", "web-1"]}}}
  })");
  EXPECT_EQ(to_json(req, v141), expected) << to_json(req, v141).dump(2);
}

TEST(ModelCreateRequest, ParsesCreateReply) {
  container_create_response r =
      json::parse(R"({"Id":"abc","Warnings":["w1"],"Extra":1})").get<container_create_response>();
  EXPECT_EQ(r.id, "abc");
  EXPECT_EQ(r.warnings, std::vector<std::string>{"w1"});
  r = json::parse(R"({"Id":"abc","Warnings":null})").get<container_create_response>();
  EXPECT_TRUE(r.warnings.empty());
}

}  // namespace
}  // namespace stackctl::engine
