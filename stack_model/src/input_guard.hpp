#pragma once
// Internal: what stackctl refuses to read before any parser sees it. Every file the model reads
// (compose files, .env files, env schemas) comes through read_input_file, and every text a parser
// gets is checked by check_input_text: at most max_input_bytes, and valid UTF-8 — so no byte that
// would later break the JSON rendering or the Engine API request gets past the loader.
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "stackctl/model/model_error.hpp"

namespace stackctl::model::detail {

// 64 MiB: far above any real compose file, .env or env schema, low enough that a stray `-f
// /dev/zero` or a generated monster is refused at once instead of exhausting memory.
inline constexpr std::size_t max_input_bytes = std::size_t{64} << 20;

// The file's bytes, or nullopt when it cannot be opened (each caller words that error itself).
// Reads at most max_input_bytes + 1 bytes, so a larger file — or an endless one like /dev/zero —
// is refused with model_error "<file>: larger than the 64 MiB input limit".
std::optional<std::string> read_input_file(const std::filesystem::path& file);

// The first invalid UTF-8 sequence in `text`: the byte offset where it starts and go-yaml's reason
// ("invalid leading UTF-8 octet", "invalid trailing UTF-8 octet", "incomplete UTF-8 octet
// sequence", "invalid length of a UTF-8 sequence" for an overlong form, "invalid Unicode
// character" for surrogates and values past U+10FFFF).
struct utf8_problem {
  std::size_t offset = 0;
  std::string reason;
};
std::optional<utf8_problem> find_invalid_utf8(std::string_view text);

// The 1-based line and byte column of `offset` in `text` (columns count bytes, as yaml-cpp's do).
source_location location_of(std::string_view text, std::size_t offset, const std::string& file);

enum class input_kind { yaml, dotenv };

// Refuses text over max_input_bytes and text that is not UTF-8, with one model_error naming
// file:line:column: "yaml: invalid leading UTF-8 octet" (go-yaml's words) for YAML,
// "invalid UTF-8: invalid leading UTF-8 octet" for a .env file. A YAML stream that starts with a
// UTF-16 or UTF-32 byte order mark is left to the YAML reader, which decodes it.
void check_input_text(std::string_view text, const std::string& file, input_kind kind);

}  // namespace stackctl::model::detail
