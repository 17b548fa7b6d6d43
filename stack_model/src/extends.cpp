#include "extends.hpp"

#include <map>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "merge.hpp"
#include "path_rebase.hpp"
#include "stackctl/model/model_error.hpp"

namespace stackctl::model::detail {

namespace fs = std::filesystem;

namespace {

struct service_ref {
  std::string file;
  std::string service;
  friend bool operator==(const service_ref&, const service_ref&) = default;
};

class extends_resolver {
 public:
  explicit extends_resolver(const extends_files& files) : files_(files) {}

  // Resolves the service `name` of `services` (the mapping of the file `file`) in place.
  const tree* resolve(tree& services, const std::string& file, const std::string& name,
                      std::vector<service_ref> chain) {
    tree* service = services.find(name);
    if (!service || !service->is_map()) return service;  // the loader reports a service that is not a mapping
    const tree* extends = service->find("extends");
    if (!extends) return service;
    const std::string path = "services." + name + ".extends";

    std::string base_name;
    const tree* base_file = nullptr;
    if (extends->is_scalar()) {
      base_name = extends->text;
    } else if (extends->is_map()) {
      const tree* s = extends->find("service");
      if (!s || !s->is_scalar() || s->text.empty())
        throw model_error(fmt::format("extends.{}.service is required", name), extends->where, path);
      base_name = s->text;
      base_file = extends->find("file");
      if (base_file && !base_file->is_scalar()) throw model_error("must be a string", base_file->where, path + ".file");
    } else {
      throw model_error("must be a service name or a mapping with `service` and `file`", extends->where, path);
    }

    tree* base_services = &services;
    std::string base_doc = file;
    if (base_file) {
      const fs::path abs = absolute_file(base_file->text);
      base_doc = abs.string();
      tree& other = other_file(abs);
      tree* found = other.find("services");
      if (!found || !found->is_map())
        throw model_error(fmt::format("cannot extend service \"{}\" in {}: no services section", name, base_doc),
                          base_file->where, path + ".file");
      base_services = found;
      if (!base_services->find(base_name))
        throw model_error(fmt::format("cannot extend service \"{}\" in {}: service \"{}\" not found in {}", name, file,
                                      base_name, base_file->text),
                          extends->where, path);
    } else if (!services.find(base_name)) {
      throw model_error(
          fmt::format("cannot extend service \"{}\" in {}: service \"{}\" not found", name, file, base_name),
          extends->where, path);
    }

    const service_ref self{file, name};
    for (const auto& seen : chain)
      if (seen == self) throw model_error(circular(chain, self), extends->where, path);
    chain.push_back(self);

    const tree* base = resolve(*base_services, base_doc, base_name, std::move(chain));
    service = services.find(name);  // the resolution above may have resolved this document's entries
    tree over = std::move(*service);
    over.erase("extends");
    if (!base || base->is_null()) {
      *service = std::move(over);
      return service;
    }
    tree merged = *base;
    strip_tags(merged);
    const source_location where = over.where;
    std::vector<std::pair<std::string, tree>> markers;  // !reset / !override, kept for a later file's merge
    for (const auto& [key, value] : over.map)
      if (value.tag == "!reset" || value.tag == "!override") markers.emplace_back(key, value);
    merge_at(merged, std::move(over), {"services", name});
    for (auto& [key, value] : markers) {
      if (value.tag == "!reset") merged.set(key, std::move(value));
      else if (tree* kept = merged.find(key)) kept->tag = "!override";
    }
    merged.where = where;
    *service = std::move(merged);
    return service;
  }

 private:
  fs::path absolute_file(const std::string& file) const {
    fs::path p(file);
    if (file == "~" || file.rfind("~/", 0) == 0) return p;  // compose-go does not expand `~` here either
    return (p.is_absolute() ? p : files_.project_dir / p).lexically_normal();
  }

  // Another file, read once per document: interpolated, its relative paths moved onto its folder.
  tree& other_file(const fs::path& abs) {
    auto it = documents_.find(abs.string());
    if (it != documents_.end()) return it->second;
    tree doc = files_.read(abs);
    fs::path dir = abs.parent_path().lexically_relative(files_.project_dir);
    if (dir.empty()) dir = abs.parent_path();
    rebase_document_paths(doc, dir.generic_string());
    return documents_.emplace(abs.string(), std::move(doc)).first->second;
  }

  static std::string circular(const std::vector<service_ref>& chain, const service_ref& again) {
    std::string out = "circular reference: " + chain.front().service + " in " + chain.front().file;
    for (size_t i = 1; i < chain.size(); ++i) out += " extends " + chain[i].service + " in " + chain[i].file;
    return out + " extends " + again.service + " in " + again.file;
  }

  const extends_files& files_;
  std::map<std::string, tree> documents_;  // other files by absolute path
};

}  // namespace

void apply_extends(tree& doc, const std::string& file_name, const extends_files& files) {
  tree* services = doc.find("services");
  if (!services || !services->is_map()) return;
  extends_resolver resolver(files);
  for (size_t i = 0; i < services->map.size(); ++i) {
    const std::string name = services->map[i].first;
    resolver.resolve(*services, file_name, name, {});
  }
}

}  // namespace stackctl::model::detail
