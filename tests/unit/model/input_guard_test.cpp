// Issue 20, items 2 and 3: inputs found by fuzzing that made yaml-cpp 0.7 loop while its memory
// grew, expanded an alias bomb, or carried bytes that are not UTF-8 into the JSON rendering. Each
// is refused at load with one located line. Every load of such an input runs in a child with a
// deadline and a memory ceiling (bounded_child.hpp), so a regression fails instead of hanging.
#include <gmock/gmock.h>

#include <fstream>
#include <iterator>
#include <map>

#include "bounded_child.hpp"
#include "project_test_support.hpp"
#include "stackctl/model/dotenv.hpp"
#include "stackctl/model/env_schema.hpp"

using namespace stackctl::model;
using stackctl::model::testing::in_bounded_child;
using stackctl::model::testing::load_error;
using stackctl::model::testing::temp_project;
using ::testing::EndsWith;
using ::testing::HasSubstr;

namespace {

std::string fixture(const std::string& name) { return std::string(STACKCTL_FIXTURES_DIR) + "/fuzz/" + name; }

// The error of loading compose file(s) `files`, in a bounded child ("" when it loads).
std::string bounded_load_error(const temp_project& t, std::vector<std::string> files,
                               std::map<std::string, std::string> env = {}) {
  auto o = t.options(std::move(files));
  o.environment.insert(env.begin(), env.end());
  return in_bounded_child([&] { return load_error(o); });
}

// The error of loading `content` as compose.yaml, in a bounded child.
std::string compose_error(temp_project& t, const std::string& content, std::map<std::string, std::string> env = {}) {
  t.write("compose.yaml", content);
  return bounded_load_error(t, {}, std::move(env));
}

template <typename F>
std::string bounded_error(F&& f) {
  return in_bounded_child([&]() -> std::string {
    try {
      f();
    } catch (const model_error& e) {
      return e.what();
    }
    return {};
  });
}

}  // namespace

// yaml-cpp's LoadAll never ends when a token that cannot start a node (a ',' or a '?' outside any
// collection) follows the root or stands alone: it reports an empty document there, forever.
TEST(YamlGuard, AStrayTokenAtDocumentLevelIsAnErrorNotEndlessDocuments) {
  temp_project t;
  const std::string file = (t.dir() / "compose.yaml").string();
  const std::vector<std::pair<std::string, std::string>> cases = {
      {",", ":1:1: yaml: did not find expected node content"},
      {",a", ":1:1: yaml: did not find expected node content"},
      {"  ,\n", ":1:3: yaml: did not find expected node content"},
      {"[a],", ":1:4: yaml: did not find expected <document start>"},
      {"{services: {}},", ":1:15: yaml: did not find expected <document start>"},
      {"\"a\" ,", ":1:5: yaml: did not find expected <document start>"},
      {"- a\n,", ":2:1: yaml: did not find expected <document start>"},
      {"&x a\n? ", ":2:1: yaml: did not find expected <document start>"},
      {"services: {}\n...\n,", ":3:1: yaml: did not find expected <document start>"},
      {"---\n,", ":2:1: yaml: did not find expected <document start>"},
  };
  for (const auto& [content, error] : cases) EXPECT_EQ(compose_error(t, content), file + error) << content;
}

TEST(YamlGuard, LoneCommaFixture) {
  temp_project t;
  EXPECT_EQ(bounded_load_error(t, {fixture("lone-comma.yaml")}),
            fixture("lone-comma.yaml") + ":1:1: yaml: did not find expected node content");
}

// The fuzzer's env schema had this shape: a schema written as JSON with a ',' after the closing brace.
TEST(YamlGuard, EnvSchemaWithATrailingCommaFixture) {
  const auto file = fixture("env-schema-trailing-comma.yaml");
  EXPECT_EQ(bounded_error([&] { load_env_schema(file); }),
            file + ":24:2: yaml: did not find expected <document start>");
  // Without the comma it is a good schema: the comma alone is the fault.
  std::ifstream in(file);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  text.erase(text.rfind(','), 1);
  EXPECT_EQ(bounded_error([&] { parse_env_schema(text, file); }), "");
}

// A compose file may hold several documents (they merge, loader_rules_test.cpp); an env schema is
// one document, and a second one is refused where it starts.
TEST(YamlGuard, SecondDocumentOfAnEnvSchemaIsRefusedWhereItStarts) {
  EXPECT_EQ(bounded_error([] { parse_env_schema("variables: {}\n---\nvariables: {}\n", "schema.yaml"); }),
            "schema.yaml:2:1: multiple YAML documents in one file are not supported");
  temp_project t;
  EXPECT_EQ(compose_error(t, "services: {}\n---\na: 1\n---\nb: 2\n"),
            (t.dir() / "compose.yaml").string() + ":3:4: a: additional properties 'a' not allowed");
  EXPECT_EQ(compose_error(t, "---\nservices: {}\n...\n# done\n"), "");
  EXPECT_THAT(compose_error(t, ""),
              EndsWith("compose.yaml: empty compose file"));  // parsed, then refused as compose v2
  EXPECT_THAT(compose_error(t, "# nothing but a comment\n"), EndsWith("compose.yaml: empty compose file"));
  EXPECT_THAT(compose_error(t, "---\n---\n"), EndsWith("compose.yaml: empty compose file"));
}

TEST(YamlGuard, BillionLaughsFixtureIsExcessiveAliasing) {
  temp_project t;
  EXPECT_EQ(bounded_load_error(t, {fixture("billion-laughs.yaml")}),
            fixture("billion-laughs.yaml") + ":5:22: yaml: document contains excessive aliasing");
}

TEST(YamlGuard, AnAnchorInsideItself) {
  temp_project t;
  EXPECT_THAT(compose_error(t, "x-a: &a [1, *a]\n"),
              EndsWith("compose.yaml:1:13: yaml: anchor 'a' value contains itself"));
  EXPECT_THAT(compose_error(t, "x-a: &a {b: {c: *a}}\n"),
              EndsWith("compose.yaml:1:17: yaml: anchor 'a' value contains itself"));
}

TEST(YamlGuard, NestingDeeperThan200IsRefused) {
  temp_project t;
  EXPECT_EQ(bounded_load_error(t, {fixture("deep-nesting.yaml")}),
            fixture("deep-nesting.yaml") + ":4:210: yaml: exceeded max depth of 200");
  EXPECT_THAT(compose_error(t, std::string(10000, '[')), HasSubstr("yaml: exceeded max depth of 200"));
  EXPECT_EQ(compose_error(t, "x-deep: " + std::string(199, '[') + std::string(199, ']') + "\n"), "");
  // An alias can place a deep anchored value deeper still: refused at the alias.
  const std::string deep = std::string(150, '[') + std::string(150, ']');
  EXPECT_THAT(
      compose_error(t, "x-a: &a " + deep + "\nx-b: " + std::string(60, '[') + "*a" + std::string(60, ']') + "\n"),
      EndsWith("compose.yaml:2:66: yaml: exceeded max depth of 200"));
}

// yaml-cpp spends about 3 µs and the tree about 350 bytes a node: a dense file under the size limit
// (or an expansion within the alias ratio) is stopped at 500,000 nodes, early, not after minutes.
TEST(YamlGuard, DocumentsOfMoreThan500000NodesAreRefused) {
  temp_project t;
  std::string dense = "services: {}\nx-data: [";
  for (int i = 0; i < 500000; ++i) dense += "0,";
  dense += "0]\n";
  EXPECT_THAT(compose_error(t, dense), EndsWith("compose.yaml:2:1000000: yaml: document has more than 500000 nodes"));
  std::string expanded = "services: {}\nx-a: &a [";
  for (int i = 0; i < 100000; ++i) expanded += "0,";
  expanded += "0]\nx-b: [*a, *a, *a, *a, *a]\n";
  EXPECT_THAT(compose_error(t, expanded), EndsWith("compose.yaml:3:19: yaml: document has more than 500000 nodes"));
}

// What aliases are for still works: anchors, merge keys (a list of them, nested), local keys win.
TEST(YamlGuard, AliasesAndMergeKeysWithinTheBudget) {
  temp_project t;
  const auto p = t.load_file(R"(x-base: &base
  image: nginx
  labels: &labels {tier: web}
  <<: {restart: always, user: base}
x-more: &more {user: more, working_dir: /srv}
services:
  web:
    <<: [*base, *more]
    user: web
    labels: *labels
  api:
    <<: *base
    image: api
)");
  const auto& web = p.services.at("web");
  EXPECT_EQ(web.image, "nginx");
  EXPECT_EQ(web.restart, "always");  // merged through x-base's own merge key
  EXPECT_EQ(web.user, "web");        // local wins
  EXPECT_EQ(web.working_dir, "/srv");
  EXPECT_EQ(web.labels.at("tier"), "web");
  EXPECT_EQ(p.services.at("api").image, "api");
  EXPECT_EQ(p.services.at("api").user, "base");
  // A template reused many times is far from the budget.
  std::string many = "x-t: &t {image: nginx, labels: {a: '1', b: '2', c: '3'}}\nservices:\n";
  for (int i = 0; i < 300; ++i) many += "  s" + std::to_string(i) + ": *t\n";
  EXPECT_EQ(compose_error(t, many), "");
}

TEST(Utf8Guard, ComposeKeyAndValueFixtures) {
  temp_project t;
  EXPECT_EQ(bounded_load_error(t, {fixture("invalid-utf8-key.yaml")}),
            fixture("invalid-utf8-key.yaml") + ":5:10: yaml: invalid trailing UTF-8 octet");
  EXPECT_EQ(bounded_load_error(t, {fixture("invalid-utf8-value.yaml")}),
            fixture("invalid-utf8-value.yaml") + ":5:20: yaml: invalid leading UTF-8 octet");
}

TEST(Utf8Guard, EveryKindOfBadSequenceIsLocated) {
  temp_project t;
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"# caf\xe9\nservices: {}\n", ":1:6: yaml: invalid trailing UTF-8 octet"},
      {"x: \"\xc0\xaf\"\n", ":1:5: yaml: invalid length of a UTF-8 sequence"},
      {"x: \"\xed\xa0\x80\"\n", ":1:5: yaml: invalid Unicode character"},
      {"x: \"\xf4\x90\x80\x80\"\n", ":1:5: yaml: invalid Unicode character"},
      {"x: a\xe2\x82", ":1:5: yaml: incomplete UTF-8 octet sequence"},
      {"x: \x80\n", ":1:4: yaml: invalid leading UTF-8 octet"},
  };
  for (const auto& [content, error] : cases)
    EXPECT_EQ(compose_error(t, content), (t.dir() / "compose.yaml").string() + error) << content;
  // Good UTF-8, a UTF-8 byte order mark, and UTF-16 with its byte order mark all load.
  EXPECT_EQ(compose_error(t,
                          "\xef\xbb\xbfservices:\n  cafe:\n    image: \"\xe2\x82\xac \xf0\x9f\x90\xb3\"\n"
                          "    labels: {caf\xc3\xa9: cr\xc3\xa8me}\n"),
            "");
  std::string utf16 = "\xff\xfe";
  for (char c : std::string("services:\n  web:\n    image: nginx\n")) utf16 += std::string{c, '\0'};
  t.write("compose.yaml", utf16);
  EXPECT_EQ(t.load_file(utf16).services.at("web").image, "nginx");
}

TEST(Utf8Guard, EnvFileAndEnvSchemaFixtures) {
  EXPECT_EQ(bounded_error([] { read_env_files({fixture("invalid-utf8.env")}, lookup_in(env_map{})); }),
            fixture("invalid-utf8.env") + ":3:12: invalid UTF-8: invalid leading UTF-8 octet");
  EXPECT_EQ(bounded_error([] { load_env_schema(fixture("invalid-utf8-env-schema.yaml")); }),
            fixture("invalid-utf8-env-schema.yaml") + ":6:21: yaml: invalid leading UTF-8 octet");
  temp_project t;
  t.write("compose.yaml", "services:\n  web:\n    image: nginx\n").write(".env", "A=1\nB=\"x\xff\"\n");
  EXPECT_EQ(bounded_load_error(t, {}),
            (t.dir() / ".env").string() + ":2:5: invalid UTF-8: invalid leading UTF-8 octet");
}

// The process environment is not a file, but its bytes are refused where a value takes them.
TEST(Utf8Guard, BadBytesFromTheEnvironmentAreRefusedWhereTheyAreUsed) {
  temp_project t;
  const std::string compose = "services:\n  web:\n    image: \"nginx:${TAG}\"\n    environment: [GREETING]\n";
  EXPECT_THAT(compose_error(t, compose, {{"TAG", "1\xff"}}),
              EndsWith("compose.yaml:3:12: services.web.image: the value is not UTF-8 after interpolation: invalid "
                       "leading UTF-8 octet"));
  EXPECT_THAT(compose_error(t, compose, {{"TAG", "1"}, {"GREETING", "gr\xfc\xdf"}}),
              EndsWith("compose.yaml:4:18: services.web.environment: the value of GREETING in the environment is not "
                       "UTF-8: invalid leading UTF-8 octet"));
}

TEST(SizeGuard, InputsOver64MiBAreRefusedBeforeParsing) {
  temp_project t;
  t.write("compose.yaml", "services: {}\n" + std::string((std::size_t{64} << 20), '#'));
  EXPECT_EQ(bounded_load_error(t, {}), (t.dir() / "compose.yaml").string() + ": larger than the 64 MiB input limit");
  EXPECT_EQ(bounded_load_error(t, {"/dev/zero"}), "/dev/zero: larger than the 64 MiB input limit");
  EXPECT_EQ(bounded_error([] { read_env_files({"/dev/zero"}, lookup_in(env_map{})); }),
            "/dev/zero: larger than the 64 MiB input limit");
  EXPECT_EQ(bounded_error([] { load_env_schema("/dev/zero"); }), "/dev/zero: larger than the 64 MiB input limit");
  auto o = t.options({"-"});
  o.stdin_content = std::string((std::size_t{64} << 20) + 1, ' ');
  EXPECT_EQ(in_bounded_child([&] { return load_error(o); }), "-: larger than the 64 MiB input limit");
}
