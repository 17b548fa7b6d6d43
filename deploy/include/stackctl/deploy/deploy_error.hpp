#pragma once
// Errors raised by deploy (up, down, the lifecycle commands), typed by kind so callers — the CLI's
// exit codes and hints, an embedding program's retry logic — decide by kind, never by message text.
// Engine failures stay engine::engine_error; input errors stay model::model_error.
#include <stdexcept>
#include <string>
#include <string_view>

namespace stackctl::deploy {

enum class deploy_error_kind {
  invalid,            // options or a project deploy cannot act on (no image, container_name + scale)
  not_found,          // an external network/volume, a local image the policy may not pull, a service
  conflict,           // an ambiguous name (several networks called so)
  timeout,            // a wait (depends_on, --wait) ran out of time
  unhealthy,          // a container became unhealthy or exited while something waited on it
  dependency_failed,  // a one-shot dependency did not complete successfully
  host,               // the host's file system refused (a bind source that cannot be created)
  engine,             // the engine refused, with the context of what was being done (a pull)
  hook_failed,        // a lifecycle hook (post_start, pre_stop) exited non-zero
};

std::string_view to_string(deploy_error_kind kind);

class deploy_error : public std::runtime_error {
 public:
  deploy_error(deploy_error_kind kind, std::string message);
  deploy_error_kind kind() const noexcept { return kind_; }

 private:
  deploy_error_kind kind_;
};

}  // namespace stackctl::deploy
