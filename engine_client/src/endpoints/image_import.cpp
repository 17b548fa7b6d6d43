#include <fstream>

#include <fmt/format.h>

#include "endpoints/endpoints.hpp"
#include "request_util.hpp"
#include "stackctl/engine/error.hpp"

namespace stackctl::engine {

std::string image_api::import_tar(const body_reader& body, std::string_view repo, std::string_view tag,
                                  const progress_callback& progress, std::stop_token stop) {
  import_options options;
  options.repo = std::string(repo);
  options.tag = std::string(tag);
  return import_image(body, options, progress, stop);
}

std::string image_api::import_tar(const std::filesystem::path& tar_file, std::string_view repo, std::string_view tag,
                                  const progress_callback& progress, std::stop_token stop) {
  import_options options;
  options.repo = std::string(repo);
  options.tag = std::string(tag);
  return import_tar(tar_file, options, progress, stop);
}

std::string image_api::import_tar(const std::filesystem::path& tar_file, const import_options& options,
                                  const progress_callback& progress, std::stop_token stop) {
  std::ifstream in(tar_file, std::ios::binary);
  if (!in) {
    throw engine_error(error_kind::invalid, fmt::format("cannot open {} to import it", tar_file.string()));
  }
  const body_reader reader = [&in, &tar_file](char* buffer, std::size_t size) -> std::size_t {
    in.read(buffer, static_cast<std::streamsize>(size));
    if (in.bad()) throw engine_error(error_kind::invalid, fmt::format("error reading {}", tar_file.string()));
    return static_cast<std::size_t>(in.gcount());
  };
  return import_image(reader, options, progress, stop);
}

namespace detail {

std::string image_endpoints::import_image(const body_reader& body, const import_options& options,
                                          const progress_callback& progress, std::stop_token stop) {
  query q;
  q.add("fromSrc", "-");
  if (!options.repo.empty()) q.add("repo", options.repo);
  if (!options.tag.empty()) q.add("tag", options.tag);
  for (const std::string& change : options.changes) q.add("changes", change);
  if (!options.message.empty()) q.add("message", options.message);
  if (options.platform && !options.platform->empty()) q.add("platform", *options.platform);
  http_request request = core_.request("POST", "/images/create" + q.str());
  request.body_reader = body;  // sent chunked: the size is not needed up front
  request.content_type = "application/x-tar";
  request.stop = stop;
  const std::string subject =
      options.repo.empty() ? std::string("import")
                           : fmt::format("import {}{}{}", options.repo, options.tag.empty() ? "" : ":", options.tag);
  const progress_message last = run_progress_stream(core_, request, subject, progress);
  // The daemon's last status line of an import is the new image id.
  if (last.status.rfind("sha256:", 0) != 0) {
    throw engine_error(
        error_kind::stream,
        fmt::format("{}: the daemon did not report an image id (last status \"{}\")", subject, last.status), 200,
        "POST", "/images/create");
  }
  return last.status;
}

}  // namespace detail
}  // namespace stackctl::engine
