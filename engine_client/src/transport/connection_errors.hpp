#pragma once
// The connection errors both transports raise, worded once so a user sees the same text whichever
// transport ran. Private to the engine client.
#include <string>
#include <string_view>

#include "stackctl/engine/error.hpp"
#include "transport/http_message.hpp"

namespace stackctl::engine::detail {

// The request target without its query: what an error names.
std::string path_of(const http_request& request);

// errno of a failed connect → "cannot connect … is it running?" or the permission-denied hint.
engine_error cannot_connect(std::string_view where, int os_errno, const http_request& request);
engine_error connection_lost(std::string_view where, const http_request& request, std::string_view detail);
engine_error timed_out(std::string_view where, const http_request& request, bool got_status, std::string_view detail);

}  // namespace stackctl::engine::detail
