#include "go_text.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include <fmt/format.h>

#include "stackctl/model/go_quote.hpp"
#include "unicode_tables.hpp"

namespace stackctl::model::detail {

namespace {

template <std::size_t N>
bool in_table(const std::array<std::pair<char32_t, char32_t>, N>& table, char32_t r) {
  auto it = std::upper_bound(table.begin(), table.end(), r,
                             [](char32_t value, const auto& range) { return value < range.first; });
  if (it == table.begin()) return false;
  --it;
  return r >= it->first && r <= it->second;
}

bool is_continuation(unsigned char b, unsigned char lo = 0x80, unsigned char hi = 0xBF) { return b >= lo && b <= hi; }

}  // namespace

decoded_rune decode_rune(std::string_view text, std::size_t pos) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const std::size_t left = text.size() - pos;
  const unsigned char b0 = byte(pos);
  if (b0 < 0x80) return {b0, 1};
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    if (left >= 2 && is_continuation(byte(pos + 1)))
      return {static_cast<char32_t>((b0 & 0x1Fu) << 6 | (byte(pos + 1) & 0x3Fu)), 2};
    return {rune_error, 1};
  }
  if (b0 >= 0xE0 && b0 <= 0xEF) {
    unsigned char lo = 0x80;
    unsigned char hi = 0xBF;
    if (b0 == 0xE0) lo = 0xA0;
    if (b0 == 0xED) hi = 0x9F;  // no surrogates
    if (left >= 3 && is_continuation(byte(pos + 1), lo, hi) && is_continuation(byte(pos + 2)))
      return {static_cast<char32_t>((b0 & 0x0Fu) << 12 | (byte(pos + 1) & 0x3Fu) << 6 | (byte(pos + 2) & 0x3Fu)), 3};
    return {rune_error, 1};
  }
  if (b0 >= 0xF0 && b0 <= 0xF4) {
    unsigned char lo = 0x80;
    unsigned char hi = 0xBF;
    if (b0 == 0xF0) lo = 0x90;
    if (b0 == 0xF4) hi = 0x8F;
    if (left >= 4 && is_continuation(byte(pos + 1), lo, hi) && is_continuation(byte(pos + 2)) &&
        is_continuation(byte(pos + 3)))
      return {static_cast<char32_t>((b0 & 0x07u) << 18 | (byte(pos + 1) & 0x3Fu) << 12 | (byte(pos + 2) & 0x3Fu) << 6 |
                                    (byte(pos + 3) & 0x3Fu)),
              4};
    return {rune_error, 1};
  }
  return {rune_error, 1};
}

void append_utf8(std::string& out, char32_t r) {
  if (r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF)) r = rune_error;  // as Go's string(rune)
  if (r < 0x80) {
    out += static_cast<char>(r);
  } else if (r < 0x800) {
    out += static_cast<char>(0xC0 | (r >> 6));
    out += static_cast<char>(0x80 | (r & 0x3F));
  } else if (r < 0x10000) {
    out += static_cast<char>(0xE0 | (r >> 12));
    out += static_cast<char>(0x80 | ((r >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (r & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (r >> 18));
    out += static_cast<char>(0x80 | ((r >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((r >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (r & 0x3F));
  }
}

bool go_is_letter(char32_t r) {
  if (r < 0x80) return (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z');
  return in_table(unicode_tables::letter_ranges, r);
}

bool go_is_number(char32_t r) {
  if (r < 0x80) return r >= '0' && r <= '9';
  return in_table(unicode_tables::number_ranges, r);
}

bool go_is_space(char32_t r) {
  switch (r) {
    case '\t':
    case '\n':
    case '\v':
    case '\f':
    case '\r':
    case ' ':
    case 0x85:
    case 0xA0:
    case 0x1680:
    case 0x2028:
    case 0x2029:
    case 0x202F:
    case 0x205F:
    case 0x3000: return true;
    default: return r >= 0x2000 && r <= 0x200A;
  }
}

bool go_is_print(char32_t r) {
  if (r < 0x80) return r >= 0x20 && r < 0x7F;
  return in_table(unicode_tables::graphic_ranges, r);
}

std::string go_quote(std::string_view text) {
  std::string out = "\"";
  for (std::size_t i = 0; i < text.size();) {
    const auto [r, width] = decode_rune(text, i);
    if (width == 1 && r == rune_error) {
      out += fmt::format("\\x{:02x}", static_cast<unsigned char>(text[i]));
      i += width;
      continue;
    }
    i += width;
    if (r == '"' || r == '\\') {
      out += '\\';
      out += static_cast<char>(r);
    } else if (go_is_print(r)) {
      append_utf8(out, r);
    } else {
      switch (r) {
        case '\a': out += "\\a"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\v': out += "\\v"; break;
        default:
          if (r < ' ' || r == 0x7F) {
            out += fmt::format("\\x{:02x}", static_cast<unsigned>(r));
          } else if (r < 0x10000) {
            out += fmt::format("\\u{:04x}", static_cast<unsigned>(r));
          } else {
            out += fmt::format("\\U{:08x}", static_cast<unsigned>(r));
          }
      }
    }
  }
  out += '"';
  return out;
}

std::string_view trim_right_go_space(std::string_view text) {
  // Walk forward to find the end of the last non-space rune (decoding from the back is
  // ambiguous with invalid bytes; forward decoding matches Go's DecodeLastRune for valid text).
  std::size_t end = 0;
  for (std::size_t i = 0; i < text.size();) {
    const auto [r, width] = decode_rune(text, i);
    i += width;
    if (!go_is_space(r)) end = i;
  }
  return text.substr(0, end);
}

}  // namespace stackctl::model::detail

namespace stackctl::model {

std::string go_quote(std::string_view text) { return detail::go_quote(text); }

}  // namespace stackctl::model
