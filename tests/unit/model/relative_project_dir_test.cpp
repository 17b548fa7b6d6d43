// A relative project directory (issue #18): compose-go cli/options.go makes the working directory
// absolute (filepath.Abs, against the current directory) and names the project after its base name
// (withNamePrecedenceLoad; TestProjectNameFromWorkingDir).
#include <gmock/gmock.h>

#include "project_test_support.hpp"
#include "stackctl/model/project_location.hpp"

using namespace stackctl::model;
using stackctl::model::testing::temp_project;

namespace {
const char* const web = "services:\n  web:\n    image: nginx\n";
}  // namespace

TEST(RelativeProjectDirectory, DotAndDotDotAreMadeAbsoluteAndNamedAfterTheirBaseName) {
  temp_project t("myapp");
  t.write("compose.yaml", web).write("sub/keep", "");
  auto o = t.options();
  o.current_directory = t.dir() / "sub";

  o.project_directory = ".";
  auto where = locate_project(o);
  EXPECT_EQ(where.project_directory, t.dir() / "sub");
  EXPECT_EQ(where.project_name, "sub");

  o.project_directory = "..";
  where = locate_project(o);
  EXPECT_EQ(where.project_directory, t.dir());
  EXPECT_EQ(where.project_name, "myapp");
  EXPECT_EQ(load(o).name, "myapp");
}

TEST(RelativeProjectDirectory, AFileInTheParentNamesTheParent) {
  temp_project t("myapp");
  t.write("compose.yaml", web).write("sub/keep", "");
  auto o = t.options({"../compose.yaml"});
  o.current_directory = t.dir() / "sub";
  const auto where = locate_project(o);
  EXPECT_EQ(where.project_directory, t.dir());
  EXPECT_EQ(where.project_name, "myapp");
  EXPECT_EQ(load(o).name, "myapp");
}

TEST(RelativeProjectDirectory, ARelativeCurrentDirectoryIsMadeAbsolute) {
  temp_project t("myapp");
  t.write("compose.yaml", web);
  auto o = t.options();
  o.current_directory = t.dir() / "." / "";
  const auto where = locate_project(o);
  EXPECT_EQ(where.project_directory, t.dir());
  EXPECT_EQ(where.project_name, "myapp");
}
