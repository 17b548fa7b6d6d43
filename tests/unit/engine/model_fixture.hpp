#pragma once
// Loads captured daemon replies from fixtures/engine/replies (engine-models tests).
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace stackctl::engine::test {

inline std::string reply_path(const std::string& name) {
  return std::string(STACKCTL_FIXTURES_DIR) + "/engine/replies/" + name;
}

inline nlohmann::json load_reply(const std::string& name) {
  std::ifstream in(reply_path(name));
  if (!in) throw std::runtime_error("missing fixture " + reply_path(name));
  return nlohmann::json::parse(in);
}

// A JSON-lines capture (the /events stream), one object per line.
inline std::vector<nlohmann::json> load_reply_lines(const std::string& name) {
  std::ifstream in(reply_path(name));
  if (!in) throw std::runtime_error("missing fixture " + reply_path(name));
  std::vector<nlohmann::json> lines;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty()) lines.push_back(nlohmann::json::parse(line));
  }
  return lines;
}

}  // namespace stackctl::engine::test
