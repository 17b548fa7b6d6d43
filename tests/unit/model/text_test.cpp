// The shared string helpers (stackctl/model/text.hpp).
#include <gmock/gmock.h>

#include "stackctl/model/text.hpp"

namespace text = stackctl::model::text;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

TEST(Text, TrimDropsAsciiSpaceAtBothEnds) {
  EXPECT_EQ(text::trim("  a b \t"), "a b");
  EXPECT_EQ(text::trim("\n\r\v\fx\n"), "x");
  EXPECT_EQ(text::trim(" \t "), "");
  EXPECT_EQ(text::trim(""), "");
  EXPECT_EQ(text::trim("\xc2\xa0x"), "\xc2\xa0x");  // a UTF-8 no-break space is not ASCII space
}

TEST(Text, SplitKeepsEmptyPiecesLikeGo) {
  EXPECT_THAT(text::split("a,b", ','), ElementsAre("a", "b"));
  EXPECT_THAT(text::split("", ','), ElementsAre(""));
  EXPECT_THAT(text::split("a,", ','), ElementsAre("a", ""));
  EXPECT_THAT(text::split(",a,,b", ','), ElementsAre("", "a", "", "b"));
  EXPECT_THAT(text::split("a:b;c", ';'), ElementsAre("a:b", "c"));
}

TEST(Text, SplitNonEmptyDropsEmptyPieces) {
  EXPECT_THAT(text::split_non_empty("", ','), IsEmpty());
  EXPECT_THAT(text::split_non_empty(",,", ','), IsEmpty());
  EXPECT_THAT(text::split_non_empty(",a,,b,", ','), ElementsAre("a", "b"));
  EXPECT_THAT(text::split_non_empty(" ,a", ','), ElementsAre(" ", "a"));  // no trimming
}

TEST(Text, LowerIsAsciiOnly) {
  EXPECT_EQ(text::lower("TCP"), "tcp");
  EXPECT_EQ(text::lower("MiXeD-09_z"), "mixed-09_z");
  EXPECT_EQ(text::lower("\xc3\x84"), "\xc3\x84");  // Ä stays as it is
  EXPECT_EQ(text::lower(""), "");
}

TEST(Text, ParseBoolIsGoStrconvParseBool) {
  for (const char* t : {"1", "t", "T", "TRUE", "true", "True"}) EXPECT_EQ(text::parse_bool(t), true) << t;
  for (const char* f : {"0", "f", "F", "FALSE", "false", "False"}) EXPECT_EQ(text::parse_bool(f), false) << f;
  for (const char* bad : {"", "yes", "on", "no", "off", "tRUE", " true", "2", "y"})
    EXPECT_EQ(text::parse_bool(bad), std::nullopt) << bad;
}

TEST(Text, DottedPaths) {
  EXPECT_EQ(text::child_path("", "services"), "services");
  EXPECT_EQ(text::child_path("services", "web"), "services.web");
  EXPECT_EQ(text::child_path("services.web", ""), "services.web.");
  EXPECT_EQ(text::index_path("services.web.ports", 2), "services.web.ports[2]");
  EXPECT_EQ(text::child_path(text::index_path("volumes", 0), "source"), "volumes[0].source");
}
