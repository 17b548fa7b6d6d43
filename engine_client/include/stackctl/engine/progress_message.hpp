#pragma once
// One object of a JSON-lines progress stream (POST /images/create for pull and import, and later
// build/push), as written by the daemon's streamformatter. Errors that happen after the 200
// status was sent arrive in-band as {"errorDetail": {...}, "error": "..."}.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace stackctl::engine {

struct progress_detail {
  std::optional<std::int64_t> current;
  std::optional<std::int64_t> total;
};

struct progress_message {
  std::string status;                     // "Pulling fs layer", "Download complete", "sha256:…" (import)
  std::string id;                         // layer id, or the tag being pulled
  std::string progress;                   // the daemon's text bar (deprecated, still sent by 1.41)
  std::optional<progress_detail> detail;  // progressDetail
  std::string stream;                     // build output
  std::string aux;                        // the aux object as JSON text ("" when absent)
  std::optional<std::string> error;       // errorDetail.message, else error
  std::optional<int> error_code;          // errorDetail.code
};

using progress_callback = std::function<void(const progress_message&)>;

// Tolerant: unknown members are ignored; a line that is not a JSON object becomes a message
// whose status is the raw line (one odd line must not unwind a pull).
progress_message parse_progress_message(std::string_view line);

// Throws engine_error(stream, "<subject>: <error>") when the message carries an in-band error.
void throw_if_error(const progress_message& message, std::string_view subject);

}  // namespace stackctl::engine
