#pragma once
// Splitting an image reference for POST /images/create?fromImage=<name>&tag=<tag>. The tag is
// always sent: without it the daemon pulls every tag of the repository.
#include <string>
#include <string_view>

namespace stackctl::engine {

struct pull_reference {
  std::string name;  // "registry:5000/a/b", "nginx"
  std::string tag;   // "1.25", "latest", or a digest "sha256:…" for name@digest
};

// "registry:5000/a/b:tag" → {"registry:5000/a/b", "tag"}; "a@sha256:…" → {"a", "sha256:…"}
// (a tag next to a digest is dropped, the digest wins, as in the Go client); "a" → {"a",
// "latest"}. A ':' before the last '/' is a registry port, not a tag. Throws
// engine_error(invalid) for an empty reference.
pull_reference split_pull_reference(std::string_view reference);

}  // namespace stackctl::engine
