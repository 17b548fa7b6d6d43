// Override merges as compose-go override/merge.go mergeSpecials does them (issue #18): a string
// env_file, dns, dns_search or tmpfs in two files is appended (mergeToSequence), build.additional_contexts
// as a list and a map keeps every entry, an ulimits entry is replaced whole (mergeUlimit), extra_hosts
// keep every address (mergeExtraHosts). The cases are compose-go's own (the Go test named above each).
#include <nlohmann/json.hpp>

#include "project_test_support.hpp"

using namespace stackctl::model;
using nlohmann::json;
using stackctl::model::testing::temp_project;

namespace {

json merged(const std::string& base, const std::string& over) {
  temp_project t;
  t.write("base.yaml", base).write("override.yaml", over);
  t.write("foo.env", "FROM_FOO=1\n").write("bar.env", "FROM_BAR=1\n").write("baz.env", "FROM_BAZ=1\n");
  auto doc = json::parse(render_json(load(t.options({"base.yaml", "override.yaml"}))));
  return doc["services"]["test"];
}

// The variables the merged env_file list brought in (sorted, as the environment renders).
json env_file_keys(const json& svc) {
  json out = json::array();
  for (const auto& [k, v] : svc["environment"].items())
    if (k.rfind("FROM_", 0) == 0) out.push_back(k);
  return out;
}

}  // namespace

// override/merge_dns_test.go Test_mergeYamlDNSMixed
TEST(MergeRules, AStringDnsOrDnsSearchIsAppended) {
  const auto svc = merged(
      "services:\n  test:\n    image: foo\n    dns:\n      - 8.8.8.8\n      - 10.10.10.10\n"
      "    dns_opt:\n      - use-vc\n    dns_search:\n      - dc1.example.com\n",
      "services:\n  test:\n    dns: 9.9.9.9\n    dns_opt:\n      - no-tld-query\n    dns_search: dc2.example.com\n");
  EXPECT_EQ(svc["dns"], json({"8.8.8.8", "10.10.10.10", "9.9.9.9"}));
  EXPECT_EQ(svc["dns_opt"], json({"use-vc", "no-tld-query"}));
  EXPECT_EQ(svc["dns_search"], json({"dc1.example.com", "dc2.example.com"}));
}

// override/merge_env_file_test.go TestMergeEnvFilesString, TestMergeEnvFilesMixed
TEST(MergeRules, AStringEnvFileIsAppended) {
  EXPECT_EQ(env_file_keys(merged("services:\n  test:\n    image: foo\n    env_file: foo.env\n",
                                 "services:\n  test:\n    env_file: bar.env\n")),
            json({"FROM_BAR", "FROM_FOO"}));
  EXPECT_EQ(env_file_keys(merged("services:\n  test:\n    image: foo\n    env_file: foo.env\n",
                                 "services:\n  test:\n    env_file:\n      - bar.env\n      - foo.env\n")),
            json({"FROM_BAR", "FROM_FOO"}));
  EXPECT_EQ(
      env_file_keys(merged("services:\n  test:\n    image: foo\n    env_file:\n      - bar.env\n      - foo.env\n",
                           "services:\n  test:\n    env_file: foo.env\n")),
      json({"FROM_BAR", "FROM_FOO"}));
}

// override/merge_tmpfs_test.go TestMergeTmpfsString, TestMergeTmpfsMixed
TEST(MergeRules, AStringTmpfsIsAppended) {
  EXPECT_EQ(
      merged("services:\n  test:\n    image: foo\n    tmpfs: /foo\n", "services:\n  test:\n    tmpfs: /bar\n")["tmpfs"],
      json({"/foo", "/bar"}));
  EXPECT_EQ(merged("services:\n  test:\n    image: foo\n    tmpfs: /foo\n",
                   "services:\n  test:\n    tmpfs:\n      - /bar\n      - /foo\n")["tmpfs"],
            json({"/foo", "/bar"}));
}

// override/merge_ulimits_test.go Test_mergeYamlUlimits: the entry is replaced whole, so an override
// giving only `soft` leaves no `hard`, which compose-go's schema check of the merged model (loader.go,
// after override.Merge) refuses, as here; a full entry replaces the base one.
TEST(MergeRules, AnUlimitIsReplacedWhole) {
  const std::string base =
      "services:\n  test:\n    image: foo\n    ulimits:\n      nofile:\n        soft: 20000\n        hard: 40000\n"
      "      nproc: 65535\n      locks:\n        soft: 20000\n        hard: 40000\n";
  temp_project t;
  t.write("base.yaml", base)
      .write("override.yaml", "services:\n  test:\n    ulimits:\n      locks:\n        soft: 100\n");
  const std::string error = stackctl::model::testing::load_error(t.options({"base.yaml", "override.yaml"}));
  EXPECT_NE(error.find("override.yaml:5:9: services.test.ulimits.locks: missing property 'hard'"), std::string::npos)
      << error;
  const auto svc = merged(base,
                          "services:\n  test:\n    image: foo\n    ulimits:\n      nofile:\n        soft: 10000\n"
                          "        hard: 40000\n      nproc:\n        soft: 65535\n        hard: 65535\n"
                          "      locks: 65535\n");
  EXPECT_EQ(svc["ulimits"], json::parse(R"({"locks": 65535, "nofile": {"hard": 40000, "soft": 10000},
                                           "nproc": {"hard": 65535, "soft": 65535}})"));
}

// override/merge_build_test.go (additional_contexts are mergeToSequence): a list and a map keep all
TEST(MergeRules, AdditionalContextsAsAListAndAMapKeepEveryEntry) {
  const auto svc = merged(
      "services:\n  test:\n    build:\n      context: .\n      additional_contexts:\n        - "
      "base=docker-image://alpine\n",
      "services:\n  test:\n    build:\n      additional_contexts:\n        tools: docker-image://busybox\n");
  EXPECT_EQ(svc["build"]["additional_contexts"],
            json::parse(R"({"base": "docker-image://alpine", "tools": "docker-image://busybox"})"));
}

// override/merge_extra_hosts_test.go TestMergeExtraHostsSequence, TestMergeExtraHostsMapping
TEST(MergeRules, ExtraHostsKeepEveryAddress) {
  EXPECT_EQ(merged("services:\n  test:\n    image: foo\n    extra_hosts:\n      - example.com=1.2.3.4\n",
                   "services:\n  test:\n    extra_hosts:\n      - localhost=127.0.0.1\n"
                   "      - example.com=1.2.3.4\n      - example.com=4.3.2.1\n")["extra_hosts"],
            json({"example.com=1.2.3.4", "example.com=4.3.2.1", "localhost=127.0.0.1"}));
  EXPECT_EQ(merged("services:\n  test:\n    image: foo\n    extra_hosts:\n      \"example.com\": \"1.2.3.4\"\n",
                   "services:\n  test:\n    extra_hosts:\n      \"localhost\": \"127.0.0.1\"\n"
                   "      \"example.com\": [\"1.2.3.4\", \"4.3.2.1\"]\n")["extra_hosts"],
            json({"example.com=1.2.3.4", "example.com=4.3.2.1", "localhost=127.0.0.1"}));
}
