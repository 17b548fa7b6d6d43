// Engine tests of stackctl::deploy (label `engine`): a real dockerd at DOCKER_HOST / the default
// socket and the local image stackctl-test/busybox:latest (scripts/build-test-images.sh).
// Each test uses a unique project name and a guard that force-removes everything labelled with
// it (and the external volumes it made) even when the test fails.
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <string>

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "deploy_engine_fixture.hpp"
#include "stackctl/deploy/down.hpp"
#include "stackctl/deploy/labels.hpp"
#include "stackctl/deploy/lifecycle.hpp"
#include "stackctl/deploy/logs.hpp"
#include "stackctl/deploy/ps.hpp"
#include "stackctl/deploy/up.hpp"
#include "stackctl/engine/client.hpp"
#include "stackctl/engine/error.hpp"
#include "stackctl/model/loader.hpp"

namespace stackctl::deploy {
namespace {

using testing::DeployEngine;
using testing::kImage;
using testing::kSleep;

using ::testing::HasSubstr;

// RFC 3339 with nanoseconds → comparable "YYYY-MM-DDTHH:MM:SS.nnnnnnnnn".
std::string comparable_time(const std::string& t) {
  auto dot = t.find('.');
  auto end = t.find_first_of("Z+-", 19);
  std::string frac = dot == std::string::npos ? "" : t.substr(dot + 1, end - dot - 1);
  frac.resize(9, '0');
  return t.substr(0, 19) + "." + frac;
}

std::string run(const std::string& command) {
  std::array<char, 4096> buf{};
  std::string out;
  FILE* f = ::popen(command.c_str(), "r");
  if (!f) return out;
  while (auto n = std::fread(buf.data(), 1, buf.size(), f)) out.append(buf.data(), n);
  ::pclose(f);
  return out;
}

TEST_F(DeployEngine, SecondUpIsANoOpAndChangingOneServiceRecreatesOnlyIt) {
  std::string yaml = fmt::format(R"(services:
  web:
    image: {0}
    command: {1}
    environment: {{COLOUR: blue}}
    volumes: ["/keep"]
  db:
    image: {0}
    command: {1}
)",
                                 kImage, kSleep);
  auto p = load(yaml);
  auto first = up(p, engine_, fast());
  EXPECT_EQ(first.plan.count(operation::create_container), 2u);
  auto before = ids();
  ASSERT_EQ(before.size(), 2u);
  auto first_web = client_.containers().inspect(before.at(name("web")));
  auto started = first_web.state.started_at;
  ASSERT_EQ(first_web.mounts.size(), 1u);

  auto again = up(load(yaml), engine_, fast());
  EXPECT_TRUE(again.plan.actions.empty());
  EXPECT_EQ(ids(), before);
  EXPECT_EQ(client_.containers().inspect(before.at(name("web"))).state.started_at, started);

  yaml.replace(yaml.find("blue"), 4, "red");
  auto changed = up(load(yaml), engine_, fast());
  EXPECT_EQ(changed.plan.count(operation::rename_container), 1u);
  auto after = ids();
  ASSERT_EQ(after.size(), 2u);
  EXPECT_NE(after.at(name("web")), before.at(name("web")));
  EXPECT_EQ(after.at(name("db")), before.at(name("db")));
  auto web = client_.containers().inspect(after.at(name("web")));
  EXPECT_TRUE(web.state.running);
  EXPECT_THAT(web.config.env, ::testing::Contains("COLOUR=red"));
  ASSERT_EQ(web.mounts.size(), 1u);
  EXPECT_EQ(web.mounts[0].name, first_web.mounts[0].name);  // the anonymous volume is inherited
  EXPECT_EQ(web.name, "/" + name("web"));                   // renamed from the temporary name
}

TEST_F(DeployEngine, DependentStartsAfterDependencyIsHealthy) {
  auto p = load(fmt::format(R"(services:
  db:
    image: {0}
    command: ["sh", "-c", "trap 'exit 0' TERM; sleep 1; touch /tmp/ready; sleep 3600 & wait"]
    healthcheck:
      test: ["CMD", "test", "-f", "/tmp/ready"]
      interval: 300ms
      retries: 50
  web:
    image: {0}
    command: {1}
    depends_on:
      db: {{condition: service_healthy}}
)",
                            kImage, kSleep));
  up(p, engine_, fast());
  auto db = client_.containers().inspect(name("db"));
  auto web = client_.containers().inspect(name("web"));
  ASSERT_TRUE(db.state.health);
  std::string healthy_at;
  for (const auto& entry : db.state.health->log)
    if (entry.exit_code == 0) {
      healthy_at = comparable_time(entry.end);
      break;
    }
  ASSERT_FALSE(healthy_at.empty()) << "no passing health probe in the log";
  EXPECT_GE(comparable_time(web.state.started_at), healthy_at);
  EXPECT_GT(comparable_time(web.state.started_at), comparable_time(db.state.started_at));
}

TEST_F(DeployEngine, BindAndVolumeMountsAsInspectShowsThem) {
  auto p = load(fmt::format(R"(services:
  web:
    image: {0}
    command: {1}
    volumes: [./site:/site:ro, data:/data, /anon]
volumes:
  data: {{}}
)",
                            kImage, kSleep));
  ASSERT_FALSE(std::filesystem::exists(dir_ / "site"));
  up(p, engine_, fast());
  EXPECT_TRUE(std::filesystem::is_directory(dir_ / "site"));  // up creates a short-syntax bind source
  auto c = client_.containers().inspect(name("web"));
  std::map<std::string, engine::mount_point> by_target;
  for (const auto& m : c.mounts) by_target[m.destination] = m;
  ASSERT_EQ(by_target.size(), 3u);
  EXPECT_EQ(by_target.at("/site").type, "bind");
  EXPECT_EQ(by_target.at("/site").source, (dir_ / "site").string());
  EXPECT_FALSE(by_target.at("/site").rw);
  EXPECT_EQ(by_target.at("/data").type, "volume");
  EXPECT_EQ(by_target.at("/data").name, project_name_ + "_data");
  EXPECT_EQ(by_target.at("/anon").type, "volume");
  auto vol = client_.volumes().inspect(project_name_ + "_data");
  EXPECT_EQ(vol.labels.at("com.docker.compose.volume"), "data");
  EXPECT_EQ(vol.labels.at("com.docker.compose.project"), project_name_);
}

TEST_F(DeployEngine, ServicesResolveEachOtherByServiceNameAndAlias) {
  auto p = load(fmt::format(R"(services:
  db:
    image: {0}
    command: {1}
    networks:
      default:
        aliases: [database]
      back: {{}}
  probe:
    image: {0}
    command: ["sh", "-c", "nslookup db && nslookup database && ping -c1 -W2 db && ping -c1 -W2 {2}-db-1"]
    depends_on: [db]
networks:
  back: {{}}
)",
                            kImage, kSleep, project_name_));
  up(p, engine_, fast());
  auto db = client_.containers().inspect(name("db"));
  EXPECT_EQ(db.networks.size(), 2u);  // primary at create, the other connected before start
  auto result = client_.containers().wait(name("probe"));
  EXPECT_EQ(result.status_code, 0) << run("docker logs " + name("probe") + " 2>&1");
}

TEST_F(DeployEngine, OrphansAreWarnedAboutThenRemoved) {
  auto both =
      fmt::format("services:\n  a: {{image: {0}, command: {1}}}\n  b: {{image: {0}, command: {1}}}\n", kImage, kSleep);
  up(load(both), engine_, fast());
  auto only_a = fmt::format("services:\n  a: {{image: {0}, command: {1}}}\n", kImage, kSleep);
  auto r = up(load(only_a), engine_, fast());
  ASSERT_EQ(r.plan.orphans.size(), 1u);
  EXPECT_EQ(r.plan.orphans[0], name("b"));
  EXPECT_EQ(ids().size(), 2u);
  auto o = fast();
  o.remove_orphans = true;
  up(load(only_a), engine_, o);
  auto left = ids();
  EXPECT_EQ(left.size(), 1u);
  EXPECT_TRUE(left.count(name("a")));
}

TEST_F(DeployEngine, DownKeepsVolumesAndDownVRemovesOnlyTheProjectsOwn) {
  auto external = project_name_ + "-ext";
  guard_.also_volume(external);
  engine::volume_create_request vr;
  vr.name = external;
  client_.volumes().create(vr);
  auto p = load(fmt::format(R"(services:
  web:
    image: {0}
    command: {1}
    volumes: [own:/own, shared:/shared, ./host:/host, /anon]
volumes:
  own: {{}}
  shared: {{external: true, name: {2}}}
)",
                            kImage, kSleep, external));
  up(p, engine_, fast());
  for (const auto& m : client_.containers().inspect(name("web")).mounts)
    if (m.destination == "/anon") guard_.also_volume(m.name);  // plain down keeps it, as compose does
  down_options keep;
  keep.timeout = 2;
  auto r1 = down(p, engine_, keep);
  EXPECT_EQ(r1.containers.size(), 1u);
  EXPECT_TRUE(ids().empty());
  EXPECT_NO_THROW(client_.volumes().inspect(project_name_ + "_own"));
  EXPECT_THROW(client_.networks().inspect(project_name_ + "_default"), engine::engine_error);

  up(p, engine_, fast());
  auto anon = client_.containers().inspect(name("web"));
  std::string anon_volume;
  for (const auto& m : anon.mounts)
    if (m.destination == "/anon") anon_volume = m.name;
  ASSERT_FALSE(anon_volume.empty());
  down_options all;
  all.timeout = 2;
  all.remove_volumes = true;
  down(project_name_, engine_, all);  // from labels alone
  EXPECT_THROW(client_.volumes().inspect(project_name_ + "_own"), engine::engine_error);
  EXPECT_NO_THROW(client_.volumes().inspect(external));
  EXPECT_THROW(client_.volumes().inspect(anon_volume), engine::engine_error);  // anonymous: removed
  EXPECT_TRUE(std::filesystem::is_directory(dir_ / "host"));                   // a host directory is never removed
}

TEST_F(DeployEngine, MissingExternalVolumeLeavesNothingCreated) {
  auto p = load(fmt::format(R"(services:
  web: {{image: {0}, command: {1}, volumes: [own:/o, gone:/g]}}
volumes:
  own: {{}}
  gone: {{external: true, name: {2}-missing}}
)",
                            kImage, kSleep, project_name_));
  try {
    up(p, engine_, fast());
    FAIL() << "no error";
  } catch (const std::runtime_error& e) {
    EXPECT_THAT(e.what(), HasSubstr(fmt::format("external volume \"{}-missing\" not found", project_name_)));
  }
  auto label = engine::filters::label(labels::project, project_name_);
  EXPECT_TRUE(ids().empty());
  EXPECT_TRUE(client_.networks().list(label).empty());
  EXPECT_TRUE(client_.volumes().list(label).volumes.empty());
}

TEST_F(DeployEngine, MissingImageWithPullNeverIsAClearError) {
  auto p = load("services:\n  web: {image: stackctl-test/does-not-exist:1}\n");
  try {
    up(p, engine_, fast());
    FAIL() << "no error";
  } catch (const std::runtime_error& e) {
    EXPECT_THAT(e.what(), HasSubstr("image \"stackctl-test/does-not-exist:1\" of service \"web\""));
  }
  EXPECT_TRUE(ids().empty());
}

TEST_F(DeployEngine, PsAndDockerComposeV1ListTheStack) {
  auto p = load(fmt::format(R"(services:
  web:
    image: {0}
    command: {1}
    ports: ["80"]
  worker:
    image: {0}
    command: {1}
)",
                            kImage, kSleep));
  up(p, engine_, fast());
  auto rows = ps(project_name_, engine_);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].name, name("web"));
  EXPECT_EQ(rows[0].service, "web");
  EXPECT_EQ(rows[0].state, "running");
  EXPECT_THAT(rows[0].ports, HasSubstr("->80/tcp"));
  EXPECT_EQ(rows[1].name, name("worker"));

  auto out = run(fmt::format("cd '{}' && docker-compose -p {} ps 2>&1", dir_.string(), project_name_));
  EXPECT_THAT(out, HasSubstr(name("web"))) << out;
  EXPECT_THAT(out, HasSubstr(name("worker"))) << out;
  EXPECT_THAT(out, HasSubstr("Up")) << out;
}

TEST_F(DeployEngine, ScaleAddsAndRemovesContainersByNumber) {
  auto p = load(fmt::format("services:\n  w: {{image: {0}, command: {1}}}\n", kImage, kSleep));
  auto o = fast();
  o.scale = {{"w", 3}};
  up(p, engine_, o);
  auto three = ids();
  EXPECT_EQ(three.size(), 3u);
  EXPECT_TRUE(three.count(name("w", 3)));
  o.scale = {{"w", 1}};
  auto r = up(p, engine_, o);
  EXPECT_EQ(r.plan.count(operation::remove_container), 2u);
  auto one = ids();
  ASSERT_EQ(one.size(), 1u);
  EXPECT_EQ(one.at(name("w")), three.at(name("w")));  // number 1 kept as it was
}

TEST_F(DeployEngine, RecreatingADependencyRestartsDependentsDeclaredWithRestartTrue) {
  std::string yaml = fmt::format(R"(services:
  db:
    image: {0}
    command: {1}
    environment: {{V: "1"}}
  web:
    image: {0}
    command: {1}
    depends_on:
      db: {{condition: service_started, restart: true}}
)",
                                 kImage, kSleep);
  up(load(yaml), engine_, fast());
  auto before = ids();
  auto web_started = client_.containers().inspect(name("web")).state.started_at;
  yaml.replace(yaml.find("\"1\""), 3, "\"2\"");
  auto r = up(load(yaml), engine_, fast());
  EXPECT_EQ(r.plan.count(operation::rename_container), 1u);
  EXPECT_EQ(r.plan.count(operation::restart_container), 1u);
  auto after = ids();
  EXPECT_NE(after.at(name("db")), before.at(name("db")));
  EXPECT_EQ(after.at(name("web")), before.at(name("web")));  // restarted, not recreated
  auto web = client_.containers().inspect(name("web"));
  EXPECT_TRUE(web.state.running);
  EXPECT_GT(comparable_time(web.state.started_at), comparable_time(web_started));
}

TEST_F(DeployEngine, LogsArePrefixedAndDemultiplexed) {
  auto p = load(fmt::format(R"(services:
  talker:
    image: {0}
    command: ["sh", "-c", "echo to-stdout; echo to-stderr >&2"]
  other:
    image: {0}
    command: ["sh", "-c", "echo hello from other"]
)",
                            kImage));
  up(p, engine_, fast());
  for (const auto& [n, id] : ids()) client_.containers().wait(id);
  std::vector<std::string> lines;
  logs(project_name_, engine_, {}, [&](std::string_view l) { lines.emplace_back(l); });
  EXPECT_THAT(lines, ::testing::UnorderedElementsAre("talker-1 | to-stdout\n", "talker-1 | to-stderr\n",
                                                     "other-1  | hello from other\n"));
}

TEST_F(DeployEngine, StopStartRestartRmFromLabels) {
  auto p = load(fmt::format(R"(services:
  web:
    image: {0}
    command: {1}
    depends_on: [db]
  db:
    image: {0}
    command: {1}
)",
                            kImage, kSleep));
  up(p, engine_, fast());
  lifecycle_options lo;
  lo.timeout = 2;
  stop(project_name_, engine_, lo);
  auto web = client_.containers().inspect(name("web"));
  auto db = client_.containers().inspect(name("db"));
  EXPECT_FALSE(web.state.running);
  EXPECT_FALSE(db.state.running);
  EXPECT_LE(comparable_time(web.state.finished_at), comparable_time(db.state.finished_at));  // reverse order

  start(project_name_, engine_, lo);
  web = client_.containers().inspect(name("web"));
  db = client_.containers().inspect(name("db"));
  EXPECT_TRUE(web.state.running);
  EXPECT_GE(comparable_time(web.state.started_at), comparable_time(db.state.started_at));

  auto before = comparable_time(web.state.started_at);
  restart(project_name_, engine_, lo);
  EXPECT_GT(comparable_time(client_.containers().inspect(name("web")).state.started_at), before);

  EXPECT_TRUE(rm(project_name_, engine_, {}).empty());  // running containers are not removed
  rm_options ro;
  ro.stop = true;
  ro.timeout = 2;
  ro.services = {"web"};
  EXPECT_THAT(rm(project_name_, engine_, ro), ::testing::ElementsAre(name("web")));
  EXPECT_EQ(ids().size(), 1u);
}

TEST_F(DeployEngine, WaitReturnsOnceEveryServiceIsHealthy) {
  auto p = load(fmt::format(R"(services:
  slow:
    image: {0}
    command: ["sh", "-c", "trap 'exit 0' TERM; sleep 1; touch /tmp/ok; sleep 3600 & wait"]
    healthcheck: {{test: ["CMD", "test", "-f", "/tmp/ok"], interval: 300ms, retries: 50}}
)",
                            kImage));
  auto o = fast();
  o.wait = true;
  up(p, engine_, o);
  auto c = client_.containers().inspect(name("slow"));
  ASSERT_TRUE(c.state.health);
  EXPECT_EQ(c.state.health->status, "healthy");
}

TEST_F(DeployEngine, UnhealthyDependencyFailsUpNamingTheContainer) {
  auto p = load(fmt::format(R"(services:
  db:
    image: {0}
    command: {1}
    healthcheck: {{test: ["CMD", "false"], interval: 200ms, retries: 1}}
  web:
    image: {0}
    command: {1}
    depends_on:
      db: {{condition: service_healthy}}
)",
                            kImage, kSleep));
  try {
    up(p, engine_, fast());
    FAIL() << "no error";
  } catch (const std::runtime_error& e) {
    EXPECT_THAT(e.what(), HasSubstr(fmt::format("container {} is unhealthy", name("db"))));
  }
  EXPECT_FALSE(client_.containers().inspect(name("web")).state.running);
  EXPECT_EQ(client_.containers().inspect(name("web")).state.status, "created");
}

}  // namespace
}  // namespace stackctl::deploy
