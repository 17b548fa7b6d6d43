#pragma once
// Options of POST /images/create?fromImage=... (pull).
#include <optional>
#include <string>

namespace stackctl::engine {

struct pull_options {
  std::optional<std::string> platform;  // "linux/arm64"
  // X-Registry-Auth: base64url of {"username","password","serveraddress"} or
  // {"identitytoken"}, already encoded (the client sends it verbatim).
  std::optional<std::string> registry_auth;
};

}  // namespace stackctl::engine
