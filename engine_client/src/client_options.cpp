#include "stackctl/engine/client_options.hpp"

#include <cstdlib>
#include <stdexcept>
#include <string_view>

#include <fmt/format.h>

#include "stackctl/engine/error.hpp"

namespace stackctl::engine {

namespace {
std::optional<std::string> env(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr) return std::nullopt;
  return std::string(value);
}
}  // namespace

client_options client_options::from_env() {
  client_options options;
  if (auto host = env("DOCKER_HOST")) options.host = *host;

  if (auto version = env("DOCKER_API_VERSION"); version && !version->empty()) {
    try {
      options.pinned_version = api_version::parse(*version);
    } catch (const std::invalid_argument& e) {
      throw engine_error(error_kind::version, fmt::format("DOCKER_API_VERSION: {}", e.what()));
    }
  }

  const auto cert_path = env("DOCKER_CERT_PATH");
  const auto tls_verify = env("DOCKER_TLS_VERIFY");
  const bool verify = tls_verify && !tls_verify->empty();
  std::string dir;
  if (cert_path && !cert_path->empty()) {
    dir = *cert_path;
  } else if (verify) {
    const auto home = env("HOME");
    dir = (home ? *home : std::string{}) + "/.docker";
  }
  if (!dir.empty()) {
    while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
    tls_options tls;
    tls.ca_file = dir + "/ca.pem";
    tls.cert_file = dir + "/cert.pem";
    tls.key_file = dir + "/key.pem";
    tls.verify = verify;
    options.tls = tls;
  }
  return options;
}

}  // namespace stackctl::engine
