// start, stop, kill, restart, rename, remove: body-less calls that answer 204.
#include <string>

#include "endpoints/endpoints.hpp"
#include "request_util.hpp"

namespace stackctl::engine::detail {

namespace {
std::string container_path(std::string_view id, std::string_view action) {
  // Appended piece by piece: GCC 12 at -O3 reports a false -Wrestrict on `"/" + string`.
  std::string path = "/containers/";
  path += escape_path(id);
  if (!action.empty()) {
    path += '/';
    path += action;
  }
  return path;
}

// stop/restart block for up to t seconds while the container shuts down: allow that plus the
// usual request time; without t the container's own StopTimeout applies, so do not guess.
void set_grace_timeout(http_request& request, std::optional<int> timeout_s, std::chrono::milliseconds request_timeout) {
  if (timeout_s && *timeout_s >= 0) {
    request.timeout = request_timeout + std::chrono::seconds(*timeout_s);
  } else {
    request.timeout.reset();
  }
}
}  // namespace

void container_endpoints::start(std::string_view id) {
  core_.send(core_.request("POST", container_path(id, "start")), /*not_modified_ok=*/true);
}

void container_endpoints::stop(std::string_view id, std::optional<int> timeout_s) {
  query q;
  if (timeout_s) q.add("t", std::to_string(*timeout_s));
  http_request request = core_.request("POST", container_path(id, "stop") + q.str());
  set_grace_timeout(request, timeout_s, core_.options().request_timeout);
  core_.send(request, /*not_modified_ok=*/true);
}

void container_endpoints::kill(std::string_view id, std::string_view signal) {
  query q;
  if (!signal.empty()) q.add("signal", signal);
  core_.send(core_.request("POST", container_path(id, "kill") + q.str()));
}

void container_endpoints::restart(std::string_view id, std::optional<int> timeout_s) {
  query q;
  if (timeout_s) q.add("t", std::to_string(*timeout_s));
  http_request request = core_.request("POST", container_path(id, "restart") + q.str());
  set_grace_timeout(request, timeout_s, core_.options().request_timeout);
  core_.send(request);
}

void container_endpoints::rename(std::string_view id, std::string_view new_name) {
  query q;
  q.add("name", new_name);
  core_.send(core_.request("POST", container_path(id, "rename") + q.str()));
}

void container_endpoints::remove(std::string_view id, const container_remove_options& options) {
  query q;
  if (options.force) q.add_bool("force", true);
  if (options.volumes) q.add_bool("v", true);
  if (options.link) q.add_bool("link", true);
  core_.send(core_.request("DELETE", container_path(id, "") + q.str()));
}

}  // namespace stackctl::engine::detail
