// Fields compose v2 keeps and converts that were dropped or left raw (issue #18): build.provenance,
// build.sbom, build.no_cache_filter (types/build.go), models as a list (transformStringSliceToMap),
// blkio rates in bytes (types.UnitBytes).
#include <nlohmann/json.hpp>

#include "project_test_support.hpp"

using namespace stackctl::model;
using nlohmann::json;
using stackctl::model::testing::temp_project;

// loader/tests/build_extra_test.go TestBuildAttestations, TestBuildNoCacheFilter
TEST(BuildAndServiceFields, AttestationsAndNoCacheFilterAreKept) {
  temp_project t;
  const auto p = t.load_file(
      "name: test\nservices:\n  foo:\n    build:\n      context: .\n      provenance: mode=max\n      sbom: true\n"
      "  string:\n    build:\n      context: .\n      no_cache_filter: foo\n"
      "  list:\n    build:\n      context: .\n      no_cache_filter: [foo, bar]\n");
  const auto doc = json::parse(render_json(p));
  EXPECT_EQ(doc["services"]["foo"]["build"]["provenance"], "mode=max");
  EXPECT_EQ(doc["services"]["foo"]["build"]["sbom"], "true");
  EXPECT_EQ(doc["services"]["string"]["build"]["no_cache_filter"], json({"foo"}));
  EXPECT_EQ(doc["services"]["list"]["build"]["no_cache_filter"], json({"foo", "bar"}));
  const std::string yaml = render_yaml(p);
  EXPECT_NE(yaml.find("      provenance: mode=max\n      sbom: \"true\"\n"), std::string::npos) << yaml;
}

// loader/tests (models): `models: [x]` is the mapping x: null (transformStringSliceToMap)
TEST(BuildAndServiceFields, AModelsListIsAMapping) {
  temp_project t;
  const auto doc = json::parse(render_json(t.load_file(
      "services:\n  app:\n    image: app\n    models: [llm, embed]\nmodels:\n  llm:\n    model: ai/smollm2\n"
      "  embed:\n    model: ai/embed\n")));
  EXPECT_EQ(doc["services"]["app"]["models"], json::parse(R"({"embed": null, "llm": null})"));
}

// loader/tests/blkio_config_test.go TestBlkioConfig
TEST(BuildAndServiceFields, BlkioRatesAreBytes) {
  temp_project t;
  const auto doc = json::parse(render_json(t.load_file(
      "name: test\nservices:\n  foo:\n    image: busybox\n    blkio_config:\n      weight: 300\n      weight_device:\n"
      "        - path: /dev/sda\n          weight: 400\n      device_read_bps:\n        - path: /dev/sda\n"
      "          rate: 1024k\n      device_write_bps:\n        - path: /dev/sda\n          rate: 1024\n"
      "      device_read_iops:\n        - path: /dev/sda\n          rate: 100\n      device_write_iops:\n"
      "        - path: /dev/sda\n          rate: 200\n")));
  const auto& b = doc["services"]["foo"]["blkio_config"];
  EXPECT_EQ(b["weight"], 300);
  EXPECT_EQ(b["weight_device"][0]["weight"], 400);
  EXPECT_EQ(b["device_read_bps"][0]["rate"], "1048576");  // UnitBytes renders as a quoted number
  EXPECT_EQ(b["device_read_bps"][0]["path"], "/dev/sda");
  EXPECT_EQ(b["device_write_bps"][0]["rate"], "1024");
  EXPECT_EQ(b["device_read_iops"][0]["rate"], "100");
  EXPECT_EQ(b["device_write_iops"][0]["rate"], "200");
}

// types.ServiceVolumeTmpfs: size and mode are omitempty, so `size: 0` is not rendered
TEST(BuildAndServiceFields, ATmpfsSizeOfZeroIsNotRendered) {
  temp_project t;
  const auto doc = json::parse(render_json(t.load_file(
      "services:\n  web:\n    image: nginx\n    volumes:\n      - type: tmpfs\n        target: /t\n        tmpfs:\n"
      "          size: 0\n      - type: tmpfs\n        target: /u\n        tmpfs:\n          size: 1k\n")));
  EXPECT_EQ(doc["services"]["web"]["volumes"][0]["tmpfs"], json::object());
  EXPECT_EQ(doc["services"]["web"]["volumes"][1]["tmpfs"]["size"], "1024");
}

// loader/tests/dns_test.go TestDNSOmitEmpty (loader/omitEmpty.go drops empty dns entries)
TEST(BuildAndServiceFields, AnEmptyDnsEntryIsOmitted) {
  temp_project t;
  auto doc = json::parse(
      render_json(t.load_file("name: test\nservices:\n  foo:\n    image: alpine\n    dns: ${UNSET_VAR}\n")));
  EXPECT_FALSE(doc["services"]["foo"].contains("dns"));
  doc = json::parse(render_json(
      t.load_file("name: test\nservices:\n  foo:\n    image: alpine\n    dns: [8.8.8.8, '${UNSET_VAR}']\n")));
  EXPECT_EQ(doc["services"]["foo"]["dns"], json({"8.8.8.8"}));
}

// compose-go structs' Extensions are `json:"-"`: JSON output drops x-* keys at every level of a
// resource (YAML keeps them); a top-level x-* value and maps of user data keep theirs.
TEST(BuildAndServiceFields, NestedExtensionsAreNotInJson) {
  temp_project t;
  const auto p = t.load_file(
      "services:\n  web:\n    image: nginx\n    labels: {x-label: kept}\n    networks:\n      n:\n        x-n: 1\n"
      "    build:\n      context: .\n      x-bb: 2\nnetworks:\n  n:\n    x-net: {x-deep: 1}\nx-top:\n"
      "  x-inner: 1\n");
  const auto doc = json::parse(render_json(p));
  const auto& web = doc["services"]["web"];
  EXPECT_FALSE(web["build"].contains("x-bb"));
  EXPECT_EQ(web["networks"]["n"], json::object());
  EXPECT_EQ(web["labels"]["x-label"], "kept");
  EXPECT_FALSE(doc["networks"]["n"].contains("x-net"));
  EXPECT_EQ(doc["x-top"]["x-inner"], 1);
  const std::string yaml = render_yaml(p);
  EXPECT_NE(yaml.find("x-bb: 2"), std::string::npos) << yaml;
}

// transform/gpus.go transformGpus and transform/devices.go deviceRequestDefaults: `gpus: all` is
// [{count: -1}], a device request without count or device_ids counts all (-1)
TEST(BuildAndServiceFields, GpuRequestsCountAllByDefault) {
  temp_project t;
  const auto doc = json::parse(render_json(t.load_file(
      "services:\n  web:\n    image: nginx\n    gpus: all\n  b:\n    image: nginx\n    gpus:\n      - driver: nvidia\n"
      "      - device_ids: ['0']\n    deploy:\n      resources:\n        reservations:\n          devices:\n"
      "            - capabilities: [gpu]\n")));
  EXPECT_EQ(doc["services"]["web"]["gpus"], json::parse(R"([{"count": -1}])"));
  EXPECT_EQ(doc["services"]["b"]["gpus"], json::parse(R"([{"driver": "nvidia", "count": -1}, {"device_ids": ["0"]}])"));
  EXPECT_EQ(doc["services"]["b"]["deploy"]["resources"]["reservations"]["devices"],
            json::parse(R"([{"capabilities": ["gpu"], "count": -1}])"));
}
