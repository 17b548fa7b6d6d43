#include "stackctl/model/model_error.hpp"

#include <utility>

#include <fmt/format.h>

namespace stackctl::model {

namespace {
std::string render(const std::string& message, const source_location& where, const std::string& path) {
  std::string out;
  if (!where.file.empty()) {
    out += where.file;
    if (where.line > 0) out += fmt::format(":{}", where.line);
    if (where.line > 0 && where.column > 0) out += fmt::format(":{}", where.column);
    out += ": ";
  }
  if (!path.empty()) out += path + ": ";
  out += message;
  return out;
}
}  // namespace

model_error::model_error(std::string message, source_location where, std::string dotted_path)
    : std::runtime_error(render(message, where, dotted_path)),
      message_(std::move(message)),
      where_(std::move(where)),
      dotted_path_(std::move(dotted_path)) {}

}  // namespace stackctl::model
