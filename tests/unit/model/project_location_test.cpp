// Where the project is (stackctl/model/project_location.hpp): compose files, env files, directories,
// the project name and where it came from, decided before anything is loaded.
#include <gmock/gmock.h>

#include "project_test_support.hpp"
#include "stackctl/model/project_location.hpp"

using namespace stackctl::model;
using stackctl::model::testing::load_error;
using stackctl::model::testing::temp_project;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

namespace {

const char* const web = "services:\n  web:\n    image: nginx\n";

std::string at(const temp_project& t, const std::string& name) { return (t.dir() / name).string(); }

}  // namespace

TEST(Location, FileFlagsAreAbsoluteAndTheFirstOneNamesTheProjectDirectory) {
  temp_project t;
  t.write("deploy/a.yaml", web).write("b.yaml", web);
  const auto where = locate_project(t.options({"deploy/a.yaml", "b.yaml"}));
  EXPECT_THAT(where.compose_files, ElementsAre(at(t, "deploy/a.yaml"), at(t, "b.yaml")));
  EXPECT_EQ(where.working_directory, t.dir());
  EXPECT_EQ(where.project_directory, t.dir() / "deploy");
  EXPECT_EQ(where.project_name, "deploy");
  EXPECT_EQ(where.name_source, project_name_source::directory);
}

TEST(Location, ProjectDirectoryFlagWinsAndStdinIsNamedAsADash) {
  temp_project t;
  auto o = t.options({"-"});
  EXPECT_EQ(locate_project(o).project_directory, t.dir());
  o.project_directory = "elsewhere";
  const auto where = locate_project(o);
  EXPECT_THAT(where.compose_files, ElementsAre("-"));
  EXPECT_EQ(where.project_directory, t.dir() / "elsewhere");
}

TEST(Location, MissingOrDirectoryComposeFilesAreErrors) {
  temp_project t;
  t.write("sub/x", "");
  EXPECT_THROW(locate_project(t.options({"missing.yaml"})), model_error);
  try {
    locate_project(t.options({"sub"}));
    ADD_FAILURE() << "a directory was accepted";
  } catch (const model_error& e) {
    EXPECT_EQ(std::string(e.what()), at(t, "sub") + ": is a directory, not a compose file");
  }
}

TEST(Location, ComposeFileVariableUsesItsSeparatorAndMovesTheProjectDirectory) {
  temp_project t;
  t.write("conf/a.yaml", web).write("conf/b.yaml", web).write("conf/.env", "FROM_CONF=1\n");
  auto o = t.options();
  o.environment["COMPOSE_FILE"] = "conf/a.yaml;;conf/b.yaml";
  o.environment["COMPOSE_PATH_SEPARATOR"] = ";";
  const auto where = locate_project(o);
  EXPECT_THAT(where.compose_files, ElementsAre(at(t, "conf/a.yaml"), at(t, "conf/b.yaml")));
  EXPECT_EQ(where.project_directory, t.dir() / "conf");
  EXPECT_EQ(where.environment.at("FROM_CONF"), "1");  // the project directory's own .env
  EXPECT_THAT(where.env_files, ElementsAre(t.dir() / "conf" / ".env"));
}

TEST(Location, ComposeFileMaySitInTheDotEnv) {
  temp_project t;
  t.write(".env", "COMPOSE_FILE=other.yaml\n").write("other.yaml", web).write("compose.yaml", web);
  EXPECT_THAT(locate_project(t.options()).compose_files, ElementsAre(at(t, "other.yaml")));
  // Commands that only name the .env do not read it.
  EXPECT_THAT(locate_project(t.options(), env_file_reading::skip).compose_files, ElementsAre(at(t, "compose.yaml")));
}

TEST(Location, DiscoveryGoesUpwardsAndTakesTheOverride) {
  temp_project t;
  t.write("compose.yaml", web).write("docker-compose.yml", web).write("compose.override.yaml", web);
  t.write(".env", "A=parent\nB=parent\n").write("sub/.env", "A=sub\n");
  auto o = t.options();
  o.current_directory = t.dir() / "sub";
  const auto where = locate_project(o);
  EXPECT_THAT(where.compose_files, ElementsAre(at(t, "compose.yaml"), at(t, "compose.override.yaml")));
  EXPECT_EQ(where.project_directory, t.dir());
  EXPECT_EQ(where.working_directory, t.dir() / "sub");
  // The .env of the directory compose started in comes first; the project directory's adds the rest.
  EXPECT_THAT(where.env_files, ElementsAre(t.dir() / "sub" / ".env", t.dir() / ".env"));
  EXPECT_EQ(where.environment.at("A"), "sub");
  EXPECT_EQ(where.environment.at("B"), "parent");
  ASSERT_EQ(where.warnings.size(), 1u);
  EXPECT_EQ(where.warnings[0], "Found multiple config files with supported names: " + at(t, "compose.yaml") + ", " +
                                   at(t, "docker-compose.yml") + "\nUsing " + at(t, "compose.yaml"));
}

TEST(Location, NothingFoundIsAnEmptyListAndLoadSaysNoConfigFile) {
  temp_project t;
  t.write(".env", "X=1\n");
  const auto where = locate_project(t.options());
  EXPECT_THAT(where.compose_files, IsEmpty());
  EXPECT_EQ(where.project_directory, t.dir());
  EXPECT_EQ(where.environment.at("X"), "1");
  EXPECT_THROW(load(t.options()), no_config_file);
}

TEST(Location, NamedEnvFilesFromTheFlagOrTheVariable) {
  temp_project t;
  t.write("compose.yaml", web).write(".env", "D=1\n").write("one.env", "X=one\n").write("two.env", "X=two\n");
  auto o = t.options();
  o.environment["COMPOSE_ENV_FILES"] = "one.env,two.env";
  auto where = locate_project(o);
  EXPECT_TRUE(where.env_files_named);
  EXPECT_THAT(where.env_files, ElementsAre(t.dir() / "one.env", t.dir() / "two.env"));
  EXPECT_EQ(where.environment.at("X"), "two");
  EXPECT_EQ(where.environment.count("D"), 0u);
  EXPECT_EQ(where.dotenv_path(), t.dir() / "one.env");
  o.env_files = {"two.env"};  // the flag wins over the variable
  where = locate_project(o);
  EXPECT_THAT(where.env_files, ElementsAre(t.dir() / "two.env"));
  o.env_files = {"missing.env"};
  EXPECT_EQ(load_error(o), "couldn't find env file: " + at(t, "missing.env"));
  // Only named, not read: `env init --env-file new.env` writes it.
  EXPECT_THAT(locate_project(o, env_file_reading::skip).env_files, ElementsAre(t.dir() / "missing.env"));
}

TEST(Location, DisabledDefaultEnvFile) {
  temp_project t;
  t.write("compose.yaml", web).write(".env", "D=1\n");
  auto o = t.options();
  o.environment["COMPOSE_DISABLE_ENV_FILE"] = "true";
  const auto where = locate_project(o);
  EXPECT_TRUE(where.default_env_file_disabled);
  EXPECT_THAT(where.env_files, IsEmpty());
  EXPECT_EQ(where.environment.count("D"), 0u);
  EXPECT_EQ(where.dotenv_path(), t.dir() / ".env");
  o.environment["COMPOSE_DISABLE_ENV_FILE"] = "on";
  EXPECT_THROW(locate_project(o), model_error);
}

TEST(Location, ProjectNamePrecedence) {
  temp_project t("My.App");
  t.write("compose.yaml", web);
  auto o = t.options();
  auto where = locate_project(o);
  EXPECT_EQ(where.project_name, "myapp");
  EXPECT_EQ(where.name_source, project_name_source::directory);
  t.write(".env", "COMPOSE_PROJECT_NAME=from-dotenv\n");
  where = locate_project(o);
  EXPECT_EQ(where.project_name, "from-dotenv");
  EXPECT_EQ(where.name_source, project_name_source::environment);
  o.project_name = "flag";
  where = locate_project(o);
  EXPECT_EQ(where.project_name, "flag");
  EXPECT_EQ(where.name_source, project_name_source::flag);
  o.project_name = "Not Valid";
  EXPECT_THROW(locate_project(o), model_error);
}

TEST(Location, TheFilesNameComesBeforeTheDirectoryOnly) {
  temp_project t;
  t.write("compose.yaml", std::string("name: from-file\n") + web);
  EXPECT_EQ(load(t.options()).name, "from-file");
  auto o = t.options();
  o.environment["COMPOSE_PROJECT_NAME"] = "from-env";
  EXPECT_EQ(load(o).name, "from-env");
}

TEST(Location, WithEnvironmentDecidesTheNameAgainUnlessTheFlagNamedIt) {
  temp_project t;
  t.write("compose.yaml", web);
  auto o = t.options();
  auto where = with_environment(locate_project(o), {{"COMPOSE_PROJECT_NAME", "derived"}});
  EXPECT_EQ(where.project_name, "derived");
  EXPECT_EQ(where.name_source, project_name_source::environment);
  EXPECT_EQ(load(o, where).name, "derived");
  where = with_environment(std::move(where), {});
  EXPECT_EQ(where.project_name, "app");
  EXPECT_EQ(where.name_source, project_name_source::directory);
  o.project_name = "flag";
  EXPECT_EQ(with_environment(locate_project(o), {{"COMPOSE_PROJECT_NAME", "derived"}}).project_name, "flag");
}
