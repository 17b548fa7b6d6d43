#pragma once
// Builders for the JSON-lines bodies dockerd streams from pull/import/build (objects separated by
// "\r\n") and /events ("\n"), including the in-band error a 200 stream carries when a pull fails
// after progress was already flushed.
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace stackctl::mock_engine {

// `object` serialized on one line, followed by `separator`.
std::string json_line(const nlohmann::json& object, std::string_view separator = "\r\n");

// All objects, one per line.
std::vector<std::string> json_lines(const std::vector<nlohmann::json>& objects, std::string_view separator = "\r\n");

// {"errorDetail":{"message":m},"error":m} — how dockerd reports a failure inside a 200 stream.
nlohmann::json in_band_error(std::string_view message);

// The progress objects a successful `POST /images/create?fromImage=<repo>&tag=<tag>` streams:
// "Pulling from", layer progress with progressDetail, "Digest:", "Status: Downloaded newer image".
std::vector<nlohmann::json> pull_progress(std::string_view repo, std::string_view tag);

// Some layer progress for repo:tag, then in_band_error(message) — still inside a 200.
std::vector<nlohmann::json> pull_progress_then_error(std::string_view repo, std::string_view tag,
                                                     std::string_view message);

}  // namespace stackctl::mock_engine
