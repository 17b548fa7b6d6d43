// The engine client against the real daemon: what a user of the library relies on.
#include <fstream>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "engine_fixture.hpp"
#include "stackctl/engine/error.hpp"

namespace stackctl::testing {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;

engine::container_create_request busybox(std::vector<std::string> cmd) {
  engine::container_create_request request;
  request.config.image = std::string(kBusyboxImage);
  request.config.cmd = std::move(cmd);
  return request;
}

// A one-file tar archive (ustar), enough for the daemon to import as an image's rootfs.
std::string one_file_tar(const std::string& name, const std::string& content) {
  std::string header(512, '\0');
  auto put = [&](std::size_t offset, const std::string& text) { header.replace(offset, text.size(), text); };
  put(0, name);
  put(100, "0000644");
  put(108, "0000000");
  put(116, "0000000");
  put(124, fmt::format("{:011o}", content.size()));
  put(136, "00000000000");
  put(156, "0");
  put(257, std::string("ustar\0", 6));
  put(263, "00");
  header.replace(148, 8, std::string(8, ' '));
  unsigned checksum = 0;
  for (unsigned char c : header) checksum += c;
  put(148, fmt::format("{:06o}", checksum) + std::string("\0 ", 2));
  std::string body = content + std::string((512 - content.size() % 512) % 512, '\0');
  return header + body + std::string(1024, '\0');
}

class engine_client_test : public engine_test {};

TEST_F(engine_client_test, NegotiatesTheLowerOfOursAndTheDaemonsVersion) {
  const auto ping = docker.system().ping();
  const auto version = docker.system().version();
  EXPECT_EQ(ping.api_version, engine::api_version::parse(version.api_version));
  EXPECT_FALSE(version.version.empty());
  const auto daemon = engine::api_version::parse(version.api_version);
  EXPECT_EQ(docker.negotiated_version(), std::min(daemon, engine::kMaxApiVersion));
}

TEST_F(engine_client_test, ImportsATarballAsAnImage) {
  const std::string repo = unique_name("import");
  temp_dir dir;
  const auto tar_path = dir.path() / "rootfs.tar";
  std::ofstream(tar_path, std::ios::binary) << one_file_tar("hello.txt", "hello from stackctl\n");

  const auto id = docker.images().import_tar(
      tar_path, engine::import_options{.repo = repo, .tag = "v1", .changes = {"LABEL made-by=stackctl"}});
  guard.image(repo + ":v1");

  const auto image = docker.images().inspect(repo + ":v1");
  EXPECT_EQ(image.id, id);
  EXPECT_THAT(image.repo_tags, Contains(repo + ":v1"));
  EXPECT_EQ(image.config.labels.at("made-by"), "stackctl");
}

TEST_F(engine_client_test, ContainerWithABindAndAVolumeRunsAndShowsBothMounts) {
  temp_dir host;
  std::ofstream(host.path() / "in.txt") << "from the host\n";
  const auto volume_name = guard.volume(docker.volumes().create({.name = unique_name("vol")}).name);

  auto request = busybox({"sh", "-c", "cat /host/in.txt; echo to-stderr >&2; echo kept > /data/out.txt"});
  request.host.binds = {host.path().string() + ":/host:ro"};
  request.host.mounts = {engine::mount{.type = engine::mount_type::volume, .source = volume_name, .target = "/data"}};
  const auto id = guard.container(docker.containers().create(request, unique_name("mounts")).id);

  docker.containers().start(id);
  const auto exit = docker.containers().wait(id, engine::wait_condition::not_running);
  EXPECT_EQ(exit.status_code, 0);

  std::string out, err;
  docker.containers().logs(
      id, {}, {.on_stdout = [&](std::string_view s) { out += s; }, .on_stderr = [&](std::string_view s) { err += s; }});
  EXPECT_EQ(out, "from the host\n");
  EXPECT_EQ(err, "to-stderr\n");

  const auto inspect = docker.containers().inspect(id);
  ASSERT_EQ(inspect.mounts.size(), 2u);
  for (const auto& m : inspect.mounts) {
    if (m.destination == "/host") {
      EXPECT_EQ(m.type, "bind");
      EXPECT_EQ(m.source, host.path().string());
      EXPECT_FALSE(m.rw);
    } else {
      EXPECT_EQ(m.destination, "/data");
      EXPECT_EQ(m.type, "volume");
      EXPECT_EQ(m.name, volume_name);
      EXPECT_TRUE(m.rw);
    }
  }
  // The volume outlives the container: what the container wrote is still there.
  docker.containers().remove(id);
  auto reader = busybox({"cat", "/data/out.txt"});
  reader.host.mounts = {engine::mount{.type = engine::mount_type::volume, .source = volume_name, .target = "/data"}};
  const auto reader_id = guard.container(docker.containers().create(reader).id);
  docker.containers().start(reader_id);
  docker.containers().wait(reader_id);
  std::string kept;
  docker.containers().logs(reader_id, {}, {.on_stdout = [&](std::string_view s) { kept += s; }, .on_stderr = {}});
  EXPECT_EQ(kept, "kept\n");
}

TEST_F(engine_client_test, StopIsIdempotentAndRemoveOfARunningContainerNeedsForce) {
  const auto id = guard.container(docker.containers().create(busybox({"sleep", "300"}), unique_name("stop")).id);
  docker.containers().start(id);
  docker.containers().start(id);  // already running: 304, success
  EXPECT_TRUE(docker.containers().inspect(id).state.running);

  try {
    docker.containers().remove(id);
    ADD_FAILURE() << "removing a running container without force succeeded";
  } catch (const engine::engine_error& e) {
    EXPECT_EQ(e.kind(), engine::error_kind::conflict);
    EXPECT_EQ(e.method(), "DELETE");
  }

  docker.containers().stop(id, 1);
  EXPECT_FALSE(docker.containers().inspect(id).state.running);
  docker.containers().stop(id, 1);  // already stopped: 304, success
  docker.containers().remove(id);
  try {
    docker.containers().inspect(id);
    ADD_FAILURE() << "container still there after remove";
  } catch (const engine::engine_error& e) {
    EXPECT_EQ(e.kind(), engine::error_kind::not_found);
  }
}

TEST_F(engine_client_test, ContainersOnAUserNetworkResolveEachOtherByAlias) {
  const auto network = guard.network(unique_name("net"));
  docker.networks().create({.name = network, .check_duplicate = true});

  auto server = busybox({"sleep", "300"});
  server.host.network_mode = network;
  server.networking.endpoints[network].aliases = {"alpha-service"};
  const auto server_id = guard.container(docker.containers().create(server, unique_name("alpha")).id);
  docker.containers().start(server_id);

  // The second container joins after create through connect, as on API 1.41 for extra networks.
  auto client = busybox({"sh", "-c", "ping -c 1 -W 5 alpha-service && ping -c 1 -W 5 beta-self"});
  const auto client_id = guard.container(docker.containers().create(client, unique_name("beta")).id);
  engine::endpoint_settings endpoint;
  endpoint.aliases = {"beta-self"};
  docker.networks().connect(network, client_id, endpoint);
  docker.containers().start(client_id);
  const auto result = docker.containers().wait(client_id);

  std::string out;
  docker.containers().logs(
      client_id, {},
      {.on_stdout = [&](std::string_view s) { out += s; }, .on_stderr = [&](std::string_view s) { out += s; }});
  EXPECT_EQ(result.status_code, 0) << out;
  const auto info = docker.containers().inspect(client_id);
  ASSERT_TRUE(info.networks.contains(network));
  EXPECT_THAT(info.networks.at(network).aliases, Contains("beta-self"));
}

TEST_F(engine_client_test, VolumeLifecycle) {
  const auto name = unique_name("lifecycle");
  guard.volume(name);
  const auto created = docker.volumes().create({.name = name, .labels = {{"stackctl.test", name}}});
  EXPECT_EQ(created.name, name);
  EXPECT_EQ(docker.volumes().inspect(name).labels.at("stackctl.test"), name);

  const auto listed = docker.volumes().list(engine::filters::label("stackctl.test", name));
  ASSERT_EQ(listed.volumes.size(), 1u);
  EXPECT_EQ(listed.volumes[0].name, name);

  // In use → conflict; the data is not lost.
  auto user = busybox({"sleep", "300"});
  user.host.mounts = {engine::mount{.type = engine::mount_type::volume, .source = name, .target = "/v"}};
  const auto user_id = guard.container(docker.containers().create(user).id);
  try {
    docker.volumes().remove(name);
    ADD_FAILURE() << "removed a volume in use";
  } catch (const engine::engine_error& e) {
    EXPECT_EQ(e.kind(), engine::error_kind::conflict);
  }
  docker.containers().remove(user_id, {.force = true});
  docker.volumes().remove(name);
  EXPECT_TRUE(docker.volumes().list(engine::filters::label("stackctl.test", name)).volumes.empty());
}

TEST_F(engine_client_test, NetworkLifecycle) {
  const auto name = guard.network(unique_name("netlife"));
  const auto created =
      docker.networks().create({.name = name, .check_duplicate = true, .labels = {{"stackctl.test", name}}});
  EXPECT_FALSE(created.id.empty());
  EXPECT_EQ(docker.networks().inspect(name).id, created.id);
  const auto listed = docker.networks().list(engine::filters::label("stackctl.test", name));
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].name, name);

  try {
    docker.networks().create({.name = name, .check_duplicate = true});
    ADD_FAILURE() << "a duplicate network name was accepted with CheckDuplicate";
  } catch (const engine::engine_error& e) {
    EXPECT_EQ(e.kind(), engine::error_kind::conflict);
  }
  docker.networks().remove(name);
  EXPECT_TRUE(docker.networks().list(engine::filters::label("stackctl.test", name)).empty());
}

TEST_F(engine_client_test, AMissingImageIsNotFoundAndNamesTheImage) {
  const std::string image = "stackctl-test/does-not-exist:" + unique_name("tag").substr(14);
  auto request = busybox({"true"});
  request.config.image = image;
  try {
    const auto id = docker.containers().create(request).id;
    guard.container(id);
    ADD_FAILURE() << "created a container from a missing image";
  } catch (const engine::engine_error& e) {
    EXPECT_EQ(e.kind(), engine::error_kind::not_found);
    EXPECT_THAT(e.message(), HasSubstr(image));
    EXPECT_EQ(e.status(), 404);
  }
}

}  // namespace
}  // namespace stackctl::testing
