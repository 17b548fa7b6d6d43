// compose-go's loader tests and docker/compose's e2e `config` checks beyond the whole-document
// goldens (fixtures/conformance/config, see its README): every case in manifest.json with an
// `expected.values` file (compose-go: load like the Go test, render `--format json`, check the
// JSON-pointer assertions transcribed from the test) or an `expected.cli_fragments` file
// (docker/compose: run the built binary with the e2e argv and check exit status and substrings).
//
// fixtures/conformance/config/known-divergences.json lists the steps where stackctl does not yet do
// what compose does. A listed step must still differ: the test fails when it starts to match, so
// the list stays honest. An unlisted step must match.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "config_fixture.hpp"
#include "process.hpp"
#include "stackctl/model/config_renderer.hpp"
#include "stackctl/model/loader.hpp"

namespace fs = std::filesystem;
using nlohmann::json;
using namespace stackctl::model;

namespace {

using stackctl::conformance::config_dir;
using stackctl::conformance::slurp;
using stackctl::conformance::substitute;

// ${WORKDIR} in every string of an expected value.
json with_workdir(json v, const std::string& workdir) {
  if (v.is_string()) return substitute(v.get<std::string>(), "${WORKDIR}", workdir);
  if (v.is_array() || v.is_object())
    for (auto& e : v) e = with_workdir(e, workdir);
  return v;
}

struct step_case {
  std::string name;  // "<case id>/<step test>": the key in known-divergences.json
  std::string kind;  // "values" (library) or "cli" (binary)
  fs::path case_dir;
  json step;
};

void PrintTo(const step_case& c, std::ostream* os) { *os << c.name; }

std::vector<step_case> all_steps() {
  std::vector<step_case> out;
  const auto manifest = json::parse(slurp(config_dir / "manifest.json"));
  for (const auto& c : manifest["cases"]) {
    const auto& expected = c["expected"];
    const std::string id = c["id"];
    for (const char* kind : {"values", "cli_fragments"}) {
      if (!expected.contains(kind)) continue;
      const auto doc = json::parse(slurp(config_dir / id / expected[kind].get<std::string>()));
      for (const auto& s : doc["steps"])
        out.push_back({id + "/" + s["test"].get<std::string>(), kind == std::string("values") ? "values" : "cli",
                       config_dir / id, s});
    }
  }
  return out;
}

const json& known_divergences() {
  static const json doc = json::parse(slurp(config_dir / "known-divergences.json"));
  return doc["divergences"];
}

// --- compose-go loader steps: load, render JSON, check each assertion ---

std::string show(const json& v) { return v.dump(); }

void check_assertion(const json& doc, const json& a, const std::string& workdir, std::vector<std::string>& failures) {
  const std::string ptr_text = a["pointer"];
  const json::json_pointer ptr(ptr_text);
  const bool has = doc.contains(ptr);
  const json value = has ? doc.at(ptr) : json();
  auto fail = [&](const std::string& what) {
    failures.push_back(ptr_text + ": " + what + " (Go: " + a.value("go", std::string("?")) + ")");
  };
  if (a.contains("equals")) {
    const json want = with_workdir(a["equals"], workdir);
    if (!has) fail("absent, want " + show(want));
    else if (value != want) fail("is " + show(value) + ", want " + show(want));
  } else if (a.contains("length")) {
    if (!value.is_array() || value.size() != a["length"].get<size_t>())
      fail("is " + (has ? show(value) : std::string("absent")) + ", want an array of " + show(a["length"]));
  } else if (a.contains("size")) {
    if (!value.is_object() || value.size() != a["size"].get<size_t>())
      fail("has " + (value.is_object() ? std::to_string(value.size()) : std::string("no")) + " entries, want " +
           show(a["size"]));
  } else if (a.contains("keys") || a.contains("non_null_keys")) {
    const bool non_null = a.contains("non_null_keys");
    std::vector<std::string> got;
    if (value.is_object())
      for (const auto& [k, v] : value.items())
        if (!non_null || !v.is_null()) got.push_back(k);
    std::sort(got.begin(), got.end());
    auto want = a[non_null ? "non_null_keys" : "keys"].get<std::vector<std::string>>();
    std::sort(want.begin(), want.end());
    if (got != want) fail(std::string(non_null ? "non-null keys " : "keys ") + show(got) + ", want " + show(want));
  } else if (a.contains("present")) {
    if (!has || value.is_null()) fail("absent or null, want a value");
  } else if (a.contains("absent")) {
    if (has) fail("is " + show(value) + ", want absent");
  } else if (a.contains("null_or_absent")) {
    if (has && !value.is_null()) fail("is " + show(value) + ", want null or absent");
  } else if (a.contains("empty")) {
    if (has && !value.is_null() && !value.empty()) fail("is " + show(value) + ", want empty");
  } else {
    failures.push_back(ptr_text + ": unknown assertion " + a.dump());
  }
}

std::vector<std::string> run_values_step(const step_case& c) {
  const json& s = c.step;
  fs::path cwd = (c.case_dir / "input" / s["cwd"].get<std::string>()).lexically_normal();
  if (!cwd.has_filename()) cwd = cwd.parent_path();  // "input/." normalises to "input/": no trailing slash
  const std::string workdir = cwd.string();
  load_options o;
  o.current_directory = cwd;
  o.files = s["files"].get<std::vector<std::string>>();
  if (s.contains("stdin")) o.stdin_content = slurp(cwd / s["stdin"].get<std::string>());
  o.project_directory = (cwd / s["project_directory"].get<std::string>()).lexically_normal();
  if (s.contains("project_name")) o.project_name = s["project_name"].get<std::string>();
  for (const auto& [k, v] : s["env"].items()) o.environment[k] = v.get<std::string>();
  const auto& opt = s["options"];
  o.resolve_paths = opt["resolve_paths"];
  o.normalize = opt["normalize"];
  o.consistency = opt["consistency"];
  o.keep_env_file_fields = opt["keep_env_file_fields"];
  o.all_resources = opt["all_resources"];

  std::vector<std::string> failures;
  std::string rendered;
  try {
    rendered = render_json(load(o));
  } catch (const std::exception& e) {
    if (!s.contains("expect_error")) return {std::string("load failed: ") + e.what()};
    const std::string want = s["expect_error"]["message"];
    if (std::string(e.what()).find(want) == std::string::npos)
      failures.push_back(std::string("error \"") + e.what() + "\" does not contain \"" + want + "\"");
    return failures;
  }
  if (s.contains("expect_error"))
    return {"loaded, want the error \"" + s["expect_error"]["message"].get<std::string>() + "\""};
  const auto doc = json::parse(rendered);
  for (const auto& a : s["expect"]) check_assertion(doc, a, workdir, failures);
  if (!failures.empty()) failures.push_back("rendered: " + rendered);
  return failures;
}

// --- docker/compose e2e steps: run the binary with only the e2e harness's environment ---

std::vector<std::string> run_cli_step(const step_case& c) {
  const json& s = c.step;
  const fs::path home = fs::temp_directory_path() / ("stackctl-conf-home-" + std::to_string(::getpid()));
  fs::create_directories(home);
  std::vector<std::string> argv = {"/usr/bin/env",       "-i",
                                   "PATH=/usr/bin:/bin", "HOME=" + home.string(),
                                   "USER=tester",        "DOCKER_CONFIG=" + (home / ".docker").string(),
                                   "KUBECONFIG=invalid"};
  for (const auto& [k, v] : s["env"].items()) argv.push_back(k + "=" + v.get<std::string>());
  argv.push_back(STACKCTL_BINARY);
  const auto& args = s["argv"];
  for (size_t i = 2; i < args.size(); ++i) argv.push_back(args[i].get<std::string>());  // drop "docker compose"
  const fs::path cwd = c.case_dir / "input" / s["cwd"].get<std::string>();
  const auto r = stackctl::testing::run_process(argv, cwd.string());
  fs::remove_all(home);

  std::vector<std::string> failures;
  if (r.exit_code != s["exit_code"].get<int>())
    failures.push_back("exit status " + std::to_string(r.exit_code) + ", want " + show(s["exit_code"]));
  for (const auto& want : s["stdout_contains"])
    if (r.out.find(want.get<std::string>()) == std::string::npos) failures.push_back("stdout lacks " + show(want));
  if (s.contains("stderr_contains"))
    for (const auto& want : s["stderr_contains"])
      if (r.err.find(want.get<std::string>()) == std::string::npos) failures.push_back("stderr lacks " + show(want));
  if (!failures.empty()) failures.push_back("stdout: " + r.out + "\nstderr: " + r.err);
  return failures;
}

std::string join(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += "  " + l + "\n";
  return out;
}

class compose_loader_values : public ::testing::TestWithParam<step_case> {};

TEST_P(compose_loader_values, Step) {
  const auto& c = GetParam();
  const auto failures = c.kind == "values" ? run_values_step(c) : run_cli_step(c);
  const auto& known = known_divergences();
  if (known.contains(c.name)) {
    EXPECT_FALSE(failures.empty()) << c.name << " now matches compose: remove it from known-divergences.json";
    if (!failures.empty()) std::cout << "known divergence " << c.name << ":\n" << join(failures);
  } else {
    EXPECT_TRUE(failures.empty()) << c.name << " differs from compose:\n" << join(failures);
  }
}

std::string step_name(const ::testing::TestParamInfo<step_case>& info) {
  std::string out;
  for (char ch : info.param.name) out += std::isalnum(static_cast<unsigned char>(ch)) ? ch : '_';
  return out;
}

INSTANTIATE_TEST_SUITE_P(Steps, compose_loader_values, ::testing::ValuesIn(all_steps()), step_name);

// Every key of known-divergences.json names a step that exists (no stale entries).
TEST(compose_loader_values_list, EveryDivergenceNamesAStep) {
  std::vector<std::string> names;
  for (const auto& s : all_steps()) names.push_back(s.name);
  for (const auto& [key, reason] : known_divergences().items()) {
    EXPECT_NE(std::find(names.begin(), names.end(), key), names.end()) << "no such step: " << key;
    EXPECT_FALSE(reason.get<std::string>().empty()) << key;
  }
}

}  // namespace
