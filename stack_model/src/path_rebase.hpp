#pragma once
// Internal: moving the relative host paths of compose content that came from another folder (an
// `extends.file`, an `include`d project) onto that folder, as compose-go's paths.ResolveRelativePaths
// does, so that the later resolution against the project directory finds the right files.
//
// `dir` is the other folder relative to the project directory of the content it lands in (or
// absolute); a path is joined to it and cleaned like Go's filepath.Join. Absolute paths, `~` paths,
// Windows absolute paths, remote build contexts and `service:` contexts are left as they are.
#include <string>

#include "yaml_tree.hpp"

namespace stackctl::model::detail {

// One service's paths: build.context (or `build: PATH`), build.additional_contexts, env_file,
// label_file, develop.watch[].path, extends.file and the bind sources of `volumes`. A short-syntax
// bind keeps its leading "./" so that it stays a path, not a volume name.
void rebase_service_paths(tree& service, const std::string& dir);

// A whole document: every service as above, plus configs/secrets `file` and the device of a
// local volume bound with `o: bind`.
void rebase_document_paths(tree& doc, const std::string& dir);

// Go's filepath.Join(dir, p) for a relative `p`: joined and cleaned ("." for an empty result).
std::string join_clean(const std::string& dir, const std::string& p);

}  // namespace stackctl::model::detail
