// Version gating: a field newer than the negotiated API version is refused with
// engine_error(version) instead of being sent to a daemon that would silently ignore it.
#include <gtest/gtest.h>

#include <cctype>
#include <chrono>
#include <functional>
#include <ostream>
#include <string>

#include <nlohmann/json.hpp>

#include "stackctl/engine/container_create.hpp"
#include "stackctl/engine/error.hpp"

namespace stackctl::engine {
namespace {

using nlohmann::json;

struct gated_field {
  std::string name;
  api_version since;
  std::function<void(container_create_request&)> set;
  std::string pointer;  // where the field lands in the serialized request
  json expected;
};

// Readable test names in failures instead of a byte dump.
void PrintTo(const gated_field& f, std::ostream* os) { *os << f.name << " (API " << f.since.to_string() << ")"; }

mount bind_mount() {
  mount m;
  m.type = mount_type::bind;
  m.source = "/srv";
  m.target = "/srv";
  m.bind = bind_options{};
  return m;
}

std::vector<gated_field> gated_fields() {
  using namespace std::chrono_literals;
  return {
      {"CgroupnsMode",
       {1, 41},
       [](auto& r) { r.host.cgroupns_mode = "private"; },
       "/HostConfig/CgroupnsMode",
       "private"},
      {"CreateMountpoint",
       {1, 42},
       [](auto& r) {
         r.host.mounts = {bind_mount()};
         r.host.mounts[0].bind->create_mountpoint = true;
       },
       "/HostConfig/Mounts/0/BindOptions/CreateMountpoint",
       true},
      {"Annotations",
       {1, 43},
       [](auto& r) {
         r.host.annotations = {{"a", "b"}};
       },
       "/HostConfig/Annotations",
       json{{"a", "b"}}},
      {"ReadOnlyNonRecursive",
       {1, 44},
       [](auto& r) {
         r.host.mounts = {bind_mount()};
         r.host.mounts[0].read_only = true;
         r.host.mounts[0].bind->read_only_non_recursive = true;
       },
       "/HostConfig/Mounts/0/BindOptions/ReadOnlyNonRecursive",
       true},
      {"ReadOnlyForceRecursive",
       {1, 44},
       [](auto& r) {
         r.host.mounts = {bind_mount()};
         r.host.mounts[0].read_only = true;
         r.host.mounts[0].bind->read_only_force_recursive = true;
       },
       "/HostConfig/Mounts/0/BindOptions/ReadOnlyForceRecursive",
       true},
      {"Subpath",
       {1, 45},
       [](auto& r) {
         mount m;
         m.type = mount_type::volume;
         m.source = "data";
         m.target = "/data";
         m.volume = volume_options{};
         m.volume->subpath = "sub/dir";
         r.host.mounts = {m};
       },
       "/HostConfig/Mounts/0/VolumeOptions/Subpath",
       "sub/dir"},
      {"TmpfsOptions.Options",
       {1, 46},
       [](auto& r) {
         mount m;
         m.type = mount_type::tmpfs;
         m.target = "/run";
         m.tmpfs = tmpfs_options{};
         m.tmpfs->options = {{"noexec"}, {"nr_inodes", "1000"}};
         r.host.mounts = {m};
       },
       "/HostConfig/Mounts/0/TmpfsOptions/Options",
       json::parse(R"([["noexec"],["nr_inodes","1000"]])")},
      {"multiple EndpointsConfig",
       {1, 44},
       [](auto& r) {
         r.networking.endpoints["front"].aliases = {"web"};
         r.networking.endpoints["back"].aliases = {"web"};
       },
       "/NetworkingConfig/EndpointsConfig/back/Aliases",
       json::array({"web"})},
      {"endpoint MacAddress",
       {1, 44},
       [](auto& r) { r.networking.endpoints["front"].mac_address = "02:42:ac:11:00:02"; },
       "/NetworkingConfig/EndpointsConfig/front/MacAddress",
       "02:42:ac:11:00:02"},
      {"endpoint DNSNames",
       {1, 44},
       [](auto& r) {
         r.networking.endpoints["front"].dns_names = {"web", "web.local"};
       },
       "/NetworkingConfig/EndpointsConfig/front/DNSNames",
       json::array({"web", "web.local"})},
      {"Healthcheck StartInterval",
       {1, 44},
       [](auto& r) {
         r.config.healthcheck = health_config{};
         r.config.healthcheck->start_interval = 2s;
       },
       "/Healthcheck/StartInterval",
       2000000000},
  };
}

class ModelVersionGate : public ::testing::TestWithParam<gated_field> {};

TEST_P(ModelVersionGate, RefusedBelowItsVersion) {
  const gated_field& f = GetParam();
  container_create_request req;
  req.config.image = "img";
  f.set(req);
  const api_version below{f.since.major, f.since.minor - 1};
  try {
    (void)to_json(req, below);
    FAIL() << f.name << " was serialized for API " << below.to_string();
  } catch (const engine_error& e) {
    EXPECT_EQ(e.kind(), error_kind::version);
    EXPECT_NE(e.message().find("needs API " + f.since.to_string()), std::string::npos) << e.message();
    EXPECT_NE(e.message().find("speaks " + below.to_string()), std::string::npos) << e.message();
  }
  // The oldest version we speak refuses it too.
  EXPECT_THROW((void)to_json(req, kMinApiVersion), engine_error);
}

TEST_P(ModelVersionGate, EmittedAtAndAboveItsVersion) {
  const gated_field& f = GetParam();
  container_create_request req;
  req.config.image = "img";
  f.set(req);
  for (const api_version v : {f.since, kMaxApiVersion}) {
    const json j = to_json(req, v);
    const json::json_pointer ptr(f.pointer);
    ASSERT_TRUE(j.contains(ptr)) << f.name << " missing at " << v.to_string() << ": " << j.dump();
    EXPECT_EQ(j.at(ptr), f.expected);
  }
}

INSTANTIATE_TEST_SUITE_P(GatedFields, ModelVersionGate, ::testing::ValuesIn(gated_fields()),
                         [](const auto& param_info) {
                           std::string n;
                           for (char ch : param_info.param.name)
                             n += std::isalnum(static_cast<unsigned char>(ch)) ? ch : '_';
                           return n;
                         });

TEST(ModelVersionGateEndpoint, SingleEndpointIsFineOn141) {
  networking_config n;
  n.endpoints["demo_default"].aliases = {"web"};
  EXPECT_EQ(to_json(n, api_version{1, 41}), json::parse(R"({"EndpointsConfig":{"demo_default":{"Aliases":["web"]}}})"));
}

TEST(ModelVersionGateEndpoint, ConnectBodyIsGatedToo) {
  endpoint_settings e;
  e.aliases = {"web"};
  e.ipam_config = endpoint_ipam_config{"172.20.0.5", std::nullopt, {}};
  EXPECT_EQ(to_json(e, api_version{1, 41}),
            json::parse(R"({"Aliases":["web"],"IPAMConfig":{"IPv4Address":"172.20.0.5"}})"));
  e.dns_names = {"web"};
  EXPECT_THROW((void)to_json(e, api_version{1, 41}), engine_error);
}

}  // namespace
}  // namespace stackctl::engine
