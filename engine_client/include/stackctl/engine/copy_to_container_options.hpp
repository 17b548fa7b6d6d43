#pragma once
// Query options of PUT /containers/{id}/archive (moby's CopyToContainerOptions).
namespace stackctl::engine {

struct copy_to_container_options {
  // false (the default, as the Go client) sends noOverwriteDirNonDir=true: the daemon refuses to
  // replace a directory with a file or a file with a directory.
  bool allow_overwrite_dir_with_file = false;
  // copyUIDGID=true: the archive's uid/gid are applied (mapped through the container's user
  // namespace) instead of root's.
  bool copy_uid_gid = false;
};

}  // namespace stackctl::engine
