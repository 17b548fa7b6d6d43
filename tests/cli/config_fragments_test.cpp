// docker compose's own e2e checks of `config`, replayed against the binary from the data in
// fixtures/conformance/config/docker-compose/*/expected-fragments.json: the same argv (without
// "docker compose"), working directory and environment; each listed string must occur in the
// stream, and the exit status must match.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "cli_test_support.hpp"

namespace stackctl::cli::testing {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

struct fragment_case {
  std::string name;  // "<case>/<test>"
  fs::path case_dir;
  nlohmann::json step;
};

// gtest prints a parameter in the test's name; keep it readable.
void PrintTo(const fragment_case& c, std::ostream* os) { *os << c.name; }

std::vector<fragment_case> all_steps() {
  std::vector<fragment_case> out;
  const fs::path base = fs::path(fixtures_dir()) / "conformance/config/docker-compose";
  for (const char* id : {"e2e-local-compose-config", "e2e-env-interpolation", "e2e-dotenv"}) {
    const auto doc = nlohmann::json::parse(slurp(base / id / "expected-fragments.json"));
    for (const auto& step : doc["steps"])
      out.push_back({std::string(id) + "/" + step["test"].get<std::string>(), base / id, step});
  }
  return out;
}

class compose_e2e : public ::testing::TestWithParam<fragment_case> {};

TEST_P(compose_e2e, Step) {
  const auto& c = GetParam();
  const auto& step = c.step;
  temp_dir scratch;  // HOME and, for TestComposeFileSetByEnvFile, the env file outside input/

  std::vector<std::string> args;
  const auto& argv = step["argv"];
  ASSERT_EQ(argv[0], "docker");
  ASSERT_EQ(argv[1], "compose");
  for (size_t i = 2; i < argv.size(); ++i) {
    std::string a = argv[i].get<std::string>();
    if (a == "${ENV_FILE}") {
      const fs::path env_file = scratch.path() / ".env4711";
      fs::copy_file(c.case_dir / "input/test-written.env", env_file);
      a = env_file.string();
    }
    args.push_back(a);
  }
  invocation how;
  how.cwd = c.case_dir / "input" / step["cwd"].get<std::string>();
  how.env = {{"HOME", scratch.path().string()}, {"USER", "tester"}, {"KUBECONFIG", "invalid"}};
  for (const auto& [k, v] : step["env"].items()) how.env[k] = v.get<std::string>();

  const auto r = run_stackctl(args, how);
  EXPECT_EQ(r.exit_code, step["exit_code"].get<int>()) << r.err;
  for (const auto& s : step["stdout_contains"]) EXPECT_THAT(r.out, HasSubstr(s.get<std::string>()));
  if (step.contains("stderr_contains")) {
    for (const auto& s : step["stderr_contains"]) EXPECT_THAT(r.err, HasSubstr(s.get<std::string>()));
  }
}

std::string step_name(const ::testing::TestParamInfo<fragment_case>& info) {
  std::string out;
  for (char ch : info.param.name) out += std::isalnum(static_cast<unsigned char>(ch)) ? ch : '_';
  return out;
}

INSTANTIATE_TEST_SUITE_P(Fragments, compose_e2e, ::testing::ValuesIn(all_steps()), step_name);

// The whole-document goldens, through the CLI: stdout contains the expected text.
TEST(compose_e2e_documents, ConfigAndNoInterpolate) {
  const fs::path base = fs::path(fixtures_dir()) / "conformance/config/docker-compose";
  struct doc_case {
    const char* id;
    std::vector<std::string> args;
  };
  for (const auto& c :
       {doc_case{"e2e-config",
                 {"-f", "./fixtures/simple-build-test/compose.yaml", "-p", "compose-e2e-config", "config"}},
        doc_case{"e2e-config-no-interpolate",
                 {"-f", "./fixtures/simple-build-test/compose-interpolate.yaml", "-p", "compose-e2e-config-interpolate",
                  "config", "--no-interpolate"}}}) {
    const fs::path input = base / c.id / "input";
    std::string expected = slurp(base / c.id / "expected.yaml");
    for (auto pos = expected.find("${WORKDIR}"); pos != std::string::npos; pos = expected.find("${WORKDIR}"))
      expected.replace(pos, 10, input.string());
    const auto r = run_stackctl(c.args, {input, {}, {}});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_THAT(r.out, HasSubstr(expected)) << c.id;
  }
}

}  // namespace
}  // namespace stackctl::cli::testing
