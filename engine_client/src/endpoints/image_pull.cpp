#include "endpoints/endpoints.hpp"
#include "request_util.hpp"
#include "stackctl/engine/image_reference.hpp"

namespace stackctl::engine::detail {

void image_endpoints::pull(std::string_view reference, const pull_options& options, const progress_callback& progress,
                           std::stop_token stop) {
  const pull_reference ref = split_pull_reference(reference);
  query q;
  q.add("fromImage", ref.name);
  q.add("tag", ref.tag);  // always: without it the daemon pulls every tag
  if (options.platform && !options.platform->empty()) q.add("platform", *options.platform);
  http_request request = core_.request("POST", "/images/create" + q.str());
  if (options.registry_auth && !options.registry_auth->empty()) {
    request.headers.emplace_back("X-Registry-Auth", *options.registry_auth);
  }
  request.stop = stop;
  run_progress_stream(core_, request, reference, progress);
}

}  // namespace stackctl::engine::detail
