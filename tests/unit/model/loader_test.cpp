// The load pipeline: directories, environment, files, project names, interpolation, merge, profiles.
#include <gmock/gmock.h>

#include "project_test_support.hpp"
#include "stackctl/model/project_name.hpp"

using namespace stackctl::model;
using stackctl::model::testing::load_error;
using stackctl::model::testing::temp_project;
using ::testing::HasSubstr;

TEST(ProjectName, Normalisation) {
  EXPECT_EQ(normalize_project_name("My_App.v2"), "my_appv2");
  EXPECT_EQ(normalize_project_name("__-Demo"), "demo");
  EXPECT_EQ(normalize_project_name("..."), "");
  EXPECT_TRUE(is_valid_project_name("a-b_c1"));
  EXPECT_FALSE(is_valid_project_name("_abc"));
  EXPECT_FALSE(is_valid_project_name("Abc"));
}

TEST(ProjectName, FlagMustBeValid) {
  temp_project t;
  t.write("compose.yaml", "services:\n  web:\n    image: nginx\n");
  auto o = t.options();
  o.project_name = "My App";
  EXPECT_EQ(load_error(o),
            "invalid project name \"My App\": must consist only of lowercase alphanumeric characters, hyphens, and "
            "underscores as well as start with a letter or number");
}

TEST(ProjectName, EnvironmentMustBeValid) {
  temp_project t;
  t.write("compose.yaml", "services:\n  web:\n    image: nginx\n");
  auto o = t.options();
  o.environment["COMPOSE_PROJECT_NAME"] = "-bad";
  EXPECT_THAT(load_error(o), HasSubstr("invalid project name \"-bad\""));
}

TEST(ProjectName, Precedence) {
  temp_project t("My.Dir");
  t.write("compose.yaml", "services:\n  web:\n    image: nginx\n");
  EXPECT_EQ(load(t.options()).name, "mydir");  // directory base name, normalised
  t.write("compose.yaml", "name: ${PREFIX}_Stack\nservices:\n  web:\n    image: nginx\n");
  auto o = t.options();
  o.environment["PREFIX"] = "Blue";
  EXPECT_EQ(load(o).name, "blue_stack");  // `name:` interpolated, then normalised silently
  o.environment["COMPOSE_PROJECT_NAME"] = "from-env";
  EXPECT_EQ(load(o).name, "from-env");
  o.project_name = "from-flag";
  EXPECT_EQ(load(o).name, "from-flag");
}

TEST(ProjectName, ExportedToTheBody) {
  temp_project t;
  auto p = t.load_file("name: demo\nservices:\n  web:\n    image: ${COMPOSE_PROJECT_NAME}-web\n");
  EXPECT_EQ(p.services.at("web").image, "demo-web");
}

TEST(Files, DiscoveryWithOverride) {
  temp_project t;
  t.write("docker-compose.yml", "services:\n  web:\n    image: old\n");
  t.write("compose.yaml", "services:\n  web:\n    image: nginx\n    ports: ['80']\n");
  t.write("compose.override.yml", "services:\n  web:\n    image: nginx:2\n");
  const auto p = load(t.options());
  EXPECT_EQ(p.services.at("web").image, "nginx:2");
  ASSERT_EQ(p.compose_files.size(), 2u);
  EXPECT_EQ(p.compose_files[0], (t.dir() / "compose.yaml").string());
  EXPECT_THAT(p.warnings, ::testing::Contains(HasSubstr("Found multiple config files")));
}

TEST(Files, DiscoveryWalksUpToParents) {
  temp_project t;
  t.write("compose.yaml", "services:\n  web:\n    image: nginx\n");
  t.write("sub/dir/.keep", "");
  auto o = t.options();
  o.current_directory = t.dir() / "sub/dir";
  const auto p = load(o);
  EXPECT_EQ(p.working_dir, t.dir());
  EXPECT_EQ(p.name, "app");
}

TEST(Files, NoneFound) {
  temp_project t;
  EXPECT_EQ(load_error(t.options()), "no configuration file provided: not found");
  EXPECT_THROW(load(t.options()), no_config_file);  // a kind callers catch, never matched by text
}

TEST(Files, MissingNamedFile) {
  temp_project t;
  EXPECT_THAT(load_error(t.options({"nope.yaml"})), HasSubstr("nope.yaml: no such file or directory"));
}

TEST(Files, StdinContent) {
  temp_project t;
  auto o = t.options({"-"});
  o.stdin_content = "services:\n  web:\n    image: from-stdin\n";
  const auto p = load(o);
  EXPECT_EQ(p.services.at("web").image, "from-stdin");
  EXPECT_EQ(p.working_dir, t.dir());
}

TEST(Files, ComposeFileVariable) {
  temp_project t;
  t.write("a.yaml", "services:\n  web:\n    image: a\n");
  t.write("b.yaml", "services:\n  web:\n    image: b\n");
  auto o = t.options();
  o.environment["COMPOSE_FILE"] = "a.yaml:b.yaml";
  EXPECT_EQ(load(o).services.at("web").image, "b");
}

TEST(Environment, DotEnvAndShellWins) {
  temp_project t;
  t.write(".env", "TAG=from-dotenv\nOTHER=dotenv\n");
  t.write("compose.yaml", "services:\n  web:\n    image: nginx:${TAG}\n    environment:\n      - O=${OTHER}\n");
  auto o = t.options();
  EXPECT_EQ(load(o).services.at("web").image, "nginx:from-dotenv");
  o.environment["TAG"] = "from-shell";
  const auto p = load(o);
  EXPECT_EQ(p.services.at("web").image, "nginx:from-shell");
  EXPECT_EQ(p.services.at("web").environment.at("O"), "dotenv");
}

TEST(Environment, EnvFilesReplaceDotEnvLaterWins) {
  temp_project t;
  t.write(".env", "TAG=dotenv\n");
  t.write("one.env", "TAG=one\nX=1\n");
  t.write("two.env", "TAG=two\n");
  t.write("compose.yaml", "services:\n  web:\n    image: nginx:${TAG}-${X}\n");
  auto o = t.options();
  o.env_files = {"one.env", "two.env"};
  EXPECT_EQ(load(o).services.at("web").image, "nginx:two-1");
}

TEST(Environment, MissingEnvFile) {
  temp_project t;
  t.write("compose.yaml", "services:\n  web:\n    image: nginx\n");
  auto o = t.options();
  o.env_files = {"missing.env"};
  EXPECT_EQ(load_error(o), "couldn't find env file: " + (t.dir() / "missing.env").string());
}

TEST(Environment, DisableEnvFileIsAGoBoolean) {
  temp_project t;
  t.write(".env", "TAG=dotenv\n");
  t.write("compose.yaml", "services:\n  web:\n    image: nginx:${TAG:-none}\n");
  auto o = t.options();
  for (const char* off : {"1", "t", "TRUE", "True"}) {
    o.environment["COMPOSE_DISABLE_ENV_FILE"] = off;
    EXPECT_EQ(load(o).services.at("web").image, "nginx:none") << off;
  }
  for (const char* on : {"0", "f", "false"}) {
    o.environment["COMPOSE_DISABLE_ENV_FILE"] = on;
    EXPECT_EQ(load(o).services.at("web").image, "nginx:dotenv") << on;
  }
  o.environment["COMPOSE_DISABLE_ENV_FILE"] = "yes";  // compose: strconv.ParseBool: invalid syntax
  EXPECT_EQ(load_error(o), "COMPOSE_DISABLE_ENV_FILE=\"yes\": not a boolean (1, t, true, 0, f, false)");
}

TEST(Environment, ComposeProfilesFromDotEnv) {
  temp_project t;
  t.write(".env", "COMPOSE_PROFILES=debug\n");
  const auto p =
      t.load_file("services:\n  web:\n    image: nginx\n  dbg:\n    image: busybox\n    profiles: [debug]\n");
  EXPECT_EQ(p.services.count("dbg"), 1u);
}

TEST(Interpolation, RequiredVariableErrorNamesThePlace) {
  temp_project t;
  t.write("compose.yaml", "services:\n  web:\n    image: nginx\n    volumes:\n      - ${DATA:?set DATA}:/data\n");
  EXPECT_EQ(load_error(t.options()),
            (t.dir() / "compose.yaml").string() +
                ":5:9: services.web.volumes[0]: required variable DATA is missing a value: set DATA");
}

TEST(Interpolation, KeysAreNotInterpolated) {
  temp_project t;
  auto o = t.options();
  o.environment["K"] = "value";
  t.write("compose.yaml", "services:\n  web:\n    image: nginx\n    labels:\n      ${K}: ${K}\n");
  EXPECT_EQ(load(o).services.at("web").labels.at("${K}"), "value");
}

TEST(Interpolation, NoInterpolateKeepsTheRawText) {
  temp_project t;
  t.write("compose.yaml", "services:\n  web:\n    image: nginx:${TAG:-1}\n");
  auto o = t.options();
  o.interpolate = false;
  const auto p = load(o);
  EXPECT_THAT(render_yaml(p), HasSubstr("image: nginx:${TAG:-1}"));
}

TEST(Yaml, SyntaxErrorHasLineAndColumn) {
  temp_project t;
  t.write("compose.yaml", "services:\n  web:\n    image: [unclosed\n");
  EXPECT_THAT(load_error(t.options()), HasSubstr((t.dir() / "compose.yaml").string() + ":4:1: yaml:"));
}

TEST(Yaml, DuplicateKey) {
  temp_project t;
  t.write("compose.yaml", "services:\n  web:\n    image: a\n    image: b\n");
  EXPECT_EQ(load_error(t.options()),
            (t.dir() / "compose.yaml").string() + ":4:5: mapping key \"image\" already defined at line 3");
}

TEST(Yaml, UnknownTopLevelKey) {
  temp_project t;
  t.write("compose.yaml", "service:\n  web:\n    image: a\n");
  EXPECT_EQ(load_error(t.options()),
            (t.dir() / "compose.yaml").string() + ":2:3: service: additional properties 'service' not allowed");
}

TEST(Merge, ScalarsMapsAndLists) {
  temp_project t;
  t.write("base.yaml", R"(services:
  web:
    image: nginx:1
    command: ["a", "b"]
    environment:
      A: "1"
      B: "2"
    ports: ["80:80", "443:443"]
    volumes:
      - ./one:/data
      - ./logs:/logs
    cap_add: [NET_ADMIN]
    labels: [x=1]
)");
  t.write("override.yaml", R"(services:
  web:
    image: nginx:2
    command: ["c"]
    environment:
      - B=20
      - C=3
    ports: ["80:80", "8080:8080"]
    volumes:
      - ./two:/data
    cap_add: [NET_ADMIN, SYS_TIME]
    labels:
      y: "2"
)");
  const auto p = load(t.options({"base.yaml", "override.yaml"}));
  const auto& web = p.services.at("web");
  EXPECT_EQ(web.image, "nginx:2");
  EXPECT_EQ(web.command, (std::vector<std::string>{"c"}));  // replaced, not concatenated
  EXPECT_EQ(web.environment.at("A"), "1");
  EXPECT_EQ(web.environment.at("B"), "20");
  EXPECT_EQ(web.environment.at("C"), "3");
  ASSERT_EQ(web.ports.size(), 3u);  // 80:80 de-duplicated
  EXPECT_EQ(web.ports[2].published, "8080");
  ASSERT_EQ(web.volumes.size(), 2u);  // same target: the later one replaces it in place
  EXPECT_EQ(std::get<bind_mount>(web.volumes[0]).source, (t.dir() / "two").string());
  EXPECT_EQ(web.cap_add, (std::vector<std::string>{"NET_ADMIN", "SYS_TIME"}));
  EXPECT_EQ(web.labels.at("x"), "1");
  EXPECT_EQ(web.labels.at("y"), "2");
}

TEST(Merge, ResetAndOverrideTags) {
  temp_project t;
  t.write("base.yaml", R"(services:
  web:
    image: nginx
    ports: ["80:80"]
    environment: {A: "1", B: "2"}
    depends_on: [db]
  db:
    image: postgres
)");
  t.write("override.yaml", R"(services:
  web:
    ports: !reset []
    environment: !override
      C: "3"
    depends_on: !reset null
)");
  const auto p = load(t.options({"base.yaml", "override.yaml"}));
  const auto& web = p.services.at("web");
  EXPECT_TRUE(web.ports.empty());
  EXPECT_EQ(web.environment.size(), 1u);
  EXPECT_EQ(web.environment.at("C"), "3");
  EXPECT_TRUE(web.depends_on.empty());
}

TEST(Merge, RelativePathsResolveAgainstTheFirstFilesDirectory) {
  temp_project t;
  t.write("compose.yaml", "services:\n  web:\n    image: nginx\n");
  t.write("extra/more.yaml", "services:\n  web:\n    volumes: ['./data:/data']\n");
  const auto p = load(t.options({"compose.yaml", "extra/more.yaml"}));
  EXPECT_EQ(std::get<bind_mount>(p.services.at("web").volumes[0]).source, (t.dir() / "data").string());
}

TEST(Merge, BuildStringAndMappingMerge) {
  temp_project t;
  t.write("a.yaml", "services:\n  web:\n    build: ./app\n");
  t.write("b.yaml", "services:\n  web:\n    build:\n      target: prod\n");
  const auto p = load(t.options({"a.yaml", "b.yaml"}));
  const auto& web = p.services.at("web");
  ASSERT_TRUE(web.build);
  EXPECT_EQ(web.build->context, (t.dir() / "app").string());
  EXPECT_EQ(web.build->target, "prod");
  EXPECT_EQ(web.build->dockerfile, "Dockerfile");
}

TEST(Profiles, DisabledServicesAreKeptAside) {
  temp_project t;
  t.write("compose.yaml", R"(services:
  web:
    image: nginx
  debug:
    image: busybox
    profiles: [dev, tools]
  cli:
    image: busybox
    profiles: [tools]
)");
  auto o = t.options();
  auto p = load(o);
  EXPECT_EQ(service_names(p), std::vector<std::string>{"web"});
  EXPECT_EQ(p.disabled_services.size(), 2u);
  EXPECT_EQ(profile_names(p), (std::vector<std::string>{"dev", "tools"}));
  o.profiles = {"dev"};
  EXPECT_EQ(service_names(load(o)), (std::vector<std::string>{"debug", "web"}));
  o.profiles = {"*"};
  EXPECT_EQ(service_names(load(o)).size(), 3u);
}

TEST(Profiles, NamingADisabledServiceEnablesIt) {
  temp_project t;
  t.write("compose.yaml", R"(services:
  web:
    image: nginx
  debug:
    image: busybox
    profiles: [dev]
  other:
    image: busybox
    profiles: [dev]
)");
  auto o = t.options();
  o.enabled_services = {"debug"};
  const auto p = load(o);
  EXPECT_EQ(service_names(p), (std::vector<std::string>{"debug", "other", "web"}));
}

TEST(Profiles, RequiredDependencyOnDisabledService) {
  temp_project t;
  t.write("compose.yaml", R"(services:
  web:
    image: nginx
    depends_on: [db]
  db:
    image: postgres
    profiles: [data]
)");
  EXPECT_THAT(
      load_error(t.options()),
      HasSubstr(
          "services.web.depends_on: service db is required by web but is disabled. Can be enabled by profiles [data]"));
}

TEST(Profiles, OptionalDependencyOnDisabledServiceIsDropped) {
  temp_project t;
  const auto p = t.load_file(R"(services:
  web:
    image: nginx
    depends_on:
      db: {condition: service_healthy, required: false}
  db:
    image: postgres
    profiles: [data]
)");
  EXPECT_TRUE(p.services.at("web").depends_on.empty());
}
