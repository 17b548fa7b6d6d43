#include "path_rebase.hpp"

#include <filesystem>

#include "stackctl/model/volume_spec.hpp"

namespace stackctl::model::detail {

namespace {

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

// Left alone by the rebase: absolute (Unix or Windows), `~` (expanded later against HOME), empty.
bool stays(const std::string& p) {
  if (p.empty() || p[0] == '/' || p[0] == '~' || starts_with(p, "\\\\")) return true;
  return p.size() >= 3 && ((p[0] >= 'a' && p[0] <= 'z') || (p[0] >= 'A' && p[0] <= 'Z')) && p[1] == ':' &&
         (p[2] == '\\' || p[2] == '/');
}

// compose-go's absContextPath: any URL scheme, `service:`, git and http(s) contexts are not paths.
bool is_remote_context(const std::string& p) {
  if (p.find("://") != std::string::npos || starts_with(p, "service:")) return true;
  for (const char* prefix : {"github.com/", "git@"})
    if (starts_with(p, prefix)) return true;
  return false;
}

void rebase_scalar(tree& t, const std::string& dir) {
  if (t.is_scalar() && !stays(t.text)) t.text = join_clean(dir, t.text);
}

void rebase_context(tree& t, const std::string& dir) {
  if (t.is_scalar() && !is_remote_context(t.text)) rebase_scalar(t, dir);
}

// A scalar or each scalar of a list (env_file, label_file): `path` of a long-form entry too.
void rebase_file_list(tree& t, const std::string& dir) {
  if (t.is_scalar()) return rebase_scalar(t, dir);
  if (!t.is_seq()) return;
  for (auto& item : t.seq) {
    if (item.is_scalar()) rebase_scalar(item, dir);
    else if (tree* p = item.is_map() ? item.find("path") : nullptr) rebase_scalar(*p, dir);
  }
}

void rebase_additional_contexts(tree& t, const std::string& dir) {
  if (t.is_map()) {
    for (auto& [name, value] : t.map) rebase_context(value, dir);
    return;
  }
  if (!t.is_seq()) return;
  for (auto& item : t.seq) {  // "name=path"
    if (!item.is_scalar()) continue;
    const auto eq = item.text.find('=');
    if (eq == std::string::npos) continue;
    tree value = item;
    value.text = item.text.substr(eq + 1);
    rebase_context(value, dir);
    item.text = item.text.substr(0, eq + 1) + value.text;
  }
}

void rebase_build(tree& build, const std::string& dir) {
  if (build.is_scalar()) return rebase_context(build, dir);
  if (!build.is_map()) return;
  if (tree* context = build.find("context")) rebase_context(*context, dir);
  if (tree* contexts = build.find("additional_contexts")) rebase_additional_contexts(*contexts, dir);
}

// A short-syntax bind "SOURCE:TARGET[:MODE]" whose source is relative; a long-form bind's source.
void rebase_mount(tree& item, const std::string& dir) {
  if (item.is_map()) {
    const tree* type = item.find("type");
    if (!type || !type->is_scalar() || type->text != "bind") return;
    if (tree* source = item.find("source")) rebase_scalar(*source, dir);
    return;
  }
  if (!item.is_scalar()) return;
  volume_spec spec;
  try {
    spec = parse_volume_spec(item.text);
  } catch (const volume_spec_error&) {
    return;  // the loader reports it where it reads the mount
  }
  if (spec.type != volume_spec::kind::bind || !spec.source || stays(*spec.source)) return;
  if (!starts_with(item.text, *spec.source)) return;
  std::string source = join_clean(dir, *spec.source);
  if (source[0] != '.' && source[0] != '/') source = "./" + source;  // still a path, not a volume name
  item.text = source + item.text.substr(spec.source->size());
}

}  // namespace

std::string join_clean(const std::string& dir, const std::string& p) {
  namespace fs = std::filesystem;
  std::string out = (fs::path(dir) / p).lexically_normal().generic_string();
  while (out.size() > 1 && out.back() == '/') out.pop_back();
  if (out.empty()) out = ".";
  return out;
}

void rebase_service_paths(tree& service, const std::string& dir) {
  if (!service.is_map()) return;
  if (tree* build = service.find("build")) rebase_build(*build, dir);
  if (tree* files = service.find("env_file")) rebase_file_list(*files, dir);
  if (tree* files = service.find("label_file")) rebase_file_list(*files, dir);
  if (tree* extends = service.find("extends"); extends && extends->is_map())
    if (tree* file = extends->find("file")) rebase_scalar(*file, dir);
  if (tree* volumes = service.find("volumes"); volumes && volumes->is_seq())
    for (auto& item : volumes->seq) rebase_mount(item, dir);
  if (const tree* develop = service.find("develop"); develop && develop->is_map())
    if (tree* watch = service.find("develop")->find("watch"); watch && watch->is_seq())
      for (auto& rule : watch->seq)
        if (tree* path = rule.is_map() ? rule.find("path") : nullptr) rebase_scalar(*path, dir);
}

void rebase_document_paths(tree& doc, const std::string& dir) {
  if (tree* services = doc.find("services"); services && services->is_map())
    for (auto& [name, service] : services->map) rebase_service_paths(service, dir);
  for (const char* kind : {"configs", "secrets"})
    if (tree* section = doc.find(kind); section && section->is_map())
      for (auto& [name, object] : section->map)
        if (tree* file = object.is_map() ? object.find("file") : nullptr) rebase_scalar(*file, dir);
  if (tree* volumes = doc.find("volumes"); volumes && volumes->is_map())
    for (auto& [name, volume] : volumes->map) {
      if (!volume.is_map()) continue;
      const tree* driver = volume.find("driver");
      tree* opts = volume.find("driver_opts");
      if (!driver || !driver->is_scalar() || driver->text != "local" || !opts || !opts->is_map()) continue;
      const tree* o = opts->find("o");
      if (tree* device = opts->find("device"); device && o && o->is_scalar() && o->text == "bind")
        rebase_scalar(*device, dir);
    }
}

}  // namespace stackctl::model::detail
