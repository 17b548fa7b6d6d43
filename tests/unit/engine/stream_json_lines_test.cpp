#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "stackctl/engine/streams/json_lines.hpp"

namespace stackctl::engine {
namespace {

std::vector<std::string> split_in_chunks(std::string_view bytes, std::size_t chunk) {
  std::vector<std::string> lines;
  json_lines_splitter splitter([&](std::string_view line) { lines.emplace_back(line); });
  for (std::size_t pos = 0; pos < bytes.size(); pos += chunk) splitter.feed(bytes.substr(pos, chunk));
  splitter.finish();
  return lines;
}

TEST(JsonLines, CrLfAndLfAndBlankLinesAtEveryChunkSize) {
  const std::string bytes = "{\"status\":\"a\"}\r\n\r\n{\"status\":\"b\"}\n\n  \n{\"id\":\"c\"}\r\n";
  const std::vector<std::string> want = {R"({"status":"a"})", R"({"status":"b"})", R"({"id":"c"})"};
  for (std::size_t chunk = 1; chunk <= bytes.size(); ++chunk) {
    EXPECT_EQ(split_in_chunks(bytes, chunk), want) << "chunk size " << chunk;
  }
}

TEST(JsonLines, LastLineWithoutNewlineIsDeliveredByFinish) {
  std::vector<std::string> lines;
  json_lines_splitter splitter([&](std::string_view line) { lines.emplace_back(line); });
  splitter.feed("{\"a\":1}\n{\"b\"");
  EXPECT_EQ(lines.size(), 1u);
  splitter.feed(":2}");
  EXPECT_EQ(lines.size(), 1u);
  splitter.finish();
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[1], R"({"b":2})");
}

TEST(JsonLines, CrSplitFromItsLf) { EXPECT_EQ(split_in_chunks("x\r\ny\r\n", 2), (std::vector<std::string>{"x", "y"})); }

}  // namespace
}  // namespace stackctl::engine
