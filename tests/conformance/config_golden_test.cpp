// compose's own `docker compose config` renderings (fixtures/conformance/config, see its README):
// load the case's input the way its test or command does and compare the text.
#include <filesystem>
#include <fstream>
#include <sstream>

#include <unistd.h>

#include <algorithm>

#include <gtest/gtest.h>

#include "config_fixture.hpp"
#include "stackctl/model/config_renderer.hpp"
#include "stackctl/model/loader.hpp"

namespace fs = std::filesystem;
using namespace stackctl::model;

namespace {

using stackctl::conformance::config_dir;
using stackctl::conformance::slurp;
using stackctl::conformance::substitute;

// The e2e harness runs docker with only these variables.
std::map<std::string, std::string> e2e_env() {
  return {{"HOME", "/tmp/stackctl-e2e-home"},
          {"USER", "tester"},
          {"DOCKER_CONFIG", "/tmp/stackctl-e2e-docker"},
          {"KUBECONFIG", "invalid"},
          {"PATH", "/usr/bin:/bin"}};
}

}  // namespace

TEST(ConfigGolden, E2eConfig) {
  const fs::path input = config_dir / "docker-compose/e2e-config/input";
  load_options o;
  o.current_directory = input;
  o.files = {"./fixtures/simple-build-test/compose.yaml"};
  o.project_name = "compose-e2e-config";
  o.environment = e2e_env();
  const auto expected = substitute(slurp(config_dir / "docker-compose/e2e-config/expected.yaml"), "${WORKDIR}",
                                   input.lexically_normal().string());
  const auto out = render_yaml(load(o));
  EXPECT_NE(out.find(expected), std::string::npos) << out;
  EXPECT_EQ(out, expected);  // the expected text is the whole document
}

TEST(ConfigGolden, E2eConfigNoInterpolate) {
  const fs::path input = config_dir / "docker-compose/e2e-config-no-interpolate/input";
  load_options o;
  o.current_directory = input;
  o.files = {"./fixtures/simple-build-test/compose-interpolate.yaml"};
  o.project_name = "compose-e2e-config-interpolate";
  o.environment = e2e_env();
  o.interpolate = false;
  const auto expected = substitute(slurp(config_dir / "docker-compose/e2e-config-no-interpolate/expected.yaml"),
                                   "${WORKDIR}", input.lexically_normal().string());
  const auto out = render_yaml(load(o));
  EXPECT_NE(out.find(expected), std::string::npos) << out;
}

namespace {
// compose-go's TestFullExample settings: ResolvePaths on, normalisation and consistency off, every
// resource kept, and the env_file/label_file fields kept (the struct the test compares keeps them).
project full_example() {
  const fs::path input = config_dir / "compose-go/full-example/input";
  load_options o;
  o.current_directory = input;
  o.files = {"full-example.yml"};
  o.environment = {{"HOME", "/home/stackctl-tester"}, {"BAR", "this is a secret"}, {"QUX", "qux_from_environment"}};
  o.normalize = false;
  o.consistency = false;
  o.all_resources = true;
  o.keep_env_file_fields = true;
  return load(o);
}
std::string full_example_expected(const char* file) {
  const fs::path input = config_dir / "compose-go/full-example/input";
  return substitute(
      substitute(slurp(config_dir / "compose-go/full-example" / file), "${WORKDIR}", input.lexically_normal().string()),
      "${HOME}", "/home/stackctl-tester");
}
}  // namespace

TEST(ConfigGolden, FullExampleYaml) { EXPECT_EQ(render_yaml(full_example()), full_example_expected("expected.yaml")); }
TEST(ConfigGolden, FullExampleJson) { EXPECT_EQ(render_json(full_example()), full_example_expected("expected.json")); }

namespace {
project web_stack() {
  const fs::path input = config_dir / "compose-go/golden-web-stack-provisional/input";
  load_options o;
  o.current_directory = input;
  o.files = {"web-stack.yaml"};
  o.project_name = "golden";
  o.environment = {{"GOLDEN_TAG", "1.2.3"}, {"GOLDEN_PORT", "8080"}};
  o.profiles = {"*"};
  o.resolve_paths = false;
  o.consistency = false;
  return load(o);
}
}  // namespace

TEST(ConfigGolden, WebStackYaml) {
  EXPECT_EQ(render_yaml(web_stack()), slurp(config_dir / "compose-go/golden-web-stack-provisional/expected.yaml"));
}
TEST(ConfigGolden, WebStackJson) {
  EXPECT_EQ(render_json(web_stack()), slurp(config_dir / "compose-go/golden-web-stack-provisional/expected.json"));
}

// --- docker/compose e2e substring fragments (expected-fragments.json of each case) ---
namespace {
const fs::path local_config = config_dir / "docker-compose/e2e-local-compose-config/input";

load_options local_options(const char* file) {
  load_options o;
  o.current_directory = local_config;
  o.files = {file};
  o.project_name = "compose-e2e-config";
  o.environment = e2e_env();
  return o;
}
std::string fmt_dir_name() { return "stackctl-golden-" + std::to_string(::getpid()); }
bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}
}  // namespace

TEST(ConfigFragments, LocalComposeConfigYamlPortsLongForm) {
  const auto out = render_yaml(load(local_options("./fixtures/config/compose.yaml")));
  EXPECT_TRUE(contains(
      out,
      "\n    ports:\n      - mode: ingress\n        target: 80\n        published: \"8080\"\n        protocol: tcp"))
      << out;
}

TEST(ConfigFragments, LocalComposeConfigJson) {
  const auto out = render_json(load(local_options("./fixtures/config/compose.yaml")));
  EXPECT_TRUE(contains(out, "\"published\": \"8080\"")) << out;
}

TEST(ConfigFragments, LocalComposeConfigNoInterpolate) {
  auto o = local_options("./fixtures/config/compose.yaml");
  o.interpolate = false;
  const auto out = render_yaml(load(o));
  EXPECT_TRUE(contains(out, "- ${PORT:-8080}:80")) << out;
}

// The steps `--variables` (a table of the variables a file uses) and `--no-interpolate <service>`
// (a CLI warning) are CLI behaviour outside the library; the lead's CLI tests cover them.

TEST(ConfigFragments, NoConsistencyLists) {
  auto o = local_options("./fixtures/config/no-consistency.yaml");
  o.consistency = false;
  const auto p = load(o);
  EXPECT_EQ(service_names(p), std::vector<std::string>{"incomplete"});
  EXPECT_EQ(volume_names(p), std::vector<std::string>{"data"});
  EXPECT_EQ(network_names(p), std::vector<std::string>{"internal"});
  // `--models` prints "ai/example": models are passed through raw.
  EXPECT_TRUE(contains(render_yaml(p), "model: ai/example"));
  // `--hash '*'` prints "<service> <hash>" lines; ours is a sha256 of the canonical service.
  EXPECT_EQ(config_hash(p, "incomplete").size(), 64u);
}

TEST(ConfigFragments, NoConsistencyProfileEnablesGated) {
  auto o = local_options("./fixtures/config/no-consistency.yaml");
  o.consistency = false;
  o.profiles = {"extra"};
  const auto names = service_names(load(o));
  EXPECT_NE(std::find(names.begin(), names.end(), "gated"), names.end());
}

TEST(ConfigFragments, EnvInterpolationShellWinsOverDotEnv) {
  const fs::path input = config_dir / "docker-compose/e2e-env-interpolation/input";
  load_options o;
  o.current_directory = input;
  o.files = {"./fixtures/environment/env-interpolation/compose.yaml"};
  o.environment = e2e_env();
  o.environment["WHEREAMI"] = "shell";
  const auto out = render_yaml(load(o));
  EXPECT_TRUE(contains(out, "IMAGE: default_env:shell")) << out;
}

TEST(ConfigFragments, EnvInterpolationDefaultInDotEnv) {
  const fs::path input = config_dir / "docker-compose/e2e-env-interpolation/input";
  load_options o;
  o.current_directory = input;
  o.files = {"./fixtures/environment/env-interpolation-default-value/compose.yaml"};
  o.environment = e2e_env();
  const auto out = render_yaml(load(o));
  EXPECT_TRUE(contains(out, "IMAGE: default_env:EnvFileDefaultValue")) << out;
}

TEST(ConfigFragments, ComposeFileSetByDotEnv) {
  load_options o;
  o.current_directory = config_dir / "docker-compose/e2e-dotenv/input/fixtures/dotenv";
  o.environment = e2e_env();
  const auto out = render_yaml(load(o));
  EXPECT_TRUE(contains(out, "image: test:latest")) << out;
  EXPECT_TRUE(contains(out, "image: enabled:profile")) << out;
}

TEST(ConfigFragments, ComposeFileSetByProjectDirectory) {
  load_options o;
  o.current_directory = config_dir / "docker-compose/e2e-dotenv/input";
  o.project_directory = "fixtures/dotenv/development";
  o.environment = e2e_env();
  const auto out = render_yaml(load(o));
  EXPECT_TRUE(contains(out, "image: backend:latest")) << out;
}

TEST(ConfigFragments, ComposeFileSetByEnvFile) {
  // The test writes the env file outside the input tree.
  const fs::path dir = fs::temp_directory_path() / fmt_dir_name();
  fs::create_directories(dir);
  const fs::path env_file = dir / ".env12345";
  fs::copy_file(config_dir / "docker-compose/e2e-dotenv/input/test-written.env", env_file,
                fs::copy_options::overwrite_existing);
  load_options o;
  o.current_directory = config_dir / "docker-compose/e2e-dotenv/input";
  o.env_files = {env_file.string()};
  o.environment = e2e_env();
  const auto out = render_yaml(load(o));
  fs::remove_all(dir);
  EXPECT_TRUE(contains(out, "image: test:latest")) << out;
  EXPECT_TRUE(contains(out, "image: enabled:profile")) << out;
}
