// `extends` and `include` as compose v2 resolves them (compose-go loader/extends.go, include.go):
// what a user reads in `config` after loading. compose-go's own cases are in the conformance suite
// (fixtures/conformance/config/compose-go/loader-extends, loader-include); these pin the rules
// that suite does not show one by one.
#include <nlohmann/json.hpp>

#include "project_test_support.hpp"

using namespace stackctl::model;
using nlohmann::json;
using stackctl::model::testing::load_error;
using stackctl::model::testing::temp_project;

namespace {

json config_of(const load_options& o) { return json::parse(render_json(load(o))); }

}  // namespace

TEST(Extends, SameFileByNameOrMappingMergesOverTheBase) {
  temp_project t;
  t.write("compose.yaml",
          "services:\n"
          "  base:\n    image: app:1\n    environment: {A: base, B: base}\n    command: [run, base]\n"
          "  short:\n    extends: base\n    environment: {B: short}\n"
          "  long:\n    extends: {service: base}\n    command: [run, long]\n");
  const json s = config_of(t.options())["services"];
  EXPECT_EQ(s["short"]["image"], "app:1");
  EXPECT_EQ(s["short"]["environment"], (json{{"A", "base"}, {"B", "short"}}));
  EXPECT_EQ(s["long"]["command"], (json{"run", "long"}));  // replaced, never appended
  EXPECT_FALSE(s["short"].contains("extends"));
}

TEST(Extends, AnotherFileHasItsPathsMovedOntoItsFolder) {
  temp_project t;
  t.write("common/base.yaml",
          "services:\n  base:\n    image: app\n    build: .\n    env_file: base.env\n"
          "    volumes: [./data:/data, /abs:/abs, named:/named]\n"
          "volumes:\n  named: {}\n");
  t.write("common/base.env", "FROM_BASE=1\n");
  t.write("compose.yaml",
          "services:\n  web:\n    extends: {file: common/base.yaml, service: base}\n"
          "volumes:\n  named: {}\n");
  const std::string dir = t.dir().string();
  const json web = config_of(t.options())["services"]["web"];
  EXPECT_EQ(web["build"]["context"], dir + "/common");
  EXPECT_EQ(web["environment"]["FROM_BASE"], "1");
  ASSERT_EQ(web["volumes"].size(), 3u);
  EXPECT_EQ(web["volumes"][0]["type"], "bind");
  EXPECT_EQ(web["volumes"][0]["source"], dir + "/common/data");
  EXPECT_EQ(web["volumes"][1]["source"], "/abs");
  EXPECT_EQ(web["volumes"][2]["type"], "volume");  // a bare name stays a volume
}

TEST(Extends, ChainsResolveBaseFirstWithResetAndOverride) {
  temp_project t;
  t.write("compose.yaml",
          "services:\n"
          "  base:\n    image: app\n    ports: ['80']\n    networks: [front]\n    labels: {tier: base}\n"
          "  middle:\n    extends: base\n    ports: !reset []\n    networks: !override [back]\n"
          "  top:\n    extends: middle\n    labels: {tier: top}\n"
          "networks:\n  front: {}\n  back: {}\n");
  const json top = config_of(t.options())["services"]["top"];
  EXPECT_EQ(top["image"], "app");
  EXPECT_FALSE(top.contains("ports"));
  EXPECT_EQ(top["networks"], (json{{"back", nullptr}}));
  EXPECT_EQ(top["labels"], (json{{"tier", "top"}}));
}

TEST(Extends, TheExtendedFileIsInterpolatedWithTheProjectEnvironment) {
  temp_project t;
  t.write(".env", "TAG=7\n");
  t.write("base.yaml", "services:\n  base:\n    image: app:${TAG}\n");
  t.write("compose.yaml", "services:\n  web:\n    extends: {file: base.yaml, service: base}\n");
  EXPECT_EQ(config_of(t.options())["services"]["web"]["image"], "app:7");
}

TEST(Extends, AServiceCanExtendItsNamesakeInTheFileItOverrides) {
  temp_project t;
  t.write("base.yaml", "services:\n  web:\n    image: app\n    environment: {A: '1'}\n");
  t.write("compose.yaml",
          "services:\n  web:\n    extends: {file: base.yaml, service: web}\n    environment: {B: '2'}\n");
  EXPECT_EQ(config_of(t.options())["services"]["web"]["environment"], (json{{"A", "1"}, {"B", "2"}}));
}

TEST(Extends, ACycleIsOneErrorNamingTheChain) {
  temp_project t;
  t.write("compose.yaml", "services:\n  a:\n    image: x\n    extends: b\n  b:\n    image: x\n    extends: a\n");
  const std::string file = (t.dir() / "compose.yaml").string();
  EXPECT_EQ(load_error(t.options()), file + ":4:14: services.a.extends: circular reference: a in " + file +
                                         " extends b in " + file + " extends a in " + file);
}

TEST(Extends, AMissingBaseNamesTheFileAndTheLine) {
  temp_project t;
  t.write("base.yaml", "services:\n  other:\n    image: x\n");
  t.write("compose.yaml",
          "services:\n  web:\n    extends: nothing\n  api:\n    extends: {file: base.yaml, service: base}\n");
  const std::string file = (t.dir() / "compose.yaml").string();
  EXPECT_EQ(load_error(t.options()), file + ":3:14: services.web.extends: cannot extend service \"web\" in " + file +
                                         ": service \"nothing\" not found");
  t.write("compose.yaml", "services:\n  api:\n    extends: {file: base.yaml, service: base}\n");
  EXPECT_EQ(load_error(t.options()), file + ":3:14: services.api.extends: cannot extend service \"api\" in " + file +
                                         ": service \"base\" not found in base.yaml");
  t.write("compose.yaml", "services:\n  api:\n    extends: {file: gone.yaml, service: base}\n");
  EXPECT_EQ(load_error(t.options()), "open " + (t.dir() / "gone.yaml").string() + ": no such file or directory");
  t.write("compose.yaml", "services:\n  api:\n    extends: {file: base.yaml}\n");
  EXPECT_EQ(load_error(t.options()), file + ":3:14: services.api.extends: extends.api.service is required");
}

TEST(Include, ShortFormLoadsAProjectWithItsOwnFolderAndDotEnv) {
  temp_project t;
  t.write("db/compose.yaml",
          "services:\n  db:\n    image: db:${DB_TAG}\n    build: {dockerfile: Dockerfile}\n"
          "    volumes: [./data:/var/lib/db]\n");
  t.write("db/.env", "DB_TAG=15\n");
  t.write("compose.yaml", "include: [db/compose.yaml]\nservices:\n  web:\n    image: web\n    depends_on: [db]\n");
  const std::string dir = t.dir().string();
  const json s = config_of(t.options())["services"];
  EXPECT_EQ(s["db"]["image"], "db:15");
  EXPECT_EQ(s["db"]["build"]["context"], dir + "/db");  // the default context is the included folder
  EXPECT_EQ(s["db"]["volumes"][0]["source"], dir + "/db/data");
  EXPECT_EQ(s["web"]["depends_on"]["db"]["condition"], "service_started");
}

TEST(Include, LongFormWithEnvFileAndProjectDirectory) {
  temp_project t;
  t.write("modules/api.yaml", "services:\n  api:\n    image: api:${API_TAG}\n    build: .\n");
  t.write("api.env", "API_TAG=3\n");
  t.write("compose.yaml",
          "include:\n  - path: [modules/api.yaml]\n    env_file: api.env\n    project_directory: srv\n"
          "services: {}\n");
  const json api = config_of(t.options())["services"]["api"];
  EXPECT_EQ(api["image"], "api:3");
  EXPECT_EQ(api["build"]["context"], (t.dir() / "srv").string());
}

TEST(Include, TheIncludingEnvironmentWinsOverTheIncludedEnvFile) {
  temp_project t;
  t.write("sub/compose.yaml", "services:\n  s:\n    image: s:${TAG}\n    environment: [ONLY_THERE]\n");
  t.write("sub/.env", "TAG=included\nONLY_THERE=yes\n");
  t.write("compose.yaml", "include: [sub/compose.yaml]\n");
  auto o = t.options();
  o.environment["TAG"] = "shell";
  const json s = config_of(o)["services"]["s"];
  EXPECT_EQ(s["image"], "s:shell");
  EXPECT_EQ(s["environment"]["ONLY_THERE"], "yes");  // a bare name resolves in the included environment
}

TEST(Include, TheIncludingFileLaysItsDefinitionOverTheIncludedOne) {
  temp_project t;
  t.write("sub/compose.yaml", "services:\n  s:\n    image: included\n    environment: {A: '1', B: '1'}\n");
  t.write("compose.yaml", "include: [sub/compose.yaml]\nservices:\n  s:\n    environment: !override {C: '3'}\n");
  const json s = config_of(t.options())["services"]["s"];
  EXPECT_EQ(s["image"], "included");
  EXPECT_EQ(s["environment"], (json{{"C", "3"}}));
}

TEST(Include, IncludedFilesMayExtendTheirSiblings) {
  temp_project t;
  t.write("dir/base.yaml", "services:\n  base:\n    image: alpine\n    build: .\n");
  t.write("dir/included.yaml", "services:\n  inc:\n    extends: {file: base.yaml, service: base}\n");
  t.write("compose.yaml", "include: [dir/included.yaml]\n");
  const json inc = config_of(t.options())["services"]["inc"];
  EXPECT_EQ(inc["image"], "alpine");
  EXPECT_EQ(inc["build"]["context"], (t.dir() / "dir").string());
}

TEST(Include, ACycleAndAMissingFileAreOneErrorEach) {
  temp_project t;
  t.write("a.yaml", "include: [b.yaml]\nservices: {}\n");
  t.write("b.yaml", "include: [a.yaml]\nservices: {}\n");
  const std::string a = (t.dir() / "a.yaml").string(), b = (t.dir() / "b.yaml").string();
  EXPECT_EQ(load_error(t.options({"a.yaml"})),
            b + ":1:11: include[0]: include cycle detected: " + a + " includes " + b + " includes " + a);
  t.write("c.yaml", "include:\n  - path: missing.yaml\n");
  EXPECT_EQ(load_error(t.options({"c.yaml"})),
            "open " + (t.dir() / "missing.yaml").string() + ": no such file or directory");
  t.write("d.yaml", "include:\n  - path: a.yaml\n    env_file: none.env\n");
  const std::string d = (t.dir() / "d.yaml").string();
  EXPECT_EQ(load_error(t.options({"d.yaml"})),
            d + ":2:5: include[0].env_file: env file " + (t.dir() / "none.env").string() + " not found");
  t.write("e.yaml", "include:\n  - path: a.yaml\n    what: x\n");
  EXPECT_EQ(load_error(t.options({"e.yaml"})),
            (t.dir() / "e.yaml").string() + ":3:11: include[0].what: additional properties 'what' not allowed");
}
