// `stackctl up` with an env schema against the real dockerd (label `engine`): in path mode it
// creates the schema's create_on_deploy paths (relative to the invocation directory) and the
// container writes through the bind; in volume mode a missing external volume stops it before
// anything exists on the host. The fixture removes everything the project made, even on failure.
#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "engine_fixture.hpp"
#include "process.hpp"
#include "stackctl/engine/filters.hpp"

namespace stackctl::testing {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

constexpr const char* kCompose = R"(services:
  app:
    image: stackctl-test/busybox:latest
    command: ["sh", "-c", "echo written > /app/plugin-data/marker; trap 'exit 0' TERM; sleep 3600 & wait"]
    volumes:
      - ${PLUGIN_DIR}:/app/plugins:ro
      - ${PLUGIN_DATA_DIR}:/app/plugin-data
      - ${WORKER_CONFIG}:/etc/worker_config.yaml:ro
volumes:
  plugin_data:
    external: true
    name: ${PLUGIN_DATA_VOLUME:-unused}
)";

constexpr const char* kSchema = R"(sections:
  - title: Plugins
    variables:
      - key: PLUGIN_DIR
        default: ./plugins
        type: dir_path
        use_default: true
        resolve: true
        create_on_deploy: true
      - key: PLUGIN_DATA_DIR
        default: ./plugin-data
        type: mount_source
        use_default: true
        create_on_deploy: true
        volume: {source: plugin_data, name_variable: PLUGIN_DATA_VOLUME}
      - key: WORKER_CONFIG
        default: ./configs/worker_config.yaml
        type: file_path
        use_default: true
        resolve: true
        create_on_deploy: true
)";

std::string read_file(const fs::path& p) {
  std::ifstream in(p);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::set<std::string> tree(const fs::path& root) {
  std::set<std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(root)) out.insert(fs::relative(e.path(), root).string());
  return out;
}

class EnvSchemaUp : public engine_test {
 protected:
  EnvSchemaUp() : project_(unique_name("env")) {
    fs::create_directories(project_dir());
    fs::create_directories(invocation_dir());
    std::ofstream(project_dir() / "compose.yaml") << kCompose;
    std::ofstream(project_dir() / "env.schema.yaml") << kSchema;
  }
  void TearDown() override {
    run({"down", "-v", "-t", "0"});
    const auto label = engine::filters::label("com.docker.compose.project", project_);
    try {
      engine::container_list_options lo;
      lo.all = true;
      lo.filters = label;
      for (const auto& c : docker.containers().list(lo)) guard.container(c.id);
      for (const auto& n : docker.networks().list(label)) guard.network(n.id);
    } catch (const std::exception& e) {
      ADD_FAILURE() << "listing what is left of " << project_ << ": " << e.what();
    }
  }
  fs::path project_dir() const { return dir_.path() / "stack"; }
  fs::path invocation_dir() const { return dir_.path() / "ops"; }

  // `stackctl -f <project>/compose.yaml -p <name> <args>`, run from the invocation directory.
  process_result run(const std::vector<std::string>& args, const std::vector<std::string>& env = {}) {
    std::vector<std::string> argv{STACKCTL_BINARY, "-f", (project_dir() / "compose.yaml").string(), "-p", project_};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_process(argv, invocation_dir().string(), env);
  }
  process_result up(const std::vector<std::string>& env = {}) {
    return run({"up", "-d", "--wait", "--wait-timeout", "60", "--pull", "never", "-t", "1"}, env);
  }

  std::string project_;
  temp_dir dir_;
};

TEST_F(EnvSchemaUp, PathModeCreatesTheDirectoriesAndAnEmptyFile) {
  // An existing worker config is never truncated: only a missing one is created empty.
  const auto r = up();
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(fs::is_directory(invocation_dir() / "plugins"));
  EXPECT_TRUE(fs::is_directory(invocation_dir() / "plugin-data"));
  ASSERT_TRUE(fs::is_regular_file(invocation_dir() / "configs" / "worker_config.yaml"));
  EXPECT_EQ(fs::file_size(invocation_dir() / "configs" / "worker_config.yaml"), 0u);
  EXPECT_FALSE(fs::exists(project_dir() / "plugins"));  // relative to where stackctl ran, not the project

  // What the container writes into /app/plugin-data lands in the host directory (polled: the
  // container writes it as it starts, which --wait does not order).
  const auto marker = invocation_dir() / "plugin-data" / "marker";
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (!fs::exists(marker) && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_EQ(read_file(marker), "written\n");

  // A second up keeps an existing file's content.
  std::ofstream(invocation_dir() / "configs" / "worker_config.yaml") << "keep: me\n";
  const auto again = up();
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(read_file(invocation_dir() / "configs" / "worker_config.yaml"), "keep: me\n");
}

TEST_F(EnvSchemaUp, VolumeModeWithAMissingVolumeCreatesNothing) {
  const std::string volume = unique_name("missing-vol");
  const auto before = tree(dir_.path());
  const auto r = up({"PLUGIN_DATA_DIR=" + volume});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_THAT(r.err, HasSubstr("docker volume create " + volume));
  EXPECT_EQ(tree(dir_.path()), before);  // no plugins dir, no config file, no plugin-data dir
}

TEST_F(EnvSchemaUp, VolumeModeMountsTheExternalVolumeAndMakesNoPluginDataDir) {
  const std::string volume = unique_name("plugin-vol");
  docker.volumes().create({.name = volume});
  guard.volume(volume);
  const auto r = up({"PLUGIN_DATA_DIR=" + volume});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_FALSE(fs::exists(invocation_dir() / "plugin-data"));
  EXPECT_TRUE(fs::is_directory(invocation_dir() / "plugins"));
  // down -v never removes the operator's external volume.
  const auto down = run({"down", "-v", "-t", "0"});
  EXPECT_EQ(down.exit_code, 0) << down.err;
  EXPECT_NO_THROW(docker.volumes().inspect(volume));
}

}  // namespace
}  // namespace stackctl::testing
