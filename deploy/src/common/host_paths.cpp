#include "stackctl/deploy/host_paths.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <system_error>

#include <fmt/format.h>

#include "stackctl/deploy/deploy_error.hpp"

namespace stackctl::deploy {

namespace fs = std::filesystem;

std::vector<fs::path> create_host_paths(const std::vector<model::host_path>& paths) {
  std::vector<fs::path> created;
  for (const auto& hp : paths) {
    const bool is_file = hp.kind == model::host_path::kind_type::file;
    const fs::path dir = is_file ? hp.path.parent_path() : hp.path;
    std::error_code ec;
    if (!dir.empty() && !fs::is_directory(dir, ec)) {
      fs::create_directories(dir, ec);
      if (ec)
        throw deploy_error(deploy_error_kind::host,
                           fmt::format("{}: cannot create {}: {}", hp.key, dir.string(), ec.message()));
      if (!is_file) created.push_back(dir);
    }
    if (!is_file) continue;
    // O_EXCL: an existing file (even one appearing meanwhile) is never truncated.
    const int fd = ::open(hp.path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd >= 0) {
      ::close(fd);
      created.push_back(hp.path);
    } else if (errno != EEXIST) {
      throw deploy_error(deploy_error_kind::host,
                         fmt::format("{}: cannot create {}: {}", hp.key, hp.path.string(), std::strerror(errno)));
    }
  }
  return created;
}

std::string cannot_create_directory(const fs::path& dir) {
  std::error_code ec;
  fs::path ancestor = dir;
  while (!ancestor.empty() && !fs::exists(fs::symlink_status(ancestor, ec)) && ancestor != ancestor.parent_path())
    ancestor = ancestor.parent_path();
  if (ancestor.empty()) return "";  // relative without an existing part: the cwd decides later
  if (ancestor == dir && fs::is_directory(dir, ec)) return "";
  if (!fs::is_directory(ancestor, ec)) return fmt::format("{}: {}", ancestor.string(), std::strerror(ENOTDIR));
  // faccessat(AT_EACCESS) reports EROFS for a read-only mount even to root.
  if (::faccessat(AT_FDCWD, ancestor.c_str(), W_OK | X_OK, AT_EACCESS) != 0)
    return fmt::format("{}: {}", ancestor.string(), std::strerror(errno));
  return "";
}

void check_host_paths(const std::vector<model::host_path>& paths) {
  for (const auto& hp : paths) {
    const bool is_file = hp.kind == model::host_path::kind_type::file;
    const fs::path dir = is_file ? hp.path.parent_path() : hp.path;
    if (auto why = cannot_create_directory(dir); !why.empty())
      throw deploy_error(deploy_error_kind::host,
                         fmt::format("{}: cannot create {}: {}", hp.key, hp.path.string(), why));
  }
}

}  // namespace stackctl::deploy
