// The shipped FlowMesh node stack (fixtures/flowmesh/compose.plugin-data.yml with its env schema)
// end to end against the real dockerd (label `engine`; issue #5, behaviours 3, 4, 5, 6 and 9).
// The images are local stand-ins with the names the compose file uses (scripts/build-test-images.sh):
// redis:7-alpine runs Debian's redis, the server serves /healthz and appends a line to
// /app/plugin-data/starts.log on every start, as a plugin keeping state would.
//
// Each test copies the compose file and the schema into <tmp>/stack, writes <tmp>/stack/.env with
// `stackctl env init` plus a unique FLOWMESH_STACK_SUFFIX (so a unique slug and project) and free
// ports, and runs stackctl from <tmp>/ops, the operator's working directory that path variables
// resolve against. TearDown runs `down -v` and force-removes whatever is left of the project.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <regex>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "engine_fixture.hpp"
#include "process.hpp"
#include "stackctl/engine/error.hpp"
#include "stackctl/engine/filters.hpp"

namespace stackctl::testing {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using ::testing::HasSubstr;

constexpr const char* kComposeFile = "compose.plugin-data.yml";
constexpr const char* kSchemaFile = "env.schema.plugin-data.yaml";
constexpr const char* kProjectLabel = "com.docker.compose.project";
// The schema's defaults for Redis ACL (REDIS_ACL_ENABLED=1): the tests keep them.
constexpr const char* kRedisUser = "admin";
constexpr const char* kRedisPassword = "very-strong-password";
// The services and the slug-scoped volumes of compose.plugin-data.yml (`name: <slug>_<suffix>`).
const std::vector<std::string> kServices = {"redis_control", "redis_telemetry", "server"};
const std::vector<std::string> kStackVolumes = {"redis_control_data", "redis_telemetry_data", "results", "metrics",
                                                "server_logs"};

// --- host helpers -------------------------------------------------------------------------------

std::string read_text(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::size_t line_count(const std::string& text) {
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

// Every path under root, relative, with a trailing '/' for directories.
std::set<std::string> tree(const fs::path& root) {
  std::set<std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    out.insert(fs::relative(e.path(), root).string() + (e.is_directory() ? "/" : ""));
  }
  return out;
}

// Polls a real condition until it holds or the deadline passes.
template <class Condition>
bool eventually(Condition condition, std::chrono::seconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!condition()) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(100ms);
  }
  return true;
}

class socket_fd {
 public:
  socket_fd() : fd_(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) {
    if (fd_ < 0) throw std::runtime_error("socket() failed");
  }
  ~socket_fd() { ::close(fd_); }
  socket_fd(const socket_fd&) = delete;
  socket_fd& operator=(const socket_fd&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

sockaddr_in ipv4(std::uint32_t address, int port) {
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<std::uint16_t>(port));
  a.sin_addr.s_addr = htonl(address);
  return a;
}

// n distinct ports that nothing listens on now: all bound to port 0 at once, so the kernel hands
// out different ones, then released for the stack to take.
std::vector<int> free_ports(std::size_t n) {
  std::vector<std::unique_ptr<socket_fd>> held;
  std::vector<int> ports;
  for (std::size_t i = 0; i < n; ++i) {
    auto& s = held.emplace_back(std::make_unique<socket_fd>());
    auto addr = ipv4(INADDR_ANY, 0);
    if (::bind(s->get(), reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0)
      throw std::runtime_error("bind failed");
    socklen_t len = sizeof addr;
    ::getsockname(s->get(), reinterpret_cast<sockaddr*>(&addr), &len);
    ports.push_back(ntohs(addr.sin_port));
  }
  return ports;
}

// Sends `request` to 127.0.0.1:port and returns everything the peer sends until it closes (empty
// when nothing listens). The request must make the peer close (HTTP/1.0, Redis QUIT).
std::string tcp_exchange(int port, const std::string& request) {
  socket_fd s;
  const timeval timeout{5, 0};
  ::setsockopt(s.get(), SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  ::setsockopt(s.get(), SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
  const auto addr = ipv4(INADDR_LOOPBACK, port);
  if (::connect(s.get(), reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0) return {};
  if (::send(s.get(), request.data(), request.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(request.size())) return {};
  std::string reply;
  char buffer[4096];
  for (ssize_t n; (n = ::recv(s.get(), buffer, sizeof buffer, 0)) > 0;)
    reply.append(buffer, static_cast<std::size_t>(n));
  return reply;
}

// The status of GET http://127.0.0.1:port<path>, 0 when nothing answers.
int http_get_status(int port, const std::string& path) {
  const auto reply = tcp_exchange(port, "GET " + path + " HTTP/1.0\r\nHost: localhost\r\n\r\n");
  std::smatch m;
  static const std::regex status_line(R"(^HTTP/1\.[01] (\d{3}) )");
  return std::regex_search(reply, m, status_line) ? std::stoi(m[1]) : 0;
}

// --- one FlowMesh node ----------------------------------------------------------------------------

// A copy of the shipped compose file and schema in <root>/stack with its .env, run from <root>/ops.
class flowmesh_node {
 public:
  // `slug_suffix` is what the schema's slug filter must make of `suffix`.
  flowmesh_node(fs::path root, std::string suffix, const std::string& slug_suffix)
      : root_(std::move(root)), suffix_(std::move(suffix)), slug_("flowmesh_node_" + slug_suffix) {
    const auto ports = free_ports(3);
    server_port_ = ports[0];
    redis_control_port_ = ports[1];
    redis_telemetry_port_ = ports[2];
  }

  // Copies the fixtures, writes .env with `env init` (the operator's way) and sets the test's values.
  void prepare(const std::map<std::string, std::string>& extra_values = {}) {
    fs::create_directories(stack_dir());
    fs::create_directories(ops_dir());
    const fs::path fixtures = fs::path(STACKCTL_FIXTURES_DIR) / "flowmesh";
    fs::copy_file(fixtures / kComposeFile, stack_dir() / kComposeFile);
    fs::copy_file(fixtures / kSchemaFile, stack_dir() / kSchemaFile);
    const auto init = run({"env", "init"});
    if (init.exit_code != 0) throw std::runtime_error("stackctl env init failed: " + init.err);

    std::map<std::string, std::string> values{
        {"FLOWMESH_STACK_SUFFIX", suffix_},
        {"SERVER_HTTP_PORT", std::to_string(server_port_)},
        {"REDIS_CONTROL_PORT", std::to_string(redis_control_port_)},
        {"REDIS_TELEMETRY_PORT", std::to_string(redis_telemetry_port_)},
        // No certificates in secrets/tls/redis: Redis without TLS (the schema's defaults enable it).
        {"REDIS_TLS_CA_FILE", ""},
        {"REDIS_TLS_CERT_FILE", ""},
        {"REDIS_TLS_KEY_FILE", ""},
    };
    for (const auto& [k, v] : extra_values) values[k] = v;
    set_env_values(values);
  }

  process_result run(const std::vector<std::string>& args) const { return run_from(ops_dir(), args); }
  process_result run_from(const fs::path& dir, const std::vector<std::string>& args) const {
    std::vector<std::string> argv{STACKCTL_BINARY, "-f", (stack_dir() / kComposeFile).string()};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_process(argv, dir.string());
  }
  // The server alone (without --profile root its depends_on on Redis is `required: false`).
  process_result up_server() const { return run({"up", "-d", "-t", "1"}); }
  process_result down(bool volumes) const {
    return volumes ? run({"--profile", "root", "down", "-v", "-t", "1"})
                   : run({"--profile", "root", "down", "-t", "1"});
  }

  fs::path root() const { return root_; }
  fs::path stack_dir() const { return root_ / "stack"; }
  fs::path ops_dir() const { return root_ / "ops"; }
  fs::path starts_log() const { return ops_dir() / "plugin-data" / "starts.log"; }
  const std::string& slug() const { return slug_; }
  const std::string& project() const { return slug_; }  // the schema derives COMPOSE_PROJECT_NAME = slug
  std::string container(const std::string& service) const { return slug_ + "_" + service; }
  std::string volume(const std::string& key_suffix) const { return slug_ + "_" + key_suffix; }
  int server_port() const { return server_port_; }
  int redis_control_port() const { return redis_control_port_; }
  int redis_telemetry_port() const { return redis_telemetry_port_; }

 private:
  // Replaces the `KEY=...` line of each key in .env; every key must be there (the schema's render).
  void set_env_values(const std::map<std::string, std::string>& values) const {
    std::istringstream in(read_text(stack_dir() / ".env"));
    std::string out, line;
    std::set<std::string> seen;
    while (std::getline(in, line)) {
      const auto eq = line.find('=');
      if (line.rfind('#', 0) != 0 && eq != std::string::npos) {
        if (auto it = values.find(line.substr(0, eq)); it != values.end()) {
          line = it->first + "=" + it->second;
          seen.insert(it->first);
        }
      }
      out += line + "\n";
    }
    for (const auto& [k, v] : values) {
      if (!seen.count(k)) throw std::runtime_error(k + " is not in the .env that env init wrote");
    }
    std::ofstream(stack_dir() / ".env", std::ios::trunc) << out;
  }

  fs::path root_;
  std::string suffix_;
  std::string slug_;
  int server_port_ = 0;
  int redis_control_port_ = 0;
  int redis_telemetry_port_ = 0;
};

class FlowMeshStack : public engine_test {
 protected:
  void SetUp() override {
    engine_test::SetUp();
    if (HasFatalFailure()) return;
    for (const auto image : {kRedisStandInImage, kFlowMeshServerStandInImage}) {
      try {
        docker.images().inspect(image);
      } catch (const std::exception& e) {
        FAIL() << "stand-in image " << image << " missing (" << e.what() << ") — run scripts/build-test-images.sh";
      }
    }
  }

  void TearDown() override {
    for (const auto& node : nodes_) remove_everything_of(*node);
  }

  // A node whose suffix is unique to this run (lower case already, so its slug is itself).
  flowmesh_node& add_node(const std::map<std::string, std::string>& extra_values = {}) {
    const auto suffix = unique_name("fm");
    return add_node(suffix, suffix, extra_values);
  }
  flowmesh_node& add_node(const std::string& suffix, const std::string& slug_suffix,
                          const std::map<std::string, std::string>& extra_values = {}) {
    auto& node = *nodes_.emplace_back(
        std::make_unique<flowmesh_node>(dir_.path() / ("node" + std::to_string(nodes_.size())), suffix, slug_suffix));
    node.prepare(extra_values);
    return node;
  }

  // The external plugin-data volume an operator creates with `docker volume create`.
  std::string create_external_volume() {
    const auto name = unique_name("fm-plugin-data");
    docker.volumes().create({.name = name});
    guard.volume(name);
    return name;
  }

  std::set<std::string> project_containers(const std::string& project) {
    engine::container_list_options lo;
    lo.all = true;
    lo.filters = engine::filters::label(kProjectLabel, project);
    std::set<std::string> names;
    for (const auto& c : docker.containers().list(lo)) names.insert(c.name());
    return names;
  }
  std::set<std::string> project_networks(const std::string& project) {
    std::set<std::string> names;
    for (const auto& n : docker.networks().list(engine::filters::label(kProjectLabel, project))) names.insert(n.name);
    return names;
  }
  std::set<std::string> project_volumes(const std::string& project) {
    std::set<std::string> names;
    for (const auto& v : docker.volumes().list(engine::filters::label(kProjectLabel, project)).volumes)
      names.insert(v.name);
    return names;
  }
  bool volume_exists(const std::string& name) {
    try {
      docker.volumes().inspect(name);
      return true;
    } catch (const engine::engine_error& e) {
      if (e.kind() == engine::error_kind::not_found) return false;
      throw;
    }
  }
  const engine::mount_point* mount_at(const engine::container_inspect& c, const std::string& destination) {
    for (const auto& m : c.mounts)
      if (m.destination == destination) return &m;
    return nullptr;
  }

  // A file of a volume, read by a throwaway busybox container.
  std::string read_from_volume(const std::string& volume, const std::string& path) {
    engine::container_create_request reader;
    reader.config.image = std::string(kBusyboxImage);
    reader.config.cmd = std::vector<std::string>{"cat", "/volume/" + path};
    reader.host.mounts = {
        engine::mount{.type = engine::mount_type::volume, .source = volume, .target = "/volume", .read_only = true}};
    const auto id = guard.container(docker.containers().create(reader, unique_name("fm-reader")).id);
    docker.containers().start(id);
    const auto exit = docker.containers().wait(id);
    std::string out, err;
    docker.containers().logs(
        id, {},
        {.on_stdout = [&](std::string_view s) { out += s; }, .on_stderr = [&](std::string_view s) { err += s; }});
    docker.containers().remove(id, {.force = true});
    if (exit.status_code != 0) throw std::runtime_error("reading " + path + " from volume " + volume + ": " + err);
    return out;
  }

  // `down -v`, then whatever is still labelled with the project or named like its resources.
  void remove_everything_of(const flowmesh_node& node) {
    node.down(true);
    try {
      for (const auto& name : project_containers(node.project())) guard.container(name);
      for (const auto& name : project_networks(node.project())) guard.network(name);
      for (const auto& name : project_volumes(node.project())) guard.volume(name);
    } catch (const std::exception& e) {
      ADD_FAILURE() << "listing what is left of " << node.project() << ": " << e.what();
    }
    // By name too, in case stackctl labelled something differently than it should have.
    for (const auto& service : kServices) guard.container(node.container(service));
    guard.network(node.slug() + "_network");
    for (const auto& v : kStackVolumes) guard.volume(node.volume(v));
  }

  temp_dir dir_;
  std::vector<std::unique_ptr<flowmesh_node>> nodes_;
};

// --- behaviour 9: the root profile comes up healthy -----------------------------------------------

TEST_F(FlowMeshStack, RootProfileComesUpHealthyWithTheServerOnTheHostNetwork) {
  auto& node = add_node();
  // The server's healthcheck runs first 30 s after it starts: this `up` takes about 40 s.
  const auto up = node.run({"--profile", "root", "up", "-d", "--wait", "--wait-timeout", "120"});
  ASSERT_EQ(up.exit_code, 0) << up.out << up.err;

  for (const auto& service : kServices) {
    const auto c = docker.containers().inspect(node.container(service));
    EXPECT_TRUE(c.state.running) << service;
    ASSERT_TRUE(c.state.health.has_value()) << service << " has no healthcheck";
    EXPECT_EQ(c.state.health->status, "healthy") << service;
    EXPECT_EQ(c.config.labels.at(kProjectLabel), node.project()) << service;
  }
  EXPECT_EQ(docker.containers().inspect(node.container("server")).host_config.network_mode, "host");
  // The server waited for both Redis services to be healthy before it started.
  const auto server_started = up.err.find("Container " + node.container("server") + "  Started");
  ASSERT_NE(server_started, std::string::npos) << up.err;
  for (const std::string service : {"redis_control", "redis_telemetry"}) {
    const auto healthy = up.err.find("Container " + node.container(service) + "  Healthy");
    ASSERT_NE(healthy, std::string::npos) << up.err;
    EXPECT_LT(healthy, server_started) << up.err;
  }

  // From this process: the server on the host network, each Redis through its published port.
  EXPECT_EQ(http_get_status(node.server_port(), "/healthz"), 200);
  const std::string redis_request = fmt::format("AUTH {} {}\r\nPING\r\nQUIT\r\n", kRedisUser, kRedisPassword);
  EXPECT_EQ(tcp_exchange(node.redis_control_port(), redis_request), "+OK\r\n+PONG\r\n+OK\r\n");
  EXPECT_EQ(tcp_exchange(node.redis_telemetry_port(), redis_request), "+OK\r\n+PONG\r\n+OK\r\n");

  // `down -v` (FlowMesh's clean) leaves nothing of the project but the operator's directory.
  const auto down = node.down(true);
  EXPECT_EQ(down.exit_code, 0) << down.err;
  EXPECT_THAT(project_containers(node.project()), ::testing::IsEmpty());
  EXPECT_THAT(project_networks(node.project()), ::testing::IsEmpty());
  EXPECT_THAT(project_volumes(node.project()), ::testing::IsEmpty());
  EXPECT_TRUE(fs::is_directory(node.ops_dir() / "plugin-data"));
}

// --- behaviour 3: `up` in path mode creates the schema's host paths --------------------------------

TEST_F(FlowMeshStack, PathModeUpCreatesThePluginTlsAndConfigPathsInTheInvocationDirectory) {
  auto& node = add_node();
  ASSERT_THAT(tree(node.ops_dir()), ::testing::IsEmpty());
  const auto up = node.up_server();
  ASSERT_EQ(up.exit_code, 0) << up.err;

  const auto ops = node.ops_dir();
  for (const char* dir : {"plugin-data", "plugins", "secrets/tls/redis", "secrets/tls/server", "secrets/tls/offload"}) {
    EXPECT_TRUE(fs::is_directory(ops / dir)) << dir;
  }
  ASSERT_TRUE(fs::is_regular_file(ops / "configs" / "worker_config.yaml"));
  EXPECT_EQ(fs::file_size(ops / "configs" / "worker_config.yaml"), 0u);
  // Relative to where stackctl ran, not to the compose file's directory.
  EXPECT_EQ(tree(node.stack_dir()), (std::set<std::string>{kComposeFile, kSchemaFile, ".env"}));

  // The server mounts exactly those paths.
  const auto server = docker.containers().inspect(node.container("server"));
  const std::map<std::string, fs::path> binds{{"/app/plugin-data", ops / "plugin-data"},
                                              {"/app/plugins", ops / "plugins"},
                                              {"/etc/ssl/redis", ops / "secrets/tls/redis"},
                                              {"/etc/ssl/server", ops / "secrets/tls/server"},
                                              {"/etc/ssl/offload", ops / "secrets/tls/offload"},
                                              {"/etc/flowmesh/worker_config.yaml", ops / "configs/worker_config.yaml"}};
  for (const auto& [destination, source] : binds) {
    const auto* m = mount_at(server, destination);
    ASSERT_NE(m, nullptr) << destination;
    EXPECT_EQ(m->type, "bind") << destination;
    EXPECT_EQ(m->source, source.string()) << destination;
  }
  EXPECT_TRUE(mount_at(server, "/app/plugin-data")->rw);
  EXPECT_FALSE(mount_at(server, "/app/plugins")->rw);
}

TEST_F(FlowMeshStack, PathModeUpLeavesAnExistingWorkerConfigUntouched) {
  auto& node = add_node();
  const auto config = node.ops_dir() / "configs" / "worker_config.yaml";
  fs::create_directories(config.parent_path());
  std::ofstream(config) << "workers:\n  - name: gpu-a\n";
  const auto up = node.up_server();
  ASSERT_EQ(up.exit_code, 0) << up.err;
  EXPECT_EQ(read_text(config), "workers:\n  - name: gpu-a\n");
  EXPECT_TRUE(fs::is_directory(node.ops_dir() / "plugin-data"));  // the rest is still created
}

TEST_F(FlowMeshStack, VolumeModeWithAMissingVolumeStopsUpBeforeAnythingExists) {
  const auto missing = unique_name("fm-missing");
  auto& node = add_node({{"FLOWMESH_PLUGIN_DATA_DIR", missing}});
  const auto before = tree(node.root());
  const auto up = node.run({"--profile", "root", "up", "-d", "-t", "1"});
  EXPECT_EQ(up.exit_code, 1) << up.err;
  EXPECT_THAT(up.err, HasSubstr("docker volume create " + missing));
  EXPECT_EQ(tree(node.root()), before);  // no plugins, TLS, config or plugin-data path
  EXPECT_FALSE(volume_exists(missing));
  EXPECT_THAT(project_containers(node.project()), ::testing::IsEmpty());
  EXPECT_THAT(project_networks(node.project()), ::testing::IsEmpty());
  EXPECT_THAT(project_volumes(node.project()), ::testing::IsEmpty());
}

// --- behaviour 4: no other command creates anything on the host -----------------------------------

TEST_F(FlowMeshStack, PsLogsConfigDownDoctorCreateNothingOnTheHost) {
  auto& node = add_node();
  const auto up = node.up_server();
  ASSERT_EQ(up.exit_code, 0) << up.err;
  ASSERT_TRUE(eventually([&] { return line_count(read_text(node.starts_log())) == 1; }, 30s))
      << "the server never wrote " << node.starts_log();

  // From a directory where none of the stack's paths exist yet: each would be created there.
  const auto fresh = node.root() / "elsewhere";
  fs::create_directories(fresh);
  const auto before = tree(node.root());
  const std::vector<std::vector<std::string>> commands{{"ps"},
                                                       {"logs"},
                                                       {"config"},
                                                       {"doctor"},
                                                       {"--profile", "root", "down", "-t", "1"},
                                                       {"--profile", "root", "down", "-v", "-t", "1"},
                                                       {"doctor"}};
  for (const auto& args : commands) {
    const auto r = node.run_from(fresh, args);
    const auto what = fmt::format("stackctl {}", fmt::join(args, " "));
    EXPECT_EQ(r.exit_code, 0) << what << "\n" << r.out << r.err;
    EXPECT_EQ(tree(node.root()), before) << what << " changed the host";
    if (args == std::vector<std::string>{"ps"}) {
      EXPECT_THAT(r.out, HasSubstr(node.container("server"))) << what;
    }
    if (args == std::vector<std::string>{"logs"}) {
      EXPECT_THAT(r.out, HasSubstr("serving /healthz on port")) << what;
    }
    if (args == std::vector<std::string>{"config"}) {
      // The path variables resolve against the directory stackctl runs in, yet config makes none.
      EXPECT_THAT(r.out, HasSubstr((fresh / "plugin-data").string())) << what;
    }
  }
  EXPECT_THAT(project_containers(node.project()), ::testing::IsEmpty());
  EXPECT_THAT(project_volumes(node.project()), ::testing::IsEmpty());
}

// --- behaviour 5: plugin data survives down, down -v and the next up, in both modes ---------------

TEST_F(FlowMeshStack, PluginDataInAHostDirectorySurvivesDownDownVAndTheNextUp) {
  auto& node = add_node();
  const auto log = node.starts_log();
  auto lines = [&] { return line_count(read_text(log)); };

  auto up = node.up_server();
  ASSERT_EQ(up.exit_code, 0) << up.err;
  ASSERT_TRUE(eventually([&] { return lines() == 1; }, 30s)) << read_text(log);
  ASSERT_TRUE(volume_exists(node.volume("metrics")));

  auto down = node.down(false);
  ASSERT_EQ(down.exit_code, 0) << down.err;
  EXPECT_EQ(lines(), 1u);

  up = node.up_server();
  ASSERT_EQ(up.exit_code, 0) << up.err;
  ASSERT_TRUE(eventually([&] { return lines() == 2; }, 30s)) << read_text(log);

  down = node.down(true);
  ASSERT_EQ(down.exit_code, 0) << down.err;
  EXPECT_TRUE(fs::is_directory(log.parent_path()));
  EXPECT_EQ(lines(), 2u);
  // The stack's own volumes are gone.
  for (const auto& v : kStackVolumes) EXPECT_FALSE(volume_exists(node.volume(v))) << v;
  EXPECT_THAT(project_volumes(node.project()), ::testing::IsEmpty());
}

TEST_F(FlowMeshStack, PluginDataInAnExternalVolumeSurvivesDownDownVAndTheNextUp) {
  const auto volume = create_external_volume();
  auto& node = add_node({{"FLOWMESH_PLUGIN_DATA_DIR", volume}});
  // The stand-in writes starts.log before it serves, so /healthz answering means the line is there.
  auto serving = [&] { return http_get_status(node.server_port(), "/healthz") == 200; };

  auto up = node.up_server();
  ASSERT_EQ(up.exit_code, 0) << up.err;
  const auto server = docker.containers().inspect(node.container("server"));
  const auto* plugin_data = mount_at(server, "/app/plugin-data");
  ASSERT_NE(plugin_data, nullptr);
  EXPECT_EQ(plugin_data->type, "volume");
  EXPECT_EQ(plugin_data->name, volume);
  EXPECT_FALSE(fs::exists(node.ops_dir() / "plugin-data"));  // volume mode makes no directory
  EXPECT_FALSE(volume_exists(node.volume("plugin_data")));   // nor a volume of the stack's own
  ASSERT_TRUE(eventually(serving, 30s));

  auto down = node.down(false);
  ASSERT_EQ(down.exit_code, 0) << down.err;
  up = node.up_server();
  ASSERT_EQ(up.exit_code, 0) << up.err;
  ASSERT_TRUE(eventually(serving, 30s));

  down = node.down(true);
  ASSERT_EQ(down.exit_code, 0) << down.err;
  ASSERT_TRUE(volume_exists(volume)) << "down -v removed the operator's external volume";
  const auto log = read_from_volume(volume, "starts.log");
  EXPECT_EQ(line_count(log), 2u) << log;
  EXPECT_THAT(log, HasSubstr("port=" + std::to_string(node.server_port())));
  for (const auto& v : kStackVolumes) EXPECT_FALSE(volume_exists(node.volume(v))) << v;
  EXPECT_THAT(project_volumes(node.project()), ::testing::IsEmpty());
  EXPECT_FALSE(fs::exists(node.ops_dir() / "plugin-data"));
}

// --- behaviour 6: two suffixes, two stacks side by side --------------------------------------------

TEST_F(FlowMeshStack, TwoSuffixesRunSideBySideAndShareNoName) {
  // `Alice.Dev` as an operator would type it, made unique; the slug filter lower-cases it and turns
  // the dots into '-'. (The unique tail is lower case already.)
  const auto tail = unique_name("fm").substr(std::string("stackctl-test-").size());
  auto& alice = add_node("Alice.Dev." + tail, "alice-dev-" + tail);
  auto& other = add_node();

  // The derived project name is what `config` shows, and a valid compose project name.
  const auto config = alice.run({"config"});
  ASSERT_EQ(config.exit_code, 0) << config.err;
  EXPECT_EQ(config.out.substr(0, config.out.find('\n')), "name: " + alice.project());
  EXPECT_TRUE(std::regex_match(alice.project(), std::regex("[a-z0-9][a-z0-9_-]*"))) << alice.project();

  // Both with Redis, so each has a network and volumes of its own (the server is on the host network).
  for (auto* node : {&alice, &other}) {
    const auto up = node->run({"--profile", "root", "up", "-d"});
    ASSERT_EQ(up.exit_code, 0) << node->project() << ": " << up.err;
  }
  for (auto* node : {&alice, &other}) {
    for (const auto& service : kServices) {
      const auto c = docker.containers().inspect(node->container(service));
      EXPECT_TRUE(c.state.running) << c.name;
      EXPECT_EQ(c.config.labels.at(kProjectLabel), node->project()) << c.name;
    }
    EXPECT_TRUE(eventually([&] { return http_get_status(node->server_port(), "/healthz") == 200; }, 30s))
        << node->project();
  }

  const std::set<std::string> alice_containers = project_containers(alice.project());
  const std::set<std::string> other_containers = project_containers(other.project());
  const std::set<std::string> alice_networks = project_networks(alice.project());
  const std::set<std::string> other_networks = project_networks(other.project());
  const std::set<std::string> alice_volumes = project_volumes(alice.project());
  const std::set<std::string> other_volumes = project_volumes(other.project());
  EXPECT_EQ(alice_containers.size(), kServices.size());
  EXPECT_EQ(other_containers.size(), kServices.size());
  EXPECT_EQ(alice_networks, std::set<std::string>{alice.slug() + "_network"});
  EXPECT_EQ(other_networks, std::set<std::string>{other.slug() + "_network"});
  EXPECT_EQ(alice_volumes.size(), kStackVolumes.size());
  EXPECT_EQ(other_volumes.size(), kStackVolumes.size());
  auto disjoint = [](const std::set<std::string>& a, const std::set<std::string>& b) {
    return std::none_of(a.begin(), a.end(), [&](const std::string& x) { return b.count(x) > 0; });
  };
  EXPECT_TRUE(disjoint(alice_containers, other_containers));
  EXPECT_TRUE(disjoint(alice_networks, other_networks));
  EXPECT_TRUE(disjoint(alice_volumes, other_volumes));

  // Taking one down leaves the other running.
  const auto down = alice.down(true);
  ASSERT_EQ(down.exit_code, 0) << down.err;
  EXPECT_THAT(project_containers(alice.project()), ::testing::IsEmpty());
  EXPECT_TRUE(docker.containers().inspect(other.container("server")).state.running);
  EXPECT_EQ(project_volumes(other.project()), other_volumes);
}

}  // namespace
}  // namespace stackctl::testing
