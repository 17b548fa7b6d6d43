#pragma once
// Internal: values in the textual forms compose (Go) uses — durations ("1m30s"), byte sizes
// ("50M" → 52428800), float32 numbers.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace stackctl::model::detail {

// Parses a duration as compose does (Go time.ParseDuration plus 'd' and 'w'); nullopt if invalid
// or too long for an int64 of nanoseconds (~292 years).
std::optional<std::chrono::nanoseconds> parse_duration(std::string_view s);
// Go's time.Duration.String(): "1m0s", "1.5s", "100ms", "0s".
std::string format_duration(std::chrono::nanoseconds d);
// docker/go-units RAMInBytes: "50M", "1g", "512mb", "1024"; nullopt if invalid, with
// *out_of_range set when it is a size of 8 EiB or more (which does not fit an int64).
std::optional<std::int64_t> parse_bytes(std::string_view s, bool* out_of_range = nullptr);
// Shortest text that reads back as the same float32 (Go's strconv 'g', -1, 32).
std::string format_float32(double value);

}  // namespace stackctl::model::detail
