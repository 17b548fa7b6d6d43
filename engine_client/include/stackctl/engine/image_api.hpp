#pragma once
// Image endpoints.
#include <cstddef>
#include <filesystem>
#include <functional>
#include <stop_token>
#include <string>
#include <string_view>
#include <vector>

#include "stackctl/engine/filters.hpp"
#include "stackctl/engine/image.hpp"
#include "stackctl/engine/import_options.hpp"
#include "stackctl/engine/progress_message.hpp"
#include "stackctl/engine/pull_options.hpp"

namespace stackctl::engine {

// Supplies an upload body: fill up to `size` bytes of `buffer`, return how many; 0 = the end.
// Throwing aborts the upload and the exception reaches the caller.
using body_reader = std::function<std::size_t(char* buffer, std::size_t size)>;

class image_api {
 public:
  virtual ~image_api() = default;

  // GET /images/{ref}/json.
  virtual image_inspect inspect(std::string_view reference) = 0;
  // GET /images/json?all=&filters=.
  virtual std::vector<image_summary> list(const filters& filter = {}, bool all = false) = 0;
  // POST /images/create?fromImage=<name>&tag=<tag or digest, default latest>[&platform=].
  // Progress objects go to `progress` (may be empty). An error inside the 200 stream →
  // engine_error(stream, "<reference>: <message>"). No total timeout; a stop request closes the
  // connection (the daemon cancels the pull) and throws engine_error(cancelled).
  virtual void pull(std::string_view reference, const pull_options& options = {},
                    const progress_callback& progress = {}, std::stop_token stop = {}) = 0;
  // POST /images/create?fromSrc=-&repo=&tag=[&changes=...][&message=] with the tar (or
  // .tar.gz/.bz2/.xz) streamed from `body` (chunked). Returns the new image id ("sha256:…", the
  // last status of the reply). An error inside the 200 stream → engine_error(stream,
  // "import <repo:tag>: <message>"); a stop request throws engine_error(cancelled).
  virtual std::string import_image(const body_reader& body, const import_options& options,
                                   const progress_callback& progress = {}, std::stop_token stop = {}) = 0;
  // Shorthands for import_image.
  std::string import_tar(const body_reader& body, std::string_view repo, std::string_view tag,
                         const progress_callback& progress = {}, std::stop_token stop = {});
  // Streams the file at `tar_file`.
  std::string import_tar(const std::filesystem::path& tar_file, std::string_view repo, std::string_view tag,
                         const progress_callback& progress = {}, std::stop_token stop = {});
  std::string import_tar(const std::filesystem::path& tar_file, const import_options& options,
                         const progress_callback& progress = {}, std::stop_token stop = {});
  // POST /images/{source}/tag?repo=&tag= (201).
  virtual void tag(std::string_view source, std::string_view repo, std::string_view tag) = 0;
  // DELETE /images/{ref}?force=&noprune=.
  virtual std::vector<image_delete_item> remove(std::string_view reference, bool force = false,
                                                bool noprune = false) = 0;
};

}  // namespace stackctl::engine
