#include "stackctl/engine/client_version.hpp"

namespace stackctl::engine {
std::string_view client_version() noexcept { return STACKCTL_VERSION; }
}  // namespace stackctl::engine
