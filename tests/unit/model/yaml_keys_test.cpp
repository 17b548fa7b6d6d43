// Mapping keys must be strings (issue #18), as compose-go's convertToStringKeysRecursive requires;
// the cases and texts are compose-go's loader_test.go TestNonStringKeys.
#include "project_test_support.hpp"

using namespace stackctl::model;
using stackctl::model::testing::load_error;
using stackctl::model::testing::temp_project;

namespace {

std::string error_of(const std::string& yaml) {
  temp_project t;
  t.write("compose.yaml", yaml);
  return load_error(t.options());
}

}  // namespace

TEST(YamlKeys, ANonStringKeyIsRefusedWithItsPath) {
  for (const auto& [yaml, message] :
       {std::pair{"123:\n  foo:\n    image: busybox\n", "non-string key at top level: 123"},
        std::pair{"services:\n  foo:\n    image: busybox\n  123:\n    image: busybox\n",
                  "non-string key in services: 123"},
        std::pair{"services:\n  foo:\n    image: busybox\nnetworks:\n  default:\n    ipam:\n      config:\n"
                  "        - 123: oh dear\n",
                  "non-string key in networks.default.ipam.config[0]: 123"},
        std::pair{"services:\n  dict-env:\n    image: busybox\n    environment:\n      1: FOO\n",
                  "non-string key in services.dict-env.environment: 1"}}) {
    const std::string e = error_of(yaml);
    EXPECT_NE(e.find(message), std::string::npos) << e;
  }
}

TEST(YamlKeys, QuotedAndWordKeysAreStrings) {
  EXPECT_EQ(error_of("services:\n  '123':\n    image: busybox\n    environment:\n      \"1\": FOO\n"
                     "      yes: y\n      on: o\n"),
            "");
}
