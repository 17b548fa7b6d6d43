#pragma once
// What the `config` conformance tests share: where the cases live, reading a file whole, and the
// README's placeholder rule (plain replacement of exactly the listed tokens).
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace stackctl::conformance {

inline const std::filesystem::path config_dir = std::filesystem::path(STACKCTL_FIXTURES_DIR) / "conformance" / "config";

inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline std::string substitute(std::string text, const std::string& token, const std::string& value) {
  for (std::size_t pos = 0; (pos = text.find(token, pos)) != std::string::npos; pos += value.size())
    text.replace(pos, token.size(), value);
  return text;
}

}  // namespace stackctl::conformance
