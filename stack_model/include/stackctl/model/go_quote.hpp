#pragma once
// Go's strconv.Quote, for output that must match what compose and the docker CLI print with it
// (`ps`'s COMMAND column, %q in compose-go's error messages).
#include <string>
#include <string_view>

namespace stackctl::model {

// A double-quoted Go string literal: \" \\ \n \t ..., \x for invalid UTF-8 bytes, \u/\U for
// runes Go does not consider printable; printable UTF-8 kept as is.
std::string go_quote(std::string_view text);

}  // namespace stackctl::model
