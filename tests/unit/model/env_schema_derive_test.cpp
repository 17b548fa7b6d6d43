// Loading env schema files: the format's fields, and located errors for bad input.
#include <gmock/gmock.h>

#include "project_test_support.hpp"
#include "stackctl/model/env_schema.hpp"

using namespace stackctl::model;
using ::testing::HasSubstr;
#include "stackctl/model/derived_environment.hpp"

#include <sstream>

using stackctl::model::testing::temp_project;

namespace {

const std::filesystem::path flowmesh = std::filesystem::path(STACKCTL_FIXTURES_DIR) / "flowmesh";

std::string fixture(const char* name) {
  std::ifstream in(flowmesh / name, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
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

// An operator's stack: a .env made from the example (one line changed), derived for the invocation
// directory /B, then the real fixture compose file loaded with the derived environment.
struct operator_stack {
  const char* compose;
  env_schema schema;
  temp_project dir{"op"};
  std::string env_text;
  env_map shell{{"HOME", "/home/op"}, {"PATH", "/usr/bin"}};
  std::filesystem::path invocation_dir = "/B";

  explicit operator_stack(bool newest = false)
      : compose(newest ? "compose.yml" : "compose.plugin-data.yml"),
        schema(load_env_schema(flowmesh / (newest ? "env.schema.yaml" : "env.schema.plugin-data.yaml"))),
        env_text(fixture(newest ? "env.example" : "env.plugin-data.example")) {}

  // Replaces the line `KEY=...` with `replacement` (no line at all when it is empty).
  operator_stack& set_line(const std::string& key, const std::string& replacement) {
    const auto pos = env_text.find("\n" + key + "=");
    EXPECT_NE(pos, std::string::npos) << key;
    const auto end = env_text.find('\n', pos + 1);
    env_text.replace(pos + 1, end - pos, replacement.empty() ? "" : replacement + "\n");
    return *this;
  }
  operator_stack& set(const std::string& key, const std::string& value) { return set_line(key, key + "=" + value); }

  derived_environment derive() {
    dir.write(".env", env_text);
    return derive_environment(schema, read_dotenv_file(dir.dir() / ".env", shell), shell,
                              {invocation_dir, "/home/op", "1000", "1000"});
  }

  project load(const derived_environment& d, std::vector<std::string> profiles = {}) const {
    load_options o;
    o.files = {(flowmesh / compose).string()};
    o.current_directory = invocation_dir;
    o.environment = {d.environment.begin(), d.environment.end()};
    o.profiles = std::move(profiles);
    return stackctl::model::load(o);
  }

  std::string derive_error() {
    try {
      derive();
    } catch (const model_error& e) {
      return e.what();
    }
    return "(no error)";
  }
};

bool creates(const derived_environment& d, const std::string& path, host_path::kind_type kind) {
  for (const auto& h : d.create_on_deploy)
    if (h.path == path && h.kind == kind) return true;
  return false;
}

}  // namespace

// Behaviour 1: no value → the default directory under the invocation directory, as a bind.
TEST(EnvSchemaDerive, PluginDataUnsetEmptyOrBlankIsABindOfTheDefaultDirectory) {
  for (const std::string& line :
       {std::string{}, std::string("FLOWMESH_PLUGIN_DATA_DIR="), std::string("FLOWMESH_PLUGIN_DATA_DIR='   '")}) {
    SCOPED_TRACE(line);
    operator_stack s;
    s.set_line("FLOWMESH_PLUGIN_DATA_DIR", line);
    const auto d = s.derive();
    EXPECT_EQ(d.environment.at("FLOWMESH_PLUGIN_DATA_DIR"), "/B/plugin-data");
    EXPECT_EQ(d.environment.count("FLOWMESH_PLUGIN_DATA_VOLUME"), 0u);
    EXPECT_TRUE(creates(d, "/B/plugin-data", host_path::kind_type::directory));
    const auto p = s.load(d);
    const auto* m = bind_at(p.services.at("server"), "/app/plugin-data");
    ASSERT_NE(m, nullptr);
    EXPECT_EQ(m->source, "/B/plugin-data");
    EXPECT_FALSE(m->read_only);
  }
}

TEST(EnvSchemaDerive, PluginDataPathsResolveAgainstTheInvocationDirectoryAndHome) {
  const std::vector<std::pair<std::string, std::string>> cases{
      {"./custom", "/B/custom"}, {"/var/lib/foo/", "/var/lib/foo"},
      {"~/x", "/home/op/x"},     {"../x", "/x"},
      {"~", "/home/op"},         {"' ./y '", "/B/y"}};
  for (const auto& [value, path] : cases) {
    SCOPED_TRACE(value);
    operator_stack s;
    s.set("FLOWMESH_PLUGIN_DATA_DIR", value);
    const auto d = s.derive();
    EXPECT_EQ(d.environment.at("FLOWMESH_PLUGIN_DATA_DIR"), path);
    EXPECT_TRUE(creates(d, path, host_path::kind_type::directory));
    const auto p = s.load(d);  // kept alive: m points into it
    const auto* m = bind_at(p.services.at("server"), "/app/plugin-data");
    ASSERT_NE(m, nullptr);
    EXPECT_EQ(m->source, path);
  }
}

TEST(EnvSchemaDerive, PathVariablesAreAbsoluteAndCreatedOnDeploy) {
  operator_stack s;
  s.set("REDIS_TLS_DIR", "").set("SERVER_TLS_DIR", "/etc/flowmesh/tls/").set("FLOWMESH_PLUGIN_DIR", "~/plugins");
  const auto d = s.derive();
  EXPECT_EQ(d.environment.at("REDIS_TLS_DIR"), "/B/secrets/tls/redis");  // empty → the default
  EXPECT_EQ(d.environment.at("SERVER_TLS_DIR"), "/etc/flowmesh/tls");
  EXPECT_EQ(d.environment.at("FLOWMESH_PLUGIN_DIR"), "/home/op/plugins");
  EXPECT_EQ(d.environment.at("SERVER_WORKER_CONFIG"), "/B/configs/worker_config.yaml");
  EXPECT_EQ(d.create_on_deploy,
            (std::vector<host_path>{
                {"SERVER_TLS_DIR", "/etc/flowmesh/tls", host_path::kind_type::directory},
                {"NETWORK_PLANE_OFFLOAD_TLS_DIR", "/B/secrets/tls/offload", host_path::kind_type::directory},
                {"REDIS_TLS_DIR", "/B/secrets/tls/redis", host_path::kind_type::directory},
                {"FLOWMESH_PLUGIN_DIR", "/home/op/plugins", host_path::kind_type::directory},
                {"FLOWMESH_PLUGIN_DATA_DIR", "/B/plugin-data", host_path::kind_type::directory},
                {"SERVER_WORKER_CONFIG", "/B/configs/worker_config.yaml", host_path::kind_type::file},
            }));
  const auto p = s.load(d, {"root"});
  const auto& server = p.services.at("server");
  ASSERT_NE(bind_at(server, "/app/plugins"), nullptr);
  EXPECT_EQ(bind_at(server, "/app/plugins")->source, "/home/op/plugins");
  EXPECT_TRUE(bind_at(server, "/app/plugins")->read_only);
  EXPECT_EQ(bind_at(p.services.at("redis_control"), "/etc/ssl/redis")->source, "/B/secrets/tls/redis");
}

// Behaviour 2: a bare name is the external volume of exactly that name.
TEST(EnvSchemaDerive, BareNameIsTheExternalVolumeOfThatName) {
  operator_stack s;
  s.set("FLOWMESH_PLUGIN_DATA_DIR", "my_external_vol");
  const auto d = s.derive();
  EXPECT_EQ(d.environment.at("FLOWMESH_PLUGIN_DATA_DIR"), "flowmesh_plugin_data");
  EXPECT_EQ(d.environment.at("FLOWMESH_PLUGIN_DATA_VOLUME"), "my_external_vol");
  for (const auto& h : d.create_on_deploy) EXPECT_NE(h.key, "FLOWMESH_PLUGIN_DATA_DIR");
  const auto p = s.load(d);
  const auto* m = volume_at(p.services.at("server"), "/app/plugin-data");
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->source, "flowmesh_plugin_data");
  const auto& v = p.volumes.at("flowmesh_plugin_data");
  EXPECT_TRUE(v.external);
  EXPECT_EQ(v.name, "my_external_vol");
}

TEST(EnvSchemaDerive, BareNameWorksWithTheNewestComposeFile) {
  operator_stack s(true);
  s.set("FLOWMESH_PLUGIN_DATA_DIR", "plugin-data");  // no "./": a volume name, as compose reads it
  const auto d = s.derive();
  const auto p = s.load(d);
  const auto* m = volume_at(p.services.at("server"), "/app/plugin-data");
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(p.volumes.at(m->source).name, "plugin-data");
  EXPECT_TRUE(p.volumes.at(m->source).external);
  // every `${VAR:?set by flowmesh stack}` source is satisfied by the derived environment
  EXPECT_EQ(bind_at(p.services.at("server"), "/etc/ssl/peer")->source, "/B/secrets/tls/peer");
  const auto telemetry = s.load(d, {"telemetry"});
  EXPECT_EQ(telemetry.services.at("otel_collector").user, "1000:1000");
}

TEST(EnvSchemaDerive, InvalidVolumeNameIsOneLineSuggestingAPath) {
  operator_stack s;
  s.set("FLOWMESH_PLUGIN_DATA_DIR", "data/dir");
  const auto line =
      1 + std::count(s.env_text.begin(), s.env_text.begin() + s.env_text.find("FLOWMESH_PLUGIN_DATA_DIR="), '\n');
  const std::string error = s.derive_error();
  EXPECT_EQ(error, (s.dir.dir() / ".env").string() + ":" + std::to_string(line) +
                       ": FLOWMESH_PLUGIN_DATA_DIR: \"data/dir\" is neither a host path nor a valid volume name; "
                       "write \"./data/dir\" for a directory relative to the current directory");
  EXPECT_EQ(error.find('\n'), std::string::npos);
}

// Behaviour 7 (the reference's bugs 5 and 6).
TEST(EnvSchemaDerive, StaleVolumeVariableDoesNotDisableDirectoryCreation) {
  operator_stack s;
  s.shell["FLOWMESH_PLUGIN_DATA_VOLUME"] = "stale_vol";
  auto d = s.derive();
  EXPECT_TRUE(creates(d, "/B/plugin-data", host_path::kind_type::directory));
  EXPECT_EQ(d.environment.count("FLOWMESH_PLUGIN_DATA_VOLUME"), 0u);
  // in .env too, and with the alias as the value: still a path decision by compose's rule
  s.env_text += "FLOWMESH_PLUGIN_DATA_VOLUME=stale_vol\n";
  s.set("FLOWMESH_PLUGIN_DATA_DIR", "./flowmesh_plugin_data");
  d = s.derive();
  EXPECT_TRUE(creates(d, "/B/flowmesh_plugin_data", host_path::kind_type::directory));
  EXPECT_EQ(bind_at(s.load(d).services.at("server"), "/app/plugin-data")->source, "/B/flowmesh_plugin_data");
}

TEST(EnvSchemaDerive, DotNamesArePathsNotVolumes) {
  for (const auto& [value, path] :
       std::vector<std::pair<std::string, std::string>>{{".hidden", "/B/.hidden"}, {".", "/B"}, {"..x", "/B/..x"}}) {
    SCOPED_TRACE(value);
    operator_stack s;
    s.set("FLOWMESH_PLUGIN_DATA_DIR", value);
    const auto d = s.derive();
    EXPECT_EQ(d.environment.at("FLOWMESH_PLUGIN_DATA_DIR"), path);
    EXPECT_EQ(d.environment.count("FLOWMESH_PLUGIN_DATA_VOLUME"), 0u);
    EXPECT_TRUE(creates(d, path, host_path::kind_type::directory));
    const auto p = s.load(d);  // kept alive: m points into it
    const auto* m = bind_at(p.services.at("server"), "/app/plugin-data");
    ASSERT_NE(m, nullptr);
    EXPECT_EQ(m->source, path);
  }
}

// Behaviour 8: .env over the shell for this schema; a malformed .env is one located error.
TEST(EnvSchemaDerive, DotenvOverridesTheShellForThisSchema) {
  operator_stack s;
  s.shell["SERVER_HTTP_PORT"] = "9999";  // .env says 8000
  s.shell["NODE_TAGS"] = "gpu";          // .env says "" (empty still wins)
  s.shell["EXTRA_FROM_SHELL"] = "kept";  // not in .env
  s.shell["FLOWMESH_PLUGIN_DATA_DIR"] = "shell_vol";
  const auto d = s.derive();
  EXPECT_EQ(d.environment.at("SERVER_HTTP_PORT"), "8000");
  EXPECT_EQ(d.environment.at("NODE_TAGS"), "");
  EXPECT_EQ(d.environment.at("EXTRA_FROM_SHELL"), "kept");
  EXPECT_EQ(d.environment.at("FLOWMESH_PLUGIN_DATA_DIR"), "/B/plugin-data");
  EXPECT_EQ(d.environment.at("PATH"), "/usr/bin");
  EXPECT_EQ(d.environment.at("STACK_ENV_FILE"), (s.dir.dir() / ".env").string());
  // compose's default rule: the shell wins
  s.schema.dotenv_overrides_shell = false;
  const auto c = s.derive();
  EXPECT_EQ(c.environment.at("SERVER_HTTP_PORT"), "9999");
  EXPECT_EQ(c.environment.at("FLOWMESH_PLUGIN_DATA_VOLUME"), "shell_vol");
}

TEST(EnvSchemaDerive, MalformedDotenvIsOneErrorNamingFileAndLine) {
  operator_stack s;
  s.env_text = "A=1\nB=\"unterminated\nC=3\n";
  const std::string error = s.derive_error();
  EXPECT_THAT(error, ::testing::StartsWith((s.dir.dir() / ".env").string() + ":2: "));
  EXPECT_THAT(error, HasSubstr("unterminated quoted value"));
  EXPECT_EQ(error.find('\n'), std::string::npos);
}

TEST(EnvSchemaDerive, WithoutDotenvTheSchemaDefaultsApply) {
  operator_stack s;
  const auto d = derive_environment(s.schema, read_dotenv_file(s.dir.dir() / ".env", s.shell), s.shell,
                                    {"/B", "/home/op", "", ""});
  EXPECT_EQ(d.environment.at("SERVER_HTTP_PORT"), "8000");
  EXPECT_EQ(d.environment.at("FLOWMESH_PLUGIN_DATA_DIR"), "/B/plugin-data");
  EXPECT_EQ(d.environment.at("COMPOSE_PROJECT_NAME"), "flowmesh_node");
  EXPECT_EQ(d.environment.count("STACK_ENV_FILE"), 0u);  // no .env to hand to the server
}

// The reference's bug 1: derivation is pure, so a second load cannot swap the volume name.
TEST(EnvSchemaDerive, DerivingTwiceIsIdentical) {
  operator_stack s;
  s.set("FLOWMESH_PLUGIN_DATA_DIR", "my_plugin_volume");
  const auto first = s.derive();
  const auto second = s.derive();
  EXPECT_EQ(first, second);
  EXPECT_EQ(second.environment.at("FLOWMESH_PLUGIN_DATA_VOLUME"), "my_plugin_volume");
  // even when a process exported the first result (as `down` then `up` in one process might)
  s.shell = {first.environment.begin(), first.environment.end()};
  const auto third = s.derive();
  EXPECT_EQ(third.environment.at("FLOWMESH_PLUGIN_DATA_VOLUME"), "my_plugin_volume");
  EXPECT_EQ(third.environment.at("FLOWMESH_PLUGIN_DATA_DIR"), "flowmesh_plugin_data");
  EXPECT_EQ(s.load(third).volumes.at("flowmesh_plugin_data").name, "my_plugin_volume");
}

TEST(EnvSchemaDerive, StackSlugProjectNameAndResultsDir) {
  const std::vector<std::pair<std::string, std::string>> cases{
      {"", "flowmesh_node"},
      {"alice.dev", "flowmesh_node_alice-dev"},
      {"Alice.Dev", "flowmesh_node_alice-dev"},
      {"'  Alice Dev!! '", "flowmesh_node_alice-dev"},
      {"--x--", "flowmesh_node_x"},
      {"a--b", "flowmesh_node_a-b"},
      {"_abc", "flowmesh_node_abc"},
      {std::string(60, 'a'), "flowmesh_node_" + std::string(48, 'a')}};
  for (const auto& [suffix, slug] : cases) {
    SCOPED_TRACE(suffix);
    operator_stack s;
    s.set("FLOWMESH_STACK_SUFFIX", suffix);
    const auto d = s.derive();
    EXPECT_EQ(d.environment.at("FLOWMESH_STACK_SLUG"), slug);
    EXPECT_EQ(d.environment.at("COMPOSE_PROJECT_NAME"), slug);
    EXPECT_EQ(d.environment.at("WORKER_RESULTS_DIR"), slug + "_results");
    EXPECT_EQ(d.environment.count("STACK_SUFFIX_SLUG"), 0u);  // not exported
    const auto p = s.load(d);
    EXPECT_EQ(p.name, slug);
    EXPECT_EQ(p.services.at("server").container_name, slug + "_server");
  }
}

TEST(EnvSchemaDerive, StackSuffixWithoutLettersOrDigitsIsAnError) {
  for (const std::string suffix : {"!!!", "\xc3\xa9"}) {
    operator_stack s;
    s.set("FLOWMESH_STACK_SUFFIX", suffix);
    EXPECT_THAT(s.derive_error(),
                HasSubstr(".env:17: FLOWMESH_STACK_SUFFIX must contain at least one ASCII letter or digit, got \"" +
                          suffix + "\""));
  }
}

TEST(EnvSchemaDerive, ResultsDirKeptWhenSetAndSlugAlwaysOverwritten) {
  operator_stack s;
  s.set("WORKER_RESULTS_DIR", "/srv/results");
  s.env_text += "FLOWMESH_STACK_SLUG=operator_value\n";
  const auto d = s.derive();
  EXPECT_EQ(d.environment.at("WORKER_RESULTS_DIR"), "/srv/results");
  EXPECT_EQ(d.environment.at("FLOWMESH_STACK_SLUG"), "flowmesh_node");
}

TEST(EnvSchemaDerive, UnknownUserHomeIsALocatedError) {
  operator_stack s;
  s.set("FLOWMESH_PLUGIN_DATA_DIR", "~root/x");
  EXPECT_THAT(s.derive_error(),
              HasSubstr("FLOWMESH_PLUGIN_DATA_DIR: cannot expand \"~root/x\": only ~ and ~/ are supported"));
}

TEST(EnvSchemaDerive, HostPathResolution) {
  EXPECT_EQ(resolve_host_path("./a/../b/", "/B", "/h"), "/B/b");
  EXPECT_EQ(resolve_host_path("/a//b/./c", "/B", "/h"), "/a/b/c");
  EXPECT_EQ(resolve_host_path("/", "/B", "/h"), "/");
  EXPECT_EQ(resolve_host_path("~/", "/B", "/h"), "/h");
  EXPECT_THROW(resolve_host_path("~bob", "/B", "/h"), std::invalid_argument);
}
