#include "stackctl/engine/streams/json_lines.hpp"

#include <utility>

namespace stackctl::engine {

json_lines_splitter::json_lines_splitter(sink on_line) : on_line_(std::move(on_line)) {}

void json_lines_splitter::emit(std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  // Whitespace-only lines carry nothing.
  if (line.find_first_not_of(" \t\r") == std::string_view::npos) return;
  on_line_(line);
}

void json_lines_splitter::feed(std::string_view chunk) {
  while (!chunk.empty()) {
    const auto newline = chunk.find('\n');
    if (newline == std::string_view::npos) {
      pending_.append(chunk);
      return;
    }
    if (pending_.empty()) {
      emit(chunk.substr(0, newline));
    } else {
      pending_.append(chunk.substr(0, newline));
      const std::string line = std::exchange(pending_, {});
      emit(line);
    }
    chunk.remove_prefix(newline + 1);
  }
}

void json_lines_splitter::finish() {
  if (pending_.empty()) return;
  const std::string line = std::exchange(pending_, {});
  emit(line);
}

}  // namespace stackctl::engine
