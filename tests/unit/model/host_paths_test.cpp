// Host paths as compose-go paths/resolve.go resolves them (issue #18): a `local` volume with `o: bind`
// has its device made absolute (volumeDriverOpts), an absolute bind source is kept as written, a
// trailing '/' too (maybeUnixPath), and build.ssh paths are made absolute ("services.*.build.ssh.*").
#include <nlohmann/json.hpp>

#include "project_test_support.hpp"

using namespace stackctl::model;
using nlohmann::json;
using stackctl::model::testing::temp_project;

// loader/loader_test.go TestLoadWithBindMountVolume
TEST(HostPaths, ALocalBindVolumeDeviceIsMadeAbsolute) {
  temp_project t;
  const auto doc = json::parse(render_json(t.load_file(
      "name: load-with-bind-mount-volume\nservices:\n  web:\n    image: web\n    volumes:\n     - data:/data\n"
      "volumes:\n  data:\n    driver: local\n    driver_opts:\n      type: 'none'\n      o: 'bind'\n"
      "      device: './data'\n  other:\n    driver_opts:\n      o: bind\n      device: ./kept\n")));
  EXPECT_EQ(doc["volumes"]["data"]["driver_opts"]["device"], (t.dir() / "data").string());
}

TEST(HostPaths, ADeviceIsLeftWhenTheDriverIsNotLocalOrTheMountNotABind) {
  temp_project t;
  const auto doc = json::parse(
      render_json(t.load_file("services:\n  web:\n    image: web\n    volumes: ['va:/a', 'vb:/b']\nvolumes:\n"
                              "  va:\n    driver_opts: {o: bind, device: ./a}\n  vb:\n    driver: local\n    "
                              "driver_opts: {o: ro, device: ./b}\n")));
  EXPECT_EQ(doc["volumes"]["va"]["driver_opts"]["device"], "./a");
  EXPECT_EQ(doc["volumes"]["vb"]["driver_opts"]["device"], "./b");
}

TEST(HostPaths, AnAbsoluteBindSourceKeepsItsTrailingSlash) {
  temp_project t;
  const auto doc = json::parse(
      render_json(t.load_file("services:\n  web:\n    image: web\n    volumes:\n      - /srv/data/:/data\n"
                              "      - {type: bind, source: /srv/logs/, target: /logs}\n      - ./rel/:/rel\n")));
  const auto& v = doc["services"]["web"]["volumes"];
  EXPECT_EQ(v[0]["source"], "/srv/data/");
  EXPECT_EQ(v[1]["source"], "/srv/logs/");
  EXPECT_EQ(v[2]["source"], (t.dir() / "rel").string());  // a relative one is joined and cleaned
}

// transform/ssh_test.go TestSSHConfig (id=path and `default` alone), a mapping; paths made absolute
TEST(HostPaths, BuildSshPathsAreMadeAbsolute) {
  temp_project t;
  const auto doc = json::parse(render_json(t.load_file(
      "services:\n  list:\n    build:\n      context: .\n      ssh: [default, 'key=./id_rsa', 'abs=/keys/id']\n"
      "  map:\n    build:\n      context: .\n      ssh:\n        key: ~/.ssh/id_rsa\n")));
  EXPECT_EQ(doc["services"]["list"]["build"]["ssh"],
            json({"abs=/keys/id", "default", "key=" + (t.dir() / "id_rsa").string()}));
  EXPECT_EQ(doc["services"]["map"]["build"]["ssh"], json({"key=/home/tester/.ssh/id_rsa"}));
}
