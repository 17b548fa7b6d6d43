#pragma once
// The stackctl release this client belongs to; sent as the User-Agent ("stackctl/0.1.0").
#include <string_view>

namespace stackctl::engine {
std::string_view client_version() noexcept;
}  // namespace stackctl::engine
