// Filters, network and volume create bodies, and the small HostConfig parts.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "stackctl/engine/error.hpp"
#include "stackctl/engine/filters.hpp"
#include "stackctl/engine/host_config.hpp"
#include "stackctl/engine/network.hpp"
#include "stackctl/engine/volume.hpp"

namespace stackctl::engine {
namespace {

using nlohmann::json;

constexpr api_version v141{1, 41};

TEST(ModelFilters, EmptyFiltersAreAnEmptyObject) {
  filters f;
  EXPECT_TRUE(f.empty());
  EXPECT_EQ(f.to_json_string(), "{}");
}

TEST(ModelFilters, ListFormSortedAndDeduplicated) {
  filters f = filters::label("com.docker.compose.project", "demo");
  f.add("status", "running").add("status", "exited").add("status", "running");
  f.add_label("com.docker.compose.oneoff");
  EXPECT_FALSE(f.empty());
  EXPECT_EQ(json::parse(f.to_json_string()),
            json::parse(R"({"label":["com.docker.compose.oneoff","com.docker.compose.project=demo"],
                            "status":["exited","running"]})"));
  EXPECT_EQ(
      f.to_json_string(),
      R"({"label":["com.docker.compose.oneoff","com.docker.compose.project=demo"],"status":["exited","running"]})");
}

TEST(ModelNetworkCreate, MinimalAndFull) {
  network_create_request req;
  req.name = "demo_default";
  EXPECT_EQ(to_json(req, v141), json::parse(R"({"Name":"demo_default"})"));

  req.check_duplicate = true;
  req.driver = "bridge";
  req.internal = false;
  req.attachable = true;
  req.enable_ipv6 = false;
  req.ipam = ipam{"default", {ipam_pool{"172.30.0.0/24", std::nullopt, "172.30.0.1", {}}}, {}};
  req.labels = {{"com.docker.compose.network", "default"}, {"com.docker.compose.project", "demo"}};
  EXPECT_EQ(to_json(req, v141), json::parse(R"({
      "Name": "demo_default", "CheckDuplicate": true, "Driver": "bridge", "Internal": false,
      "Attachable": true, "EnableIPv6": false,
      "IPAM": {"Driver": "default", "Config": [{"Subnet": "172.30.0.0/24", "Gateway": "172.30.0.1"}]},
      "Labels": {"com.docker.compose.network": "default", "com.docker.compose.project": "demo"}})"));
}

TEST(ModelVolumeCreate, OnlySetFields) {
  volume_create_request req;
  EXPECT_EQ(to_json(req, v141), json::object());
  req.name = "demo_data";
  req.driver = "local";
  req.driver_opts = {{"type", "tmpfs"}, {"device", "tmpfs"}};
  req.labels = {{"com.docker.compose.volume", "data"}};
  EXPECT_EQ(to_json(req, v141), json::parse(R"({"Name":"demo_data","Driver":"local",
      "DriverOpts":{"type":"tmpfs","device":"tmpfs"},"Labels":{"com.docker.compose.volume":"data"}})"));
}

TEST(ModelHostConfig, GpuDeviceRequestAndRestartPolicy) {
  host_config h;
  h.resources.device_requests = {device_request{"nvidia", -1, {}, {{"gpu"}}, {}}};
  h.restart_policy = restart_policy{"on-failure", 5};
  EXPECT_EQ(to_json(h, v141), json::parse(R"({
      "DeviceRequests": [{"Driver": "nvidia", "Count": -1, "Capabilities": [["gpu"]]}],
      "RestartPolicy": {"Name": "on-failure", "MaximumRetryCount": 5}})"));
}

TEST(ModelHostConfig, SmallPartsRoundTrip) {
  const restart_policy rp{"always", std::nullopt};
  EXPECT_EQ(json(rp), json::parse(R"({"Name":"always"})"));
  EXPECT_EQ(json(rp).get<restart_policy>(), rp);
  const ulimit u{"nproc", 65535, 65535};
  EXPECT_EQ(json(u).get<ulimit>(), u);
  const log_config lc{"local", {{"max-file", "3"}}};
  EXPECT_EQ(json(lc).get<log_config>(), lc);
  const device_request dr{"", 2, {"0", "1"}, {{"gpu", "compute"}}, {{"k", "v"}}};
  EXPECT_EQ(json(dr).get<device_request>(), dr);
}

TEST(ModelMount, RoundTripsThroughFromJson) {
  mount m;
  m.type = mount_type::bind;
  m.source = "/srv";
  m.target = "/srv";
  m.read_only = true;
  m.consistency = "cached";
  m.bind = bind_options{"rslave", true, std::nullopt, std::nullopt, std::nullopt};
  EXPECT_EQ(to_json(m, v141).get<mount>(), m);

  mount v;
  v.type = mount_type::volume;
  v.source = "data";
  v.target = "/data";
  v.volume = volume_options{true, {{"a", "b"}}, driver_config{"local", {{"o", "bind"}}}, std::nullopt};
  EXPECT_EQ(to_json(v, v141).get<mount>(), v);
}

TEST(ModelMount, OptionsMustMatchTheType) {
  mount m;
  m.type = mount_type::volume;
  m.source = "data";
  m.target = "/data";
  m.tmpfs = tmpfs_options{};
  try {
    (void)to_json(m, v141);
    FAIL() << "TmpfsOptions on a volume mount was serialized";
  } catch (const engine_error& e) {
    EXPECT_EQ(e.kind(), error_kind::invalid);
    EXPECT_NE(e.message().find("/data"), std::string::npos) << e.message();
    EXPECT_NE(e.message().find("TmpfsOptions"), std::string::npos) << e.message();
  }
}

TEST(ModelMount, TypeNames) {
  EXPECT_EQ(to_string(mount_type::npipe), "npipe");
  EXPECT_EQ(mount_type_from_string("tmpfs"), mount_type::tmpfs);
  EXPECT_THROW((void)mount_type_from_string("cluster"), engine_error);
}

}  // namespace
}  // namespace stackctl::engine
