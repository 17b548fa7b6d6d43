// `stackctl config`: load the project, validate it and print the canonical model the way
// `docker compose config` does (or one of its lists). Creates nothing but the -o file.
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "../project_loading.hpp"
#include "../variables.hpp"
#include "commands.hpp"
#include "stackctl/model/config_renderer.hpp"
#include "stackctl/model/service_selection.hpp"
#include "stackctl/model/text.hpp"

namespace stackctl::cli {

namespace {

struct config_flags {
  std::string format = "yaml";
  bool format_given = false;
  bool services = false, volumes = false, networks = false, images = false, profiles = false, models = false;
  bool variables = false, quiet = false;
  bool no_interpolate = false, no_normalize = false, no_consistency = false, no_path_resolution = false;
  std::string hash;
  std::string output;
  std::vector<std::string> service_args;
};

std::string lines(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += i + "\n";
  return out;
}

// Writes the result to -o's file, else stdout.
void emit(const config_flags& f, const std::string& text) {
  if (f.output.empty()) {
    std::fwrite(text.data(), 1, text.size(), stdout);
    return;
  }
  std::ofstream out(f.output, std::ios::binary | std::ios::trunc);
  if (!out) throw std::runtime_error(fmt::format("open {}: cannot write the file", f.output));
  out << text;
  if (!out.flush()) throw std::runtime_error(fmt::format("write {}: failed", f.output));
}

std::string models_of(const model::project& p) {
  std::string out;
  if (!p.canonical || !p.canonical->contains("models")) return out;
  for (const auto& [key, m] : (*p.canonical)["models"].items())
    if (m.is_object() && m.contains("model") && m["model"].is_string()) out += m["model"].get<std::string>() + "\n";
  return out;
}

void run_config(const global_options& globals, const config_flags& f) {
  const bool raw = f.no_interpolate || f.variables;
  if (raw && !f.service_args.empty())
    print_warning(fmt::format("service filtering is not applied when {} is set",
                              f.variables ? "--variables" : "--no-interpolate"));
  auto options = make_load_options(globals, raw ? std::vector<std::string>{} : f.service_args);
  options.interpolate = !raw;
  options.normalize = !f.no_normalize;
  options.consistency = !f.no_consistency;
  options.resolve_paths = !f.no_path_resolution;
  auto project = load_project(globals, options);
  if (!raw) model::select_services(project, f.service_args);
  if (f.quiet) return;

  if (f.variables) {
    const auto vars = extract_variables(project.canonical ? *project.canonical : nlohmann::ordered_json::object());
    if (!f.format_given) emit(f, variables_table(vars));
    else emit(f, f.format == "json" ? variables_json(vars) : variables_yaml(vars));
    return;
  }
  if (f.services) return emit(f, lines(model::service_names(project)));
  if (f.volumes) return emit(f, lines(model::volume_names(project)));
  if (f.networks) return emit(f, lines(model::network_names(project)));
  if (f.models) return emit(f, models_of(project));
  if (!f.hash.empty()) {
    const auto names = f.hash == "*" ? model::service_names(project) : model::text::split_non_empty(f.hash, ',');
    std::string out;
    for (const auto& name : names) out += fmt::format("{} {}\n", name, model::config_hash(project, name));
    return emit(f, out);
  }
  if (f.profiles) return emit(f, lines(model::profile_names(project)));
  if (f.images) return emit(f, lines(model::image_names(project)));
  // JSON gets a final newline too (compose prints none) so the output is a text file.
  emit(f, f.format == "json" ? model::render_json(project) + "\n" : model::render_yaml(project));
}

}  // namespace

void register_config_command(CLI::App& app, const global_options& globals) {
  auto* cmd = app.add_subcommand("config", "Validate the Compose project and print its canonical model");
  auto f = std::make_shared<config_flags>();
  auto* format = cmd->add_option("--format", f->format, "Output format: yaml (default) or json")
                     ->check(CLI::IsMember({"yaml", "json"}));
  cmd->add_flag("--services", f->services, "Print the service names, one per line");
  cmd->add_flag("--volumes", f->volumes, "Print the volume keys, one per line");
  cmd->add_flag("--networks", f->networks, "Print the network keys, one per line");
  cmd->add_flag("--images", f->images, "Print the image of each service, one per line");
  cmd->add_flag("--profiles", f->profiles, "Print the profiles the services declare, one per line");
  cmd->add_flag("--models", f->models, "Print the model names, one per line");
  cmd->add_flag("--variables", f->variables, "Print the variables the files use, with their defaults");
  cmd->add_option("--hash", f->hash,
                  "Print '<service> <config hash>' for the services listed (comma-separated) or '*'");
  cmd->add_flag("-q,--quiet", f->quiet, "Only validate the project; print nothing");
  cmd->add_flag("--no-interpolate", f->no_interpolate, "Do not interpolate variables; print the raw merged model");
  cmd->add_flag("--no-normalize", f->no_normalize, "Do not add the default network or project-prefixed resource names");
  cmd->add_flag("--no-consistency", f->no_consistency, "Do not check references between services and resources");
  cmd->add_flag("--no-path-resolution", f->no_path_resolution, "Keep relative host paths relative");
  cmd->add_option("-o,--output", f->output, "Write the output to this file instead of stdout");
  cmd->add_option("service", f->service_args, "Only these services (and what they depend on); enables their profiles");

  cmd->callback([&globals, f, format] {
    f->format_given = format->count() > 0;
    run_config(globals, *f);
  });
}

}  // namespace stackctl::cli
