#pragma once
// Turns a failed HTTP exchange into an engine_error, like the Go client's checkResponseErr:
// the daemon's {"message": ...} when the body is JSON, the raw text otherwise, and a hint about
// the API version when the body is empty (an unknown route answers that way).
#include <string>
#include <string_view>

#include "stackctl/engine/error.hpp"

namespace stackctl::engine {

engine_error http_error(long status, std::string_view body, std::string method, std::string path);

}  // namespace stackctl::engine
