// Issue 20: inputs found by fuzzing, as a user meets them. `stackctl config` on each fixture in
// fixtures/fuzz/ prints one line naming file:line:column (and the field), exits 1, prints nothing
// on stdout and creates nothing. Every run is bounded (killed after 10 s, at most 1 GiB), since
// several of these inputs once hung or ate memory — a regression fails here instead of hanging CI.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "cli_test_support.hpp"

namespace stackctl::cli::testing {
namespace {

namespace fs = std::filesystem;

std::string fixture(const std::string& name) { return (fs::path(fixtures_dir()) / "fuzz" / name).string(); }

class fuzz_fixture : public ::testing::Test {
 protected:
  temp_dir dir;

  std::set<std::string> entries() const {
    std::set<std::string> out;
    for (const auto& e : fs::directory_iterator(dir.path())) out.insert(e.path().filename().string());
    return out;
  }

  // The one line on stderr of a refused run, after checking the rest of what the user sees.
  std::string refused(const std::vector<std::string>& args, std::map<std::string, std::string> env = {}) {
    const auto before = entries();
    const auto r = run_stackctl_bounded(args, {dir.path(), std::move(env), {}});
    EXPECT_EQ(r.exit_code, 1) << r.err.substr(0, 500);
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(entries(), before) << "a refused config must create nothing";
    const auto lines = lines_of(r.err);
    EXPECT_EQ(lines.size(), 1u) << r.err.substr(0, 500);
    return lines.empty() ? std::string() : lines.front();
  }

  std::string good_compose() {
    dir.write("compose.yaml", "services:\n  web:\n    image: nginx\n");
    return (dir.path() / "compose.yaml").string();
  }
};

TEST_F(fuzz_fixture, LoneCommaComposeFile) {
  EXPECT_EQ(refused({"-f", fixture("lone-comma.yaml"), "config"}),
            "stackctl: " + fixture("lone-comma.yaml") + ":1:1: yaml: did not find expected node content");
}

TEST_F(fuzz_fixture, EnvSchemaWithATrailingComma) {
  const auto compose = good_compose();
  EXPECT_EQ(
      refused({"-f", compose, "--env-schema", fixture("env-schema-trailing-comma.yaml"), "config"}),
      "stackctl: " + fixture("env-schema-trailing-comma.yaml") + ":24:2: yaml: did not find expected <document start>");
}

TEST_F(fuzz_fixture, BillionLaughs) {
  EXPECT_EQ(refused({"-f", fixture("billion-laughs.yaml"), "config", "-q"}),
            "stackctl: " + fixture("billion-laughs.yaml") + ":5:22: yaml: document contains excessive aliasing");
}

TEST_F(fuzz_fixture, TenThousandDeepNesting) {
  EXPECT_EQ(refused({"-f", fixture("deep-nesting.yaml"), "config"}),
            "stackctl: " + fixture("deep-nesting.yaml") + ":4:210: yaml: exceeded max depth of 200");
}

TEST_F(fuzz_fixture, EndlessInputIsRefusedAtTheSizeLimit) {
  EXPECT_EQ(refused({"-f", "/dev/zero", "config"}), "stackctl: /dev/zero: larger than the 64 MiB input limit");
}

TEST_F(fuzz_fixture, InvalidUtf8InAKey) {
  EXPECT_EQ(refused({"-f", fixture("invalid-utf8-key.yaml"), "config", "--format", "json"}),
            "stackctl: " + fixture("invalid-utf8-key.yaml") + ":5:10: yaml: invalid trailing UTF-8 octet");
}

TEST_F(fuzz_fixture, InvalidUtf8InAValue) {
  EXPECT_EQ(refused({"-f", fixture("invalid-utf8-value.yaml"), "config", "--format", "json"}),
            "stackctl: " + fixture("invalid-utf8-value.yaml") + ":5:20: yaml: invalid leading UTF-8 octet");
}

TEST_F(fuzz_fixture, InvalidUtf8InAnEnvFile) {
  const auto compose = good_compose();
  EXPECT_EQ(refused({"-f", compose, "--env-file", fixture("invalid-utf8.env"), "config", "--format", "json"}),
            "stackctl: " + fixture("invalid-utf8.env") + ":3:12: invalid UTF-8: invalid leading UTF-8 octet");
}

TEST_F(fuzz_fixture, InvalidUtf8InAnEnvSchema) {
  const auto compose = good_compose();
  EXPECT_EQ(refused({"-f", compose, "--env-schema", fixture("invalid-utf8-env-schema.yaml"), "config"}),
            "stackctl: " + fixture("invalid-utf8-env-schema.yaml") + ":6:21: yaml: invalid leading UTF-8 octet");
}

// Item 4: values that passed `config` and then failed `up` (std::stoi), failed at the engine
// without a location, rendered negative, or created no container and exited 0.
struct value_case {
  const char* file;
  const char* error;  // after "<file>:"
};
constexpr value_case value_cases[] = {
    {"restart-on-failure-abc.yaml",
     "4:14: services.web.restart: invalid restart policy format: maximum retry count must be an integer"},
    {"restart-on-failure-overflow.yaml",
     "4:14: services.web.restart: invalid restart policy: maximum retry count must be at most 2147483647"},
    {"restart-sometimes.yaml",
     "4:14: services.web.restart: invalid restart policy: unknown policy 'sometimes'; use one of 'no', 'always', "
     "'on-failure', or 'unless-stopped'"},
    {"port-host-99999.yaml", "5:9: services.web.ports[0]: invalid port \"99999:80\": invalid hostPort: 99999"},
    {"port-container-65536.yaml",
     "5:9: services.web.ports[0]: invalid port \"8080:65536\": invalid containerPort: 65536"},
    {"port-range-70000.yaml",
     "5:9: services.web.ports[0]: invalid port \"8000-70000:80\": invalid hostPort: 8000-70000"},
    {"port-ip-80-80.yaml", "5:9: services.web.ports[0]: invalid port \"80:80:80:80\": invalid IP address: 80:80"},
    {"volume-colons.yaml",
     "5:9: services.web.volumes[0]: invalid mount config for type \"volume\": invalid mount path: '::' mount path "
     "must be absolute"},
    {"shm-size-overflow.yaml",
     "4:15: services.web.shm_size: invalid size: \"99999999999999999999g\": value out of range"},
    {"scale-3000000000.yaml", "4:12: services.web.scale: must be less than or equal to 2147483647"},
    {"scale-int64-max.yaml", "4:12: services.web.scale: must be less than or equal to 2147483647"},
    {"scale-negative.yaml", "4:12: services.web.scale: must be greater than or equal to 0"},
    {"replicas-3000000000.yaml", "5:17: services.web.deploy.replicas: must be less than or equal to 2147483647"},
    {"cpus-inf.yaml", "4:11: services.web.cpus: invalid number: \"inf\""},
    {"stop-grace-period-overflow.yaml", "4:24: services.web.stop_grace_period: invalid duration: \"999999999999h\""},
    {"healthcheck-retries-negative.yaml", "6:16: services.web.healthcheck.retries: must be greater than or equal to 0"},
    {"ulimit-soft-above-hard.yaml",
     "5:22: services.web.ulimits.nofile.soft: ulimit soft limit must be less than or equal to hard limit: 20000 > "
     "10000"},
};

TEST_F(fuzz_fixture, ValuesTheEngineWouldRefuseAreRefusedByConfig) {
  for (const auto& c : value_cases) {
    SCOPED_TRACE(c.file);
    EXPECT_EQ(refused({"-f", fixture(c.file), "config"}), "stackctl: " + fixture(c.file) + ":" + c.error);
  }
}

// `up` loads the same way, so it stops at the same line before any engine request (the socket
// named here does not exist: getting past loading would be a different error).
TEST_F(fuzz_fixture, UpStopsAtTheSameLineBeforeTheEngine) {
  for (const auto& c : value_cases) {
    SCOPED_TRACE(c.file);
    EXPECT_EQ(refused({"-f", fixture(c.file), "up", "-d"}, {{"DOCKER_HOST", "unix:///nonexistent/docker.sock"}}),
              "stackctl: " + fixture(c.file) + ":" + c.error);
  }
}

}  // namespace
}  // namespace stackctl::cli::testing
