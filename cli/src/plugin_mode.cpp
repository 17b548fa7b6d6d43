#include "plugin_mode.hpp"

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string_view>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "stackctl/engine/client_version.hpp"

namespace stackctl::cli {
namespace {

// "--flag=value" or "--flag value" (and "-f value"): the value, advancing `i` past it.
std::optional<std::string> value_of(const std::vector<std::string>& in, std::size_t& i, std::string_view shortf,
                                    std::string_view longf) {
  const std::string& arg = in[i];
  if (arg.size() > longf.size() && arg.compare(0, longf.size(), longf) == 0 && arg[longf.size()] == '=')
    return arg.substr(longf.size() + 1);
  if (arg != longf && (shortf.empty() || arg != shortf)) return std::nullopt;
  if (i + 1 >= in.size()) throw std::runtime_error(fmt::format("flag needs an argument: {}", arg));
  return in[++i];
}

// docker's global flags (before `compose`) as stackctl's; returns the index of `compose`.
std::size_t translate_docker_flags(const std::vector<std::string>& in, std::vector<std::string>& out) {
  for (std::size_t i = 1; i < in.size(); ++i) {
    const std::string& arg = in[i];
    if (arg == "compose") return i;
    if (auto v = value_of(in, i, "-H", "--host")) {
      out.insert(out.end(), {"-H", *v});
    } else if (auto c = value_of(in, i, "-c", "--context")) {
      out.insert(out.end(), {"--context", *c});
    } else if (auto d = value_of(in, i, "", "--config")) {
      ::setenv("DOCKER_CONFIG", d->c_str(), 1);
    } else if (value_of(in, i, "-l", "--log-level")) {
      // stackctl has one level of detail; the docker CLI's levels change nothing here
    } else if (arg == "-D" || arg == "--debug") {
      out.emplace_back("--verbose");
    } else if (arg == "--tlsverify" || arg == "--tls") {
      ::setenv("DOCKER_TLS_VERIFY", "1", 1);
    } else {
      throw std::runtime_error(
          fmt::format("docker flag {} is not supported by stackctl as the compose plugin (DOCKER_CERT_PATH and "
                      "docker contexts carry TLS material)",
                      arg));
    }
  }
  return in.size();
}

}  // namespace

launch classify_launch(int argc, char** argv) {
  launch out;
  std::vector<std::string> in(argv, argv + argc);
  if (in.size() >= 2 && in[1] == "docker-cli-plugin-metadata") {
    out.metadata = true;
    return out;
  }
  const auto program = std::filesystem::path(in.empty() ? "" : in[0]).filename().string();
  const bool as_plugin = std::getenv("DOCKER_CLI_PLUGIN_ORIGINAL_CLI_COMMAND") != nullptr;
  out.compose_mode = as_plugin || program == "docker-compose";
  out.args.push_back(in.empty() ? "stackctl" : in[0]);
  if (!as_plugin) {
    out.args.insert(out.args.end(), in.begin() + (in.empty() ? 0 : 1), in.end());
    return out;
  }
  const auto compose_at = translate_docker_flags(in, out.args);
  if (compose_at < in.size())
    out.args.insert(out.args.end(), in.begin() + static_cast<std::ptrdiff_t>(compose_at) + 1, in.end());
  return out;
}

std::string plugin_metadata() {
  const nlohmann::ordered_json meta = {
      {"SchemaVersion", "0.1.0"},
      {"Vendor", "stackctl"},
      {"Version", fmt::format("v{}", engine::client_version())},
      {"ShortDescription", "Docker Compose by stackctl (straight through the Engine API)"},
  };
  return meta.dump();
}

}  // namespace stackctl::cli
