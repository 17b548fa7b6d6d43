#include "request_util.hpp"

namespace stackctl::engine::detail {

namespace {
bool unreserved(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
         c == '_' || c == '~';
}

std::string encode(std::string_view text, std::string_view also_keep) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (unreserved(c) || also_keep.find(c) != std::string_view::npos) {
      out += c;
    } else {
      const auto byte = static_cast<unsigned char>(c);
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 0x0F];
    }
  }
  return out;
}
}  // namespace

std::string escape_path(std::string_view segment, bool image_reference) {
  return encode(segment, image_reference ? "/:@" : "");
}

std::string escape_query(std::string_view value) { return encode(value, ""); }

query& query::add(std::string_view key, std::string_view value) {
  text_ += text_.empty() ? '?' : '&';
  text_ += escape_query(key);
  text_ += '=';
  text_ += escape_query(value);
  return *this;
}

std::string query::str() const { return text_; }

}  // namespace stackctl::engine::detail
