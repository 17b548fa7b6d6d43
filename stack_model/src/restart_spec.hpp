#pragma once
// Internal: a service's restart policies, checked at load as the engine (and the docker CLI that
// parses "on-failure:N") would check them, so `up` never meets one it cannot send.
#include <string>
#include <string_view>

namespace stackctl::model::detail {

// `restart:` — "", no, always, unless-stopped, on-failure[:N] with 0 <= N <= 2147483647 (the
// engine's int). The problem in the engine's / docker CLI's words, or "" when the policy is valid:
//   invalid restart policy: unknown policy 'sometimes'; use one of 'no', 'always', 'on-failure', or 'unless-stopped'
//   invalid restart policy format: maximum retry count must be an integer
std::string restart_problem(std::string_view policy);

// `deploy.restart_policy.condition` — none, on-failure, any (the compose spec), or an engine
// policy name; "" when valid.
std::string restart_condition_problem(std::string_view condition);

}  // namespace stackctl::model::detail
