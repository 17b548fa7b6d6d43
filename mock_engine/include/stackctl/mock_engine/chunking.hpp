#pragma once
// Cut a response body into the pieces a streamed reply delivers one at a time, so decoders see
// headers and payloads split at awkward places.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace stackctl::mock_engine {

// Pieces of `size` bytes (the last may be shorter). size 0 → std::invalid_argument.
std::vector<std::string> split_every(std::string_view data, std::size_t size);

// Pieces cut at the given byte offsets (ascending, each < data.size()); std::invalid_argument
// otherwise. split_at("abcdef", {1, 4}) → {"a", "bcd", "ef"}.
std::vector<std::string> split_at(std::string_view data, const std::vector<std::size_t>& offsets);

}  // namespace stackctl::mock_engine
