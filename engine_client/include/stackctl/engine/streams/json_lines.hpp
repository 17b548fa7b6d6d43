#pragma once
// Splits a byte stream of JSON documents separated by "\n" or "\r\n" (pull/import progress,
// /events) into lines, across arbitrary chunk boundaries. Blank lines are skipped.
#include <functional>
#include <string>
#include <string_view>

namespace stackctl::engine {

class json_lines_splitter {
 public:
  using sink = std::function<void(std::string_view line)>;

  explicit json_lines_splitter(sink on_line);

  void feed(std::string_view chunk);
  // Delivers a last line that had no terminating newline.
  void finish();

 private:
  void emit(std::string_view line);

  sink on_line_;
  std::string pending_;
};

}  // namespace stackctl::engine
