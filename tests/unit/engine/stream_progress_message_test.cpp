#include <gtest/gtest.h>

#include "stackctl/engine/error.hpp"
#include "stackctl/engine/progress_message.hpp"

namespace stackctl::engine {
namespace {

TEST(ProgressMessage, LayerProgress) {
  const progress_message m =
      parse_progress_message(R"({"status":"Downloading","progressDetail":{"current":1024,"total":4096},)"
                             R"("progress":"[==>   ] 1kB/4kB","id":"a3ed95caeb02","extra":true})");
  EXPECT_EQ(m.status, "Downloading");
  EXPECT_EQ(m.id, "a3ed95caeb02");
  EXPECT_EQ(m.progress, "[==>   ] 1kB/4kB");
  ASSERT_TRUE(m.detail);
  EXPECT_EQ(m.detail->current, 1024);
  EXPECT_EQ(m.detail->total, 4096);
  EXPECT_FALSE(m.error);
  EXPECT_NO_THROW(throw_if_error(m, "nginx:latest"));
}

TEST(ProgressMessage, EmptyProgressDetailIsAbsent) {
  const progress_message m = parse_progress_message(R"({"status":"Pulling fs layer","progressDetail":{},"id":"x"})");
  EXPECT_FALSE(m.detail);
}

TEST(ProgressMessage, StreamAndAux) {
  const progress_message m = parse_progress_message(R"({"stream":"Step 1/2\n","aux":{"ID":"sha256:abc"}})");
  EXPECT_EQ(m.stream, "Step 1/2\n");
  EXPECT_EQ(m.aux, R"({"ID":"sha256:abc"})");
}

TEST(ProgressMessage, InBandErrorDetailWins) {
  const progress_message m =
      parse_progress_message(R"({"errorDetail":{"code":1,"message":"manifest unknown"},"error":"legacy text"})");
  ASSERT_TRUE(m.error);
  EXPECT_EQ(*m.error, "manifest unknown");
  EXPECT_EQ(m.error_code, 1);
  try {
    throw_if_error(m, "registry:5000/app:1.0");
    FAIL() << "no error";
  } catch (const engine_error& e) {
    EXPECT_EQ(e.kind(), error_kind::stream);
    EXPECT_EQ(e.message(), "registry:5000/app:1.0: manifest unknown");
  }
}

TEST(ProgressMessage, LegacyErrorStringAlone) {
  const progress_message m = parse_progress_message(R"({"error":"unexpected EOF"})");
  ASSERT_TRUE(m.error);
  EXPECT_EQ(*m.error, "unexpected EOF");
}

TEST(ProgressMessage, NonJsonLineBecomesStatusText) {
  const progress_message m = parse_progress_message("not json at all");
  EXPECT_EQ(m.status, "not json at all");
  EXPECT_FALSE(m.error);
}

TEST(ProgressMessage, WrongMemberTypesAreIgnored) {
  const progress_message m = parse_progress_message(R"({"status":5,"id":null,"progressDetail":{"current":"x"}})");
  EXPECT_EQ(m.status, "");
  ASSERT_TRUE(m.detail);
  EXPECT_FALSE(m.detail->current);
}

}  // namespace
}  // namespace stackctl::engine
