// Engine tests of what issue 20 found (label `engine`): data kept, interrupted work converged,
// failures found before anything is created and said plainly.
#include <cstdlib>
#include <filesystem>
#include <string>

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "deploy_engine_fixture.hpp"
#include "stackctl/deploy/down.hpp"
#include "stackctl/deploy/naming.hpp"

namespace stackctl::deploy {
namespace {

using testing::DeployEngine;
using ::testing::HasSubstr;
using testing::kImage;
using testing::kSleep;

// Issue 20.1: `docker volume create` without a name gives 64 hex characters, the shape of an
// anonymous volume's name. Declared external, such a volume must survive `down -v` — from the
// project and from labels alone — while the anonymous volume a recreate re-mounted by name goes.
TEST_F(DeployEngine, DownVKeepsAnExternalVolumeNamedLikeAnAnonymousOne) {
  auto hex = client_.volumes().create(engine::volume_create_request{}).name;
  guard_.also_volume(hex);
  ASSERT_EQ(hex.size(), 64u);
  auto yaml = [&](const std::string& value) {
    return fmt::format(R"(services:
  web:
    image: {0}
    command: {1}
    environment: {{VALUE: "{3}"}}
    volumes: [data:/data, /anon]
volumes:
  data: {{external: true, name: {2}}}
)",
                       kImage, kSleep, hex, value);
  };
  up(load(yaml("1")), engine_, fast());
  auto p = load(yaml("2"));
  up(p, engine_, fast());  // recreated: the anonymous /anon volume is re-mounted by name
  std::string anon;
  for (const auto& m : client_.containers().inspect(name("web")).mounts)
    if (m.destination == "/anon") anon = m.name;
  ASSERT_FALSE(anon.empty());
  guard_.also_volume(anon);

  down_options all;
  all.timeout = 2;
  all.remove_volumes = true;
  auto r = down(p, engine_, all);
  EXPECT_NO_THROW(client_.volumes().inspect(hex)) << "down -v removed the external volume";
  EXPECT_THAT(r.volumes, ::testing::Not(::testing::Contains(hex)));
  EXPECT_THROW(client_.volumes().inspect(anon), engine::engine_error) << "inherited anonymous volume left";

  up(load(yaml("3")), engine_, fast());
  down(project_name_, engine_, all);  // no project: labels alone
  EXPECT_NO_THROW(client_.volumes().inspect(hex)) << "down -v by project name removed the external volume";
}

// Issue 20.5: a recreate interrupted after the old container went but before the rename leaves
// the new one under its temporary name; the next `up` renames it and recreates nothing.
TEST_F(DeployEngine, ContainerLeftUnderATemporaryNameGetsItsNameBack) {
  auto p = load(fmt::format("services:\n  web: {{image: {0}, command: {1}}}\n", kImage, kSleep));
  up(p, engine_, fast());
  auto id = ids().at(name("web"));
  client_.containers().rename(id, temporary_name(id, name("web")));
  ASSERT_FALSE(ids().count(name("web")));
  up(p, engine_, fast());
  auto now = ids();
  EXPECT_EQ(now.size(), 1u);
  ASSERT_TRUE(now.count(name("web"))) << "still under its temporary name";
  EXPECT_EQ(now.at(name("web")), id) << "recreated instead of renamed";
  EXPECT_TRUE(client_.containers().inspect(id).state.running);
}

// Issue 20.6: a bind source on a read-only file system is found before any network, volume or
// container exists.
TEST_F(DeployEngine, BindSourceOnAReadOnlyFileSystemFailsBeforeAnythingIsCreated) {
  auto ro = dir_ / "ro";
  std::filesystem::create_directories(ro);
  ASSERT_EQ(std::system(fmt::format("mount -t tmpfs -o ro,size=1m tmpfs '{}'", ro.string()).c_str()), 0)
      << "mounting a read-only tmpfs needs root, as the engine tests do";
  struct unmount {
    std::string path;
    ~unmount() { (void)std::system(fmt::format("umount '{}'", path).c_str()); }
  } unmount_ro{ro.string()};
  auto p = load(fmt::format(R"(services:
  web: {{image: {0}, command: {1}, volumes: [own:/o, ./ro/data:/data]}}
volumes:
  own: {{}}
)",
                            kImage, kSleep));
  try {
    up(p, engine_, fast());
    FAIL() << "no error";
  } catch (const std::runtime_error& e) {
    EXPECT_THAT(e.what(), HasSubstr(fmt::format("service \"web\": bind source {}/data cannot be created: {}: "
                                                "Read-only file system",
                                                ro.string(), ro.string())));
  }
  auto label = engine::filters::label(labels::project, project_name_);
  EXPECT_TRUE(ids().empty());
  EXPECT_TRUE(client_.networks().list(label).empty());
  EXPECT_TRUE(client_.volumes().list(label).volumes.empty());
}

// Issue 20.6: a container that dies of a full disk under `up --wait` is not a "dependency", and the
// error says what happened (its last output) without a trip to `logs`.
TEST_F(DeployEngine, WaitSaysWhyAContainerExitedAndCallsItNoDependency) {
  auto p = load(fmt::format(R"(services:
  filler:
    image: {0}
    command: ["sh", "-c", "dd if=/dev/zero of=/small/fill bs=1024 count=4096 || exit 1; sleep 3600"]
    tmpfs: ["/small:size=64k"]
    # Not healthy before its first check, a minute away: --wait is still waiting when dd fails
    # (without a healthcheck "running" would do, and the container may still be running then).
    healthcheck: {{test: ["CMD", "true"], interval: 60s}}
)",
                            kImage));
  auto o = fast();
  o.wait = true;
  try {
    up(p, engine_, o);
    FAIL() << "no error";
  } catch (const std::runtime_error& e) {
    EXPECT_THAT(e.what(), ::testing::StartsWith(fmt::format("container {} exited (1); last output: ", name("filler"))));
    EXPECT_THAT(e.what(), HasSubstr("No space left on device"));
    EXPECT_THAT(e.what(), ::testing::Not(HasSubstr("dependency")));
  }
}

}  // namespace
}  // namespace stackctl::deploy
