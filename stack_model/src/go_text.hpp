#pragma once
// Private helpers that reproduce the Go standard-library behaviour compose-go's parsers rely on:
// UTF-8 decoding (invalid bytes decode as U+FFFD of width 1), unicode.IsLetter / IsNumber /
// IsSpace, and strconv.Quote (which compose uses for %q / %#v in its error messages).
#include <cstddef>
#include <string>
#include <string_view>

namespace stackctl::model::detail {

inline constexpr char32_t rune_error = 0xFFFD;

struct decoded_rune {
  char32_t rune;
  std::size_t width;  // bytes consumed, >= 1 unless at the end
};

// Go's utf8.DecodeRuneInString at byte offset `pos` (pos < text.size()).
decoded_rune decode_rune(std::string_view text, std::size_t pos);
void append_utf8(std::string& out, char32_t rune);

bool go_is_letter(char32_t r);  // unicode.IsLetter
bool go_is_number(char32_t r);  // unicode.IsNumber
bool go_is_space(char32_t r);   // unicode.IsSpace
bool go_is_print(char32_t r);   // strconv.IsPrint

// strconv.Quote: a double-quoted Go string literal.
std::string go_quote(std::string_view text);

// strings.TrimRightFunc(text, unicode.IsSpace)
std::string_view trim_right_go_space(std::string_view text);

}  // namespace stackctl::model::detail
