#pragma once
// Lifecycle hooks, as compose runs them (pkg/compose/hook.go): each `post_start` hook of a service
// is exec'd in a container right after the container started (before it counts as Started), each
// `pre_stop` hook right before it is stopped (before the stop call), one hook after the other,
// attached, without a TTY.
#include <string>

#include "stackctl/deploy/engine_ref.hpp"
#include "stackctl/deploy/progress.hpp"
#include "stackctl/model/project.hpp"

namespace stackctl::deploy::detail {

enum class hook_point { post_start, pre_stop };

// "post_start" / "pre_stop", as the compose file spells them.
const char* to_string(hook_point point);

// The service `name` of `p` (enabled or disabled by profiles); nullptr without a project or for a
// service it does not have (an orphan): such containers run no hooks.
const model::service* hooked_service(const model::project* p, const std::string& name);

// Runs the hooks of `point` of `s` in the container `container_id`, named `container_name` in
// progress and errors. Each line the hook prints is a progress event on "Container <name>"
// ("post_start: <line>"). A hook exiting non-zero throws deploy_error(hook_failed) naming the
// service, the hook and the container, with the hook's last lines (stderr preferred, as compose);
// the hooks after it do not run. pre_stop in a container that is gone or no longer running (the
// engine's not_found / conflict) ends quietly: there is nothing left to drain. Hooks without
// `engine.execs` throw deploy_error(invalid).
void run_hooks(engine_ref engine, const model::service& s, hook_point point, const std::string& container_id,
               const std::string& container_name, const progress_sink& progress);

}  // namespace stackctl::deploy::detail
