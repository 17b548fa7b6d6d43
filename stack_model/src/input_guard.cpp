#include "input_guard.hpp"

#include <algorithm>
#include <fstream>

#include <fmt/format.h>

namespace stackctl::model::detail {

namespace {

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

// UTF-32 (00 00 FE FF / FF FE 00 00) and UTF-16 (FE FF / FF FE) byte order marks.
bool has_utf16_or_utf32_bom(std::string_view text) {
  using namespace std::string_view_literals;
  return starts_with(text, "\x00\x00\xFE\xFF"sv) || starts_with(text, "\xFE\xFF"sv) || starts_with(text, "\xFF\xFE"sv);
}

[[noreturn]] void refuse_size(const std::string& file) {
  throw model_error(fmt::format("larger than the {} MiB input limit", max_input_bytes >> 20),
                    source_location{file, 0, 0});
}

}  // namespace

std::optional<std::string> read_input_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  std::string content;
  char buffer[1 << 16];
  // A regular file too large is refused before it is read; anything else (a pipe, /dev/zero) is
  // read into room for the limit, reserved once: untouched pages cost no memory, and no doubling
  // of the buffer holds two copies at the end.
  std::error_code ec;
  const auto size =
      std::filesystem::is_regular_file(file, ec) ? std::filesystem::file_size(file, ec) : std::uintmax_t{0};
  if (!ec && size > max_input_bytes) refuse_size(file.string());
  content.reserve(!ec && size > 0 ? static_cast<std::size_t>(size) : max_input_bytes + sizeof buffer);
  while (in) {
    in.read(buffer, sizeof buffer);
    content.append(buffer, static_cast<std::size_t>(in.gcount()));
    if (content.size() > max_input_bytes) refuse_size(file.string());
  }
  return content;
}

std::optional<utf8_problem> find_invalid_utf8(std::string_view text) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  std::size_t i = 0;
  while (i < text.size()) {
    const unsigned char lead = byte(i);
    if (lead < 0x80) {
      ++i;
      continue;
    }
    std::size_t width = 0;
    char32_t value = 0;
    if ((lead & 0xE0) == 0xC0) width = 2, value = lead & 0x1F;
    else if ((lead & 0xF0) == 0xE0) width = 3, value = lead & 0x0F;
    else if ((lead & 0xF8) == 0xF0) width = 4, value = lead & 0x07;
    else return utf8_problem{i, "invalid leading UTF-8 octet"};
    for (std::size_t k = 1; k < width; ++k) {
      if (i + k >= text.size()) return utf8_problem{i, "incomplete UTF-8 octet sequence"};
      if ((byte(i + k) & 0xC0) != 0x80) return utf8_problem{i, "invalid trailing UTF-8 octet"};
      value = value << 6 | (byte(i + k) & 0x3F);
    }
    const bool shortest =
        (width == 2 && value >= 0x80) || (width == 3 && value >= 0x800) || (width == 4 && value >= 0x10000);
    if (!shortest) return utf8_problem{i, "invalid length of a UTF-8 sequence"};
    if ((value >= 0xD800 && value <= 0xDFFF) || value > 0x10FFFF) return utf8_problem{i, "invalid Unicode character"};
    i += width;
  }
  return std::nullopt;
}

source_location location_of(std::string_view text, std::size_t offset, const std::string& file) {
  offset = std::min(offset, text.size());
  const std::string_view before = text.substr(0, offset);
  const auto line = 1 + std::count(before.begin(), before.end(), '\n');
  const auto newline = before.rfind('\n');
  const std::size_t column = 1 + (newline == std::string_view::npos ? offset : offset - newline - 1);
  return {file, static_cast<int>(line), static_cast<int>(column)};
}

void check_input_text(std::string_view text, const std::string& file, input_kind kind) {
  if (text.size() > max_input_bytes) refuse_size(file);
  if (kind == input_kind::yaml && has_utf16_or_utf32_bom(text)) return;
  if (const auto problem = find_invalid_utf8(text)) {
    const char* prefix = kind == input_kind::yaml ? "yaml: " : "invalid UTF-8: ";
    throw model_error(prefix + problem->reason, location_of(text, problem->offset, file));
  }
}

}  // namespace stackctl::model::detail
