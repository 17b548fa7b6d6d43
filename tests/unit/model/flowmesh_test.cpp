// The FlowMesh node stack (fixtures/flowmesh): each compose file loaded the way the FlowMesh CLI runs
// it — the compose file beside a .env made from its .env.example, plus the variables the CLI sets.
#include <gmock/gmock.h>

#include <sstream>

#include "project_test_support.hpp"

using namespace stackctl::model;
using stackctl::model::testing::load_error;
using stackctl::model::testing::temp_project;
using ::testing::HasSubstr;

namespace {

const std::filesystem::path flowmesh = std::filesystem::path(STACKCTL_FIXTURES_DIR) / "flowmesh";

std::string fixture(const char* name) {
  std::ifstream in(flowmesh / name, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A stack directory: compose.yml + .env (from the matching example).
struct stack {
  temp_project dir{"flowmesh-stack"};
  load_options options;
  stack(const char* compose, const char* env_example) {
    dir.write("compose.yml", fixture(compose));
    dir.write(".env", fixture(env_example));
    options = dir.options();
  }
  project load() const { return stackctl::model::load(options); }
};

// What the FlowMesh CLI exports for compose.yml's `${VAR:?set by flowmesh stack}` sources.
void set_cli_variables(load_options& o) {
  o.environment["FLOWMESH_PLUGIN_DATA_DIR"] = "./plugin-data";
  o.environment["FLOWMESH_PLUGIN_DIR"] = "./plugins";
  o.environment["FLOWMESH_COLLECTOR_TLS_CONFIG_ARG"] = "";
  o.environment["FLOWMESH_COLLECTOR_USER"] = "10001:10001";
  o.environment["FLOWMESH_COLLECTOR_TLS_CERT"] = "./secrets/tls/collector/server.pem";
  o.environment["FLOWMESH_COLLECTOR_TLS_KEY"] = "./secrets/tls/collector/server.key";
}

const bind_mount* bind_at(const service& s, const std::string& target) {
  for (const auto& m : s.volumes)
    if (mount_target(m) == target) return std::get_if<bind_mount>(&m);
  return nullptr;
}
const volume_mount* volume_at(const service& s, const std::string& target) {
  for (const auto& m : s.volumes)
    if (mount_target(m) == target) return std::get_if<volume_mount>(&m);
  return nullptr;
}

}  // namespace

TEST(FlowMesh, PluginDataIsABindByDefault) {
  stack s("compose.plugin-data.yml", "env.plugin-data.example");
  const auto p = s.load();
  const auto& server = p.services.at("server");
  const auto* plugin_data = bind_at(server, "/app/plugin-data");
  ASSERT_NE(plugin_data, nullptr);
  EXPECT_EQ(plugin_data->source, (s.dir.dir() / "plugin-data").string());
  EXPECT_FALSE(plugin_data->read_only);
  const auto* plugins = bind_at(server, "/app/plugins");
  ASSERT_NE(plugins, nullptr);
  EXPECT_TRUE(plugins->read_only);
  EXPECT_EQ(p.volumes.count("flowmesh_plugin_data"), 0u);  // unused → not part of the project
}

TEST(FlowMesh, PluginDataRoutedToTheExternalVolume) {
  stack s("compose.plugin-data.yml", "env.plugin-data.example");
  s.options.environment["FLOWMESH_PLUGIN_DATA_DIR"] = "flowmesh_plugin_data";
  s.options.environment["FLOWMESH_PLUGIN_DATA_VOLUME"] = "shared_plugin_data";
  const auto p = s.load();
  const auto* m = volume_at(p.services.at("server"), "/app/plugin-data");
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->source, "flowmesh_plugin_data");
  const auto& v = p.volumes.at("flowmesh_plugin_data");
  EXPECT_TRUE(v.external);
  EXPECT_EQ(v.name, "shared_plugin_data");
}

TEST(FlowMesh, ExternalVolumeNameFallsBackToTheStackSlug) {
  stack v2("compose.plugin-data.yml", "env.plugin-data.example");
  v2.options.environment["FLOWMESH_PLUGIN_DATA_DIR"] = "flowmesh_plugin_data";
  EXPECT_EQ(v2.load().volumes.at("flowmesh_plugin_data").name, "flowmesh_node_plugin_data");
  v2.options.environment["FLOWMESH_STACK_SLUG"] = "edge_1";
  EXPECT_EQ(v2.load().volumes.at("flowmesh_plugin_data").name, "edge_1_plugin_data");
  // the upstream v1 file falls back to the unscoped name
  stack v1("compose.plugin-data.v1.yml", "env.plugin-data.example");
  v1.options.environment["FLOWMESH_PLUGIN_DATA_DIR"] = "flowmesh_plugin_data";
  v1.options.environment["FLOWMESH_STACK_SLUG"] = "edge_1";
  EXPECT_EQ(v1.load().volumes.at("flowmesh_plugin_data").name, "flowmesh_plugin_data");
}

TEST(FlowMesh, StackSlugNamesResolve) {
  stack s("compose.plugin-data.yml", "env.plugin-data.example");
  s.options.profiles = {"root"};
  auto p = s.load();
  EXPECT_EQ(p.services.at("server").container_name, "flowmesh_node_server");
  EXPECT_EQ(p.services.at("redis_control").container_name, "flowmesh_node_redis_control");
  EXPECT_EQ(p.networks.at("flowmesh_node_network").name, "flowmesh_node_network");
  EXPECT_EQ(p.volumes.at("redis_control_data").name, "flowmesh_node_redis_control_data");
  s.options.environment["FLOWMESH_STACK_SLUG"] = "blue";
  p = s.load();
  EXPECT_EQ(p.services.at("server").container_name, "blue_server");
  EXPECT_EQ(p.networks.at("flowmesh_node_network").name, "blue_network");
  EXPECT_EQ(p.volumes.at("flowmesh_results").name, "blue_results");
  EXPECT_EQ(p.services.at("server").environment.at("WORKER_RESULTS_DIR"), "blue_results");
}

TEST(FlowMesh, RootProfileSelectsTheRedisServices) {
  stack s("compose.plugin-data.yml", "env.plugin-data.example");
  auto p = s.load();
  EXPECT_EQ(service_names(p), std::vector<std::string>{"server"});
  EXPECT_TRUE(p.services.at("server").depends_on.empty());  // required: false on disabled services
  s.options.profiles = {"root"};
  p = s.load();
  EXPECT_EQ(service_names(p), (std::vector<std::string>{"redis_control", "redis_telemetry", "server"}));
  const auto& dep = p.services.at("server").depends_on.at("redis_control");
  EXPECT_EQ(dep.condition, "service_healthy");
  EXPECT_FALSE(dep.required);
  const auto& redis = p.services.at("redis_control");
  EXPECT_EQ(redis.ports.at(0).published, "6379");
  EXPECT_EQ(redis.networks.count("flowmesh_node_network"), 1u);
  EXPECT_EQ(redis.restart, "unless-stopped");
  ASSERT_TRUE(redis.health);
  EXPECT_EQ(redis.health->test.at(0), "CMD-SHELL");
  EXPECT_EQ(redis.health->interval, duration(std::chrono::seconds(5)));
  // `$${VAR}` in the command stays a literal `${VAR}` for the container's shell.
  ASSERT_TRUE(redis.command);
  EXPECT_THAT(redis.command->at(2), HasSubstr("\"${REDIS_USERNAME:-admin}\""));
}

TEST(FlowMesh, ServerModel) {
  stack s("compose.plugin-data.yml", "env.plugin-data.example");
  const auto p = s.load();
  const auto& server = p.services.at("server");
  EXPECT_EQ(server.image, "ghcr.io/mlsys-io/flowmesh_server:dev");
  EXPECT_EQ(server.network_mode, "host");
  EXPECT_TRUE(server.networks.empty());
  ASSERT_TRUE(server.health);
  EXPECT_EQ(server.health->test, (std::vector<std::string>{"CMD", "curl", "-sf", "http://localhost:8000/healthz"}));
  EXPECT_EQ(server.health->start_period, duration(std::chrono::seconds(40)));
  // env_file (the stack's .env) merged under the service's own environment
  EXPECT_EQ(server.environment.at("REDIS_PASSWORD"), "very-strong-password");
  EXPECT_EQ(server.environment.at("SERVER_METRICS_DIR"), "/mnt/flowmesh-metrics");
  EXPECT_EQ(server.environment.at("REDIS_CONTROL_URL"), "redis://localhost:6379/0");
  const auto* results = volume_at(server, "/mnt/flowmesh-results");
  ASSERT_NE(results, nullptr);
  EXPECT_EQ(results->source, "flowmesh_results");
  EXPECT_NE(bind_at(server, "/var/run/docker.sock"), nullptr);
  const auto* offload = bind_at(server, "/etc/ssl/offload");
  ASSERT_NE(offload, nullptr);
  EXPECT_EQ(offload->source, (s.dir.dir() / "secrets/tls/offload").string());
}

TEST(FlowMesh, ResultsDirAsHostPath) {
  stack s("compose.plugin-data.yml", "env.plugin-data.example");
  s.options.environment["SERVER_RESULTS_DIR"] = "/srv/results";
  const auto p = s.load();
  const auto* results = bind_at(p.services.at("server"), "/mnt/flowmesh-results");
  ASSERT_NE(results, nullptr);
  EXPECT_EQ(results->source, "/srv/results");
  EXPECT_EQ(p.volumes.count("flowmesh_results"), 0u);
}

TEST(FlowMesh, NewestFileNeedsTheCliVariables) {
  stack s("compose.yml", "env.example");
  // .env.example leaves the collector variables to the CLI: compose refuses, and so do we, at the
  // first one in file order (the whole file is interpolated, whatever the profiles).
  EXPECT_EQ(load_error(s.options),
            (s.dir.dir() / "compose.yml").string() +
                ":197:14: services.otel_collector.command: required variable FLOWMESH_COLLECTOR_TLS_CONFIG_ARG is "
                "missing a value: set by flowmesh stack");
  s.options.environment["FLOWMESH_COLLECTOR_TLS_CONFIG_ARG"] = "";
  EXPECT_THAT(load_error(s.options), HasSubstr("required variable FLOWMESH_COLLECTOR_USER is missing a value"));
  set_cli_variables(s.options);
  const auto p = s.load();
  EXPECT_EQ(service_names(p), std::vector<std::string>{"server"});
  EXPECT_EQ(profile_names(p), (std::vector<std::string>{"content", "root", "telemetry"}));
  const auto* peer = bind_at(p.services.at("server"), "/etc/ssl/peer");
  ASSERT_NE(peer, nullptr);
  EXPECT_TRUE(peer->read_only);
  EXPECT_EQ(p.configs.size(), 0u);  // only the telemetry services use them
}

TEST(FlowMesh, NewestFileTelemetryAndContentProfiles) {
  stack s("compose.yml", "env.example");
  set_cli_variables(s.options);
  s.options.profiles = {"telemetry", "content"};
  const auto p = s.load();
  EXPECT_EQ(service_names(p), (std::vector<std::string>{"clickhouse", "content-store", "otel_collector", "server"}));
  const auto& otel = p.services.at("otel_collector");
  EXPECT_EQ(otel.user, "10001:10001");
  EXPECT_EQ(otel.command, (std::vector<std::string>{"--config=/etc/otelcol-contrib/config.yaml"}));
  ASSERT_EQ(otel.configs.size(), 2u);
  EXPECT_EQ(otel.configs[0].target, "/etc/otelcol-contrib/config.yaml");
  EXPECT_EQ(p.configs.at("flowmesh_otel_collector_config").file, (s.dir.dir() / "otel-collector-config.yaml").string());
  EXPECT_EQ(p.services.at("content-store").ports.at(1).host_ip, "127.0.0.1");
  EXPECT_EQ(p.services.at("content-store").command,
            (std::vector<std::string>{"server", "/data", "--console-address", ":9001"}));
}

TEST(FlowMesh, EveryFileRenders) {
  for (auto [compose, env] :
       {std::pair{"compose.plugin-data.yml", "env.plugin-data.example"},
        std::pair{"compose.plugin-data.v1.yml", "env.plugin-data.example"}, std::pair{"compose.yml", "env.example"}}) {
    stack s(compose, env);
    set_cli_variables(s.options);
    s.options.profiles = {"*"};
    const auto p = s.load();
    const auto yaml = render_yaml(p);
    EXPECT_THAT(yaml, HasSubstr("name: flowmesh-stack\nservices:\n")) << compose;
    EXPECT_THAT(yaml, HasSubstr("$${REDIS_USERNAME:-admin}")) << compose;  // `$` doubled for compose
    EXPECT_THAT(render_json(p), HasSubstr("\"container_name\": \"flowmesh_node_server\"")) << compose;
    for (const auto& name : service_names(p)) EXPECT_EQ(config_hash(p, name).size(), 64u);
  }
}
