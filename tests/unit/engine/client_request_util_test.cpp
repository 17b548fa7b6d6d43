// The private request helpers (engine_client/src/request_util.hpp).
#include <gtest/gtest.h>

#include "request_util.hpp"

namespace stackctl::engine::detail {
namespace {

TEST(RequestUtil, PathSegmentsAreEscaped) {
  EXPECT_EQ(escape_path("web-1_a.b~"), "web-1_a.b~");
  EXPECT_EQ(escape_path("a/b c?d#e"), "a%2Fb%20c%3Fd%23e");
  EXPECT_EQ(escape_path("\xC3\xA9"), "%C3%A9");
}

TEST(RequestUtil, ImageReferencesKeepSlashColonAt) {
  EXPECT_EQ(escape_path("registry:5000/a/b:tag", true), "registry:5000/a/b:tag");
  EXPECT_EQ(escape_path("a@sha256:00", true), "a@sha256:00");
  EXPECT_EQ(escape_path("a b", true), "a%20b");
}

TEST(RequestUtil, QueryValuesAreEscaped) {
  query q;
  EXPECT_EQ(q.str(), "");
  q.add("filters", R"({"label":["a=b"]})").add_bool("all", true).add("name", "x&y");
  EXPECT_EQ(q.str(), "?filters=%7B%22label%22%3A%5B%22a%3Db%22%5D%7D&all=1&name=x%26y");
}

}  // namespace
}  // namespace stackctl::engine::detail
