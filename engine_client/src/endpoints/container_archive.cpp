// PUT /containers/{id}/archive: extract a tar into the container's filesystem.
#include <string>

#include "endpoints/endpoints.hpp"
#include "request_util.hpp"

namespace stackctl::engine::detail {

void container_endpoints::put_archive(std::string_view id, std::string_view path, std::string tar,
                                      const copy_to_container_options& options) {
  query q;
  q.add("path", path);
  if (!options.allow_overwrite_dir_with_file) q.add("noOverwriteDirNonDir", "true");
  if (options.copy_uid_gid) q.add("copyUIDGID", "true");
  std::string target = "/containers/";
  target += escape_path(id);
  target += "/archive";
  target += q.str();
  http_request http = core_.request("PUT", target);
  http.body = std::move(tar);
  http.content_type = "application/x-tar";
  core_.send(http);
}

}  // namespace stackctl::engine::detail
