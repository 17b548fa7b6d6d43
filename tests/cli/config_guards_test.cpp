// Issue 20: inputs found by fuzzing, as a user meets them. `stackctl config` on each fixture in
// fixtures/fuzz/ prints one line naming file:line:column (and the field), exits 1, prints nothing
// on stdout and creates nothing. Every run is bounded (killed after 10 s, at most 1 GiB), since
// each of these inputs once hung or ate memory — a regression fails here instead of hanging CI.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

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
  std::string refused(const std::vector<std::string>& args) {
    const auto before = entries();
    const auto r = run_stackctl_bounded(args, {dir.path(), {}, {}});
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
  EXPECT_EQ(refused({"-f", compose, "--env-schema", fixture("env-schema-trailing-comma.yaml"), "config"}),
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

}  // namespace
}  // namespace stackctl::cli::testing
