#include "stackctl/model/model_error.hpp"

#include <string_view>
#include <utility>

#include <fmt/format.h>

namespace stackctl::model {

namespace {

// compose-go's .env messages start "line N: " with its own (quirky) line counter; once the error is
// located at file:line, that prefix would only repeat — or contradict — the real line.
std::string_view without_line_prefix(std::string_view message) {
  if (message.substr(0, 5) != "line ") return message;
  std::size_t i = 5;
  while (i < message.size() && message[i] >= '0' && message[i] <= '9') ++i;
  if (i == 5 || message.substr(i, 2) != ": ") return message;
  return message.substr(i + 2);
}

std::string render(const std::string& message, const source_location& where, const std::string& path) {
  std::string out;
  if (!where.file.empty()) {
    out += where.file;
    if (where.line > 0) out += fmt::format(":{}", where.line);
    if (where.line > 0 && where.column > 0) out += fmt::format(":{}", where.column);
    out += ": ";
  }
  if (!path.empty()) out += path + ": ";
  out += where.line > 0 ? without_line_prefix(message) : std::string_view(message);
  return out;
}
}  // namespace

model_error::model_error(std::string message, source_location where, std::string dotted_path)
    : std::runtime_error(render(message, where, dotted_path)),
      message_(std::move(message)),
      where_(std::move(where)),
      dotted_path_(std::move(dotted_path)) {}

}  // namespace stackctl::model
