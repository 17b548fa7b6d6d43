#include "stackctl/engine/docker_context.hpp"

#include <cstdlib>
#include <fstream>
#include <optional>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "stackctl/engine/error.hpp"

namespace stackctl::engine {
namespace fs = std::filesystem;

namespace {

std::string env(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr ? std::string() : std::string(value);
}

std::optional<nlohmann::json> read_json(const fs::path& file) {
  std::ifstream in(file);
  if (!in) return std::nullopt;
  auto j = nlohmann::json::parse(in, nullptr, false);
  if (j.is_discarded()) throw engine_error(error_kind::connection, fmt::format("{}: not valid JSON", file.string()));
  return j;
}

std::string current_context(const fs::path& config_dir) {
  auto config = read_json(config_dir / "config.json");
  if (!config || !config->is_object()) return "";
  auto it = config->find("currentContext");
  return it != config->end() && it->is_string() ? it->get<std::string>() : "";
}

// The store's directory of context `name`: the docker CLI names it by the SHA-256 of the name;
// reading each meta.json's "Name" instead finds it without a hash function.
std::optional<fs::path> find_context(const fs::path& config_dir, const std::string& name, nlohmann::json& meta) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(config_dir / "contexts" / "meta", ec)) {
    auto j = read_json(entry.path() / "meta.json");
    if (j && j->is_object() && j->value("Name", "") == name) {
      meta = std::move(*j);
      return entry.path().filename();
    }
  }
  return std::nullopt;
}

void apply_context(const fs::path& config_dir, const std::string& name, client_options& options) {
  nlohmann::json meta;
  auto id = find_context(config_dir, name, meta);
  if (!id)
    throw engine_error(error_kind::connection,
                       fmt::format("context \"{}\" does not exist (docker context ls lists them)", name));
  const auto docker = meta.value("/Endpoints/docker"_json_pointer, nlohmann::json::object());
  options.host = docker.value("Host", "");
  if (options.host.empty())
    throw engine_error(error_kind::connection, fmt::format("context \"{}\" has no docker endpoint", name));
  const auto tls_dir = config_dir / "contexts" / "tls" / *id / "docker";
  std::error_code ec;
  options.tls.reset();
  if (fs::is_directory(tls_dir, ec) || docker.value("SkipTLSVerify", false)) {
    tls_options tls;
    auto file = [&](const char* f) { return fs::exists(tls_dir / f, ec) ? (tls_dir / f).string() : std::string(); };
    tls.ca_file = file("ca.pem");
    tls.cert_file = file("cert.pem");
    tls.key_file = file("key.pem");
    tls.verify = !docker.value("SkipTLSVerify", false);
    options.tls = tls;
  }
}

}  // namespace

fs::path docker_config_dir() {
  if (auto dir = env("DOCKER_CONFIG"); !dir.empty()) return dir;
  return fs::path(env("HOME")) / ".docker";
}

resolved_endpoint resolve_endpoint(const endpoint_flags& flags, const fs::path& config_dir) {
  resolved_endpoint out{client_options::from_env(), "default"};
  if (!flags.context.empty() && !flags.host.empty())
    throw engine_error(error_kind::connection, "conflicting options: either specify --host or --context, not both");
  std::string name = flags.context;
  if (name.empty() && flags.host.empty() && env("DOCKER_HOST").empty()) {
    name = env("DOCKER_CONTEXT");
    if (name.empty()) name = current_context(config_dir);
  }
  if (!flags.host.empty()) out.options.host = flags.host;
  if (name.empty() || name == "default") return out;
  apply_context(config_dir, name, out.options);
  out.context = name;
  return out;
}

}  // namespace stackctl::engine
