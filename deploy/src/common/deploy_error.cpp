#include "stackctl/deploy/deploy_error.hpp"

#include <utility>

namespace stackctl::deploy {

std::string_view to_string(deploy_error_kind kind) {
  switch (kind) {
    case deploy_error_kind::invalid: return "invalid";
    case deploy_error_kind::not_found: return "not_found";
    case deploy_error_kind::conflict: return "conflict";
    case deploy_error_kind::timeout: return "timeout";
    case deploy_error_kind::unhealthy: return "unhealthy";
    case deploy_error_kind::dependency_failed: return "dependency_failed";
    case deploy_error_kind::host: return "host";
    case deploy_error_kind::engine: return "engine";
    case deploy_error_kind::hook_failed: return "hook_failed";
  }
  return "?";
}

deploy_error::deploy_error(deploy_error_kind kind, std::string message)
    : std::runtime_error(message), kind_(kind) {}  // runtime_error copies: it has no string&&

}  // namespace stackctl::deploy
