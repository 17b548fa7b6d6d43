// A service's `env_file` entries and the values read from them.
#include "canonical_loader.hpp"

namespace stackctl::model::detail::canon {

// env_file entries → [{path, required, format}] with paths resolved.
json loader_state::env_files(const tree& t, const std::string& path) const {
  json out = json::array();
  auto add = [&](const std::string& file, bool required, const std::string& format) {
    json e = json::object();
    e["path"] = relative_path(file);
    if (!required) e["required"] = false;
    if (!format.empty()) e["format"] = format;
    out.push_back(std::move(e));
  };
  if (t.is_scalar()) {
    add(t.text, true, "");
    return out;
  }
  if (!t.is_seq()) fail(t, path, "must be a string or a list");
  for (size_t i = 0; i < t.seq.size(); ++i) {
    const tree& item = t.seq[i];
    const std::string p = index_path(path, i);
    if (item.is_scalar()) add(item.text, true, "");
    else if (item.is_map()) {
      const tree* file = item.find("path");
      if (!file) fail(item, p, "env_file entry needs a path");
      bool required = true;
      if (auto* r = item.find("required")) required = parse_bool(*r, child_path(p, "required"), &ctx.warnings);
      add(str(*file, child_path(p, "path")), required,
          item.find("format") ? str(*item.find("format"), child_path(p, "format")) : "");
    } else {
      fail(item, p, "must be a path or a mapping");
    }
  }
  return out;
}

// Values of env files, in order (later files win), expanded with the project environment.
std::map<std::string, std::string> loader_state::read_service_env_files(const json& files, const tree& where,
                                                                        const std::string& path) const {
  std::map<std::string, std::string> out;
  for (const auto& f : files) {
    const std::string file = f["path"].get<std::string>();
    const bool required = !f.contains("required") || f["required"].get<bool>();
    // Relative only when paths are left unresolved (config --no-path-resolution): still the
    // project's file, never one found through the process's own working directory.
    const fs::path on_disk = fs::path(file).is_absolute() ? fs::path(file) : fs::path(ctx.working_dir) / file;
    std::error_code ec;
    if (!fs::exists(on_disk, ec)) {
      if (!required) continue;
      // One line naming the file once; the dotted path before it names the service and the field.
      const bool labels = path.size() >= 10 && path.compare(path.size() - 10, 10, "label_file") == 0;
      fail(where, path,
           fmt::format("{} file {} not found (`required: false` makes it optional)", labels ? "label" : "env", file));
    }
    env_map values;
    try {
      values = read_env_files({on_disk}, lookup_in(ctx.environment));
    } catch (const model_error&) {
      throw;
    } catch (const std::exception& e) {
      fail(where, path, e.what());
    }
    for (auto& [k, v] : values) out[k] = v;
  }
  return out;
}

}  // namespace stackctl::model::detail::canon
