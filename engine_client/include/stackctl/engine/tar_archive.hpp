#pragma once
// A small in-memory tar writer (POSIX ustar, GNU long-name records for longer paths): the body of
// PUT /containers/{id}/archive for a few small files (compose's content secrets and configs).
#include <cstdint>
#include <string>
#include <vector>

namespace stackctl::engine {

struct tar_entry {
  std::string name;     // path inside the archive; a leading '/' is kept (the daemon strips it)
  std::string content;  // regular file data
  std::uint32_t mode = 0644;
  std::int64_t uid = 0;
  std::int64_t gid = 0;
  std::int64_t mtime = 0;  // seconds since the epoch
};

// The archive: one header + data (padded to 512 bytes) per entry, then two zero blocks.
// Throws std::invalid_argument for an empty name.
std::string make_tar(const std::vector<tar_entry>& entries);

}  // namespace stackctl::engine
