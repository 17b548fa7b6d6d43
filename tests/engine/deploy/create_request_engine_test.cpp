// Engine tests of the create requests compose v2 sends (issue 19), against the real dockerd and
// the local image stackctl-test/busybox:latest (scripts/build-test-images.sh): resource limits
// (inspect and the cgroup files inside the container), mac_address, links, a bare environment
// key, deploy.restart_policy without condition, cgroup: private, a changed network recreated with
// its containers reconnected, a changed volume reported, content/environment secrets and configs
// readable before the command runs. Every test uses a unique project and removes what it made.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <set>
#include <string>

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "deploy_engine_fixture.hpp"
#include "stackctl/deploy/labels.hpp"
#include "stackctl/deploy/up.hpp"
#include "stackctl/engine/client.hpp"
#include "stackctl/engine/error.hpp"
#include "stackctl/model/loader.hpp"

namespace stackctl::deploy {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;

using testing::kImage;
using testing::kSleep;

// The deploy fixture (unique project, guard, load, fast options) plus what these tests read back.
class CreateRequestEngine : public testing::DeployEngine {
 protected:
  up_result up_collecting(const model::project& p, std::vector<progress_event>& events) {
    std::mutex m;
    return up(p, engine_, fast(), [&](const progress_event& e) {
      std::lock_guard lock(m);
      events.push_back(e);
    });
  }

  // Waits for the container to exit; returns its exit code and everything it printed.
  std::pair<int, std::string> finished(const std::string& container) {
    auto result = client_.containers().wait(container);
    std::string out;
    engine::logs_options lo;
    client_.containers().logs(
        container, lo, engine::log_sink{[&](std::string_view s) { out += s; }, [&](std::string_view s) { out += s; }});
    return {static_cast<int>(result.status_code), out};
  }
};

TEST_F(CreateRequestEngine, ResourceLimitsAreInInspectAndTheContainerRunsUnderThem) {
  auto p = load(fmt::format(R"(services:
  limited:
    image: {0}
    command: ["sh", "-c", "cd /sys/fs/cgroup && cat memory/memory.limit_in_bytes memory/memory.memsw.limit_in_bytes memory/memory.soft_limit_in_bytes memory/memory.swappiness pids/pids.max cpu/cpu.cfs_quota_us cpu/cpu.shares cpuset/cpuset.cpus /proc/self/oom_score_adj && grep oom_kill_disable memory/memory.oom_control && grep 'c 13:37 rm' devices/devices.list"]
    mem_limit: 64m
    memswap_limit: 128m
    mem_reservation: 32m
    mem_swappiness: 10
    cpus: 0.5
    cpu_shares: 512
    cpuset: "0"
    pids_limit: 42
    oom_score_adj: 100
    oom_kill_disable: true
    device_cgroup_rules: ["c 13:37 rm"]
  quota:
    image: {0}
    command: ["sh", "-c", "cd /sys/fs/cgroup && cat cpu/cpu.cfs_period_us cpu/cpu.cfs_quota_us memory/memory.limit_in_bytes memory/memory.soft_limit_in_bytes pids/pids.max && for i in 1 2 3 4 5 6 7 8 9 10; do sleep 1 & done; wait"]
    cpu_period: 100000
    cpu_quota: 25000
    mem_limit: 1g
    pids_limit: 100
    deploy:
      resources:
        limits: {{memory: 48M, pids: 7}}
        reservations: {{memory: 16M}}
)",
                            kImage));
  up(p, engine_, fast());

  auto [code, out] = finished(name("limited"));
  EXPECT_EQ(code, 0) << out;
  // Read inside the container (cgroup v1 on this daemon): the limits are in force.
  EXPECT_EQ(out, "67108864\n134217728\n33554432\n10\n42\n50000\n512\n0\n100\noom_kill_disable 1\nc 13:37 rm\n");
  const auto limited = client_.containers().inspect(name("limited"));
  const auto& hc = limited.raw["HostConfig"];
  EXPECT_EQ(hc["Memory"], 67108864);
  EXPECT_EQ(hc["MemorySwap"], 134217728);
  EXPECT_EQ(hc["MemoryReservation"], 33554432);
  EXPECT_EQ(hc["MemorySwappiness"], 10);
  EXPECT_EQ(hc["NanoCpus"], 500000000);
  EXPECT_EQ(hc["CpuShares"], 512);
  EXPECT_EQ(hc["CpusetCpus"], "0");
  EXPECT_EQ(hc["PidsLimit"], 42);
  EXPECT_EQ(hc["OomScoreAdj"], 100);
  EXPECT_EQ(hc["OomKillDisable"], true);
  EXPECT_EQ(hc["DeviceCgroupRules"], nlohmann::json::array({"c 13:37 rm"}));

  // deploy.resources override mem_limit/pids_limit/mem_reservation; the pids limit is obeyed: ten
  // background sleeps cannot all be forked.
  auto [qcode, qout] = finished(name("quota"));
  EXPECT_THAT(qout, HasSubstr("100000\n25000\n50331648\n16777216\n7\n"));
  EXPECT_THAT(qout, HasSubstr("can't fork"));
  const auto quota = client_.containers().inspect(name("quota"));
  const auto& qhc = quota.raw["HostConfig"];
  EXPECT_EQ(qhc["CpuPeriod"], 100000);
  EXPECT_EQ(qhc["CpuQuota"], 25000);
  EXPECT_EQ(qhc["Memory"], 50331648);
  EXPECT_EQ(qhc["PidsLimit"], 7);
  EXPECT_EQ(qhc["MemoryReservation"], 16777216);
}

TEST_F(CreateRequestEngine, MacAddressIsTheContainersOnItsNetwork) {
  auto p = load(fmt::format(R"(services:
  web:
    image: {0}
    command: ["cat", "/sys/class/net/eth0/address"]
    mac_address: "02:42:ac:11:00:42"
)",
                            kImage));
  up(p, engine_, fast());
  auto [code, out] = finished(name("web"));
  EXPECT_EQ(code, 0) << out;
  EXPECT_EQ(out, "02:42:ac:11:00:42\n");
  // API 1.41: the container-level field (the endpoint's from 1.44).
  EXPECT_EQ(client_.containers().inspect(name("web")).raw["Config"]["MacAddress"], "02:42:ac:11:00:42");
}

TEST_F(CreateRequestEngine, ALinkAliasResolvesFromTheLinkingContainerOnly) {
  auto p = load(fmt::format(R"(services:
  db:
    image: {0}
    command: {1}
  web:
    image: {0}
    command: ["sh", "-c", "nslookup database && ping -c1 -W2 database"]
    links: ["db:database"]
  other:
    image: {0}
    command: ["nslookup", "database"]
    depends_on: [db]
)",
                            kImage, kSleep));
  up(p, engine_, fast());
  auto [code, out] = finished(name("web"));
  EXPECT_EQ(code, 0) << out;
  auto [other_code, other_out] = finished(name("other"));
  EXPECT_NE(other_code, 0) << "the link alias is not a network alias: " << other_out;
  // On a user-defined network the daemon keeps the links on the endpoint (HostConfig.Links is null).
  auto web = client_.containers().inspect(name("web"));
  ASSERT_EQ(web.networks.count(project_name_ + "_default"), 1u);
  EXPECT_THAT(web.networks.at(project_name_ + "_default").links, Contains(name("db") + ":database"));
}

TEST_F(CreateRequestEngine, AnEnvironmentKeySetNowhereIsUnsetInTheContainer) {
  // The image sets PATH; `environment: [PATH]` with PATH set nowhere unsets it, as compose does.
  auto p = load(fmt::format(R"(services:
  web:
    image: {0}
    command: ["/bin/env"]
    environment: [PATH, GIVEN]
)",
                            kImage),
                {{"GIVEN", "yes"}});
  up(p, engine_, fast());
  auto [code, out] = finished(name("web"));
  EXPECT_EQ(code, 0) << out;
  EXPECT_THAT(out, HasSubstr("GIVEN=yes\n"));
  EXPECT_THAT(out, ::testing::Not(HasSubstr("PATH=")));
  EXPECT_THAT(client_.containers().inspect(name("web")).config.env, Contains("PATH"));
}

TEST_F(CreateRequestEngine, RestartPolicyWithMaxAttemptsOnlyDeploys) {
  auto p = load(fmt::format(R"(services:
  web:
    image: {0}
    command: {1}
    deploy:
      restart_policy: {{max_attempts: 3}}
)",
                            kImage, kSleep));
  ASSERT_NO_THROW(up(p, engine_, fast()));
  auto c = client_.containers().inspect(name("web"));
  EXPECT_TRUE(c.state.running);
  EXPECT_EQ(c.host_config.restart_policy, (engine::restart_policy{"", 3}));
}

TEST_F(CreateRequestEngine, CgroupPrivateGivesTheContainerItsOwnCgroupNamespace) {
  auto p = load(fmt::format(R"(services:
  private:
    image: {0}
    command: ["grep", "memory", "/proc/self/cgroup"]
    cgroup: private
  host:
    image: {0}
    command: ["grep", "memory", "/proc/self/cgroup"]
    cgroup: host
)",
                            kImage));
  up(p, engine_, fast());
  auto [code, out] = finished(name("private"));
  EXPECT_EQ(code, 0) << out;
  EXPECT_THAT(out, ::testing::EndsWith(":memory:/\n"));  // its own root
  auto [hcode, hout] = finished(name("host"));
  EXPECT_THAT(hout, ::testing::Not(::testing::EndsWith(":memory:/\n")));  // the host's /docker/<id>
  EXPECT_EQ(client_.containers().inspect(name("private")).raw["HostConfig"]["CgroupnsMode"], "private");
  EXPECT_EQ(client_.containers().inspect(name("host")).raw["HostConfig"]["CgroupnsMode"], "host");
}

TEST_F(CreateRequestEngine, AChangedNetworkIsRecreatedAndItsContainersReconnected) {
  const std::string web = fmt::format(R"(services:
  web:
    image: {0}
    command: {1}
    networks:
      test: {{aliases: [www]}}
)",
                                      kImage, kSleep);
  up(load(web + "networks:\n  test:\n    labels: [foo=a]\n"), engine_, fast());
  const std::string net = project_name_ + "_test";
  auto first_net = client_.networks().inspect(net);
  EXPECT_EQ(first_net.labels.count(labels::config_hash), 1u);
  auto before = client_.containers().inspect(name("web"));
  EXPECT_TRUE(up(load(web + "networks:\n  test:\n    labels: [foo=a]\n"), engine_, fast()).plan.actions.empty());

  // Changed label; a one-shot probe joins the stack and resolves the reconnected container by its
  // aliases once the network is back.
  auto p = load(web + fmt::format(R"(  probe:
    image: {0}
    command: ["sh", "-c", "nslookup web && nslookup www"]
    networks: [test]
networks:
  test:
    labels: [foo=b]
)",
                                  kImage));
  std::vector<progress_event> events;
  auto r = up_collecting(p, events);
  EXPECT_EQ(r.plan.count(operation::remove_network), 1u);
  EXPECT_EQ(r.plan.count(operation::rename_container), 0u);

  auto second_net = client_.networks().inspect(net);
  EXPECT_NE(second_net.id, first_net.id);
  EXPECT_EQ(second_net.labels.at("foo"), "b");
  auto after = client_.containers().inspect(name("web"));
  EXPECT_EQ(after.id, before.id);  // the same container, reconnected and started again
  EXPECT_TRUE(after.state.running);
  EXPECT_GT(after.state.started_at, before.state.started_at);
  ASSERT_EQ(after.networks.count(net), 1u);
  EXPECT_EQ(after.networks.at(net).network_id, second_net.id);
  auto [code, out] = finished(name("probe"));
  EXPECT_EQ(code, 0) << out;
  std::vector<std::string> texts;
  for (const auto& e : events) texts.push_back(e.resource + " " + e.text);
  EXPECT_THAT(texts, Contains("Network " + net + " Removed"));
  EXPECT_THAT(texts, Contains("Network " + net + " Created"));
}

TEST_F(CreateRequestEngine, AChangedVolumeIsReportedAndKept) {
  std::string yaml = fmt::format(R"(services:
  web:
    image: {0}
    command: ["sh", "-c", "date > /data/stamp; cat /data/stamp"]
    volumes: [data:/data]
volumes:
  data:
    driver_opts: {{type: tmpfs, device: tmpfs, o: "size=1m"}}
)",
                                 kImage);
  up(load(yaml), engine_, fast());
  const std::string vol = project_name_ + "_data";
  auto first = client_.volumes().inspect(vol);
  EXPECT_EQ(first.labels.count(labels::config_hash), 1u);

  yaml.replace(yaml.find("size=1m"), 7, "size=2m");
  std::vector<progress_event> events;
  auto r = up_collecting(load(yaml), events);
  ASSERT_EQ(r.plan.warnings.size(), 1u);
  EXPECT_THAT(r.plan.warnings[0],
              HasSubstr(fmt::format("Volume \"{}\" exists but doesn't match configuration in compose file", vol)));
  bool warned = std::any_of(events.begin(), events.end(), [&](const progress_event& e) {
    return e.state == progress_state::warning && e.text.find("doesn't match configuration") != std::string::npos;
  });
  EXPECT_TRUE(warned);
  auto second = client_.volumes().inspect(vol);
  EXPECT_EQ(second.created_at, first.created_at);  // kept as it is
  EXPECT_EQ(second.options.at("o"), "size=1m");
}

TEST_F(CreateRequestEngine, ContentAndEnvironmentSecretsAndConfigsAreThereBeforeTheCommandRuns) {
  auto p = load(fmt::format(R"(services:
  web:
    image: {0}
    command: ["sh", "-c", "cat /greeting /etc/app/settings.conf /run/secrets/token /run/secrets/renamed && stat -c '%a %u %g' /greeting /run/secrets/renamed"]
    configs:
      - greeting
      - source: settings
        target: /etc/app/settings.conf
    secrets:
      - token
      - source: token
        target: renamed
        uid: "65534"
        gid: "65534"
        mode: 0400
configs:
  greeting: {{content: "hello config"}}
  settings: {{environment: SETTINGS}}
secrets:
  token: {{environment: TOKEN}}
)",
                            kImage),
                {{"TOKEN", "s3cret"}, {"SETTINGS", "level=debug"}});
  up(p, engine_, fast());
  auto [code, out] = finished(name("web"));
  EXPECT_EQ(code, 0) << out;
  EXPECT_EQ(out, "hello configlevel=debugs3crets3cret444 0 0\n400 65534 65534\n");
}

}  // namespace
}  // namespace stackctl::deploy
