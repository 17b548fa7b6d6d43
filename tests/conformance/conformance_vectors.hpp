#pragma once
// Loads one fixtures/conformance/<file>.json as a list of gtest parameters, one per vector,
// named after the vector id (interp-001 -> interp_001).
#include <fstream>
#include <ostream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace stackctl::conformance {

struct vector_case {
  std::string id;
  nlohmann::json data;  // the whole case object; a load failure has data["load_error"]

  friend std::ostream& operator<<(std::ostream& os, const vector_case& c) { return os << c.id; }
};

inline std::vector<vector_case> load_vectors(const std::string& file_name) {
  const std::string path = std::string(STACKCTL_FIXTURES_DIR) + "/conformance/" + file_name;
  std::vector<vector_case> cases;
  try {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot open " + path);
    const auto doc = nlohmann::json::parse(in);
    for (const auto& c : doc.at("cases")) cases.push_back({c.at("id").get<std::string>(), c});
  } catch (const std::exception& e) {
    // Surface the problem as a failing case instead of aborting test discovery.
    cases = {{"load_error", nlohmann::json{{"load_error", std::string(e.what())}}}};
  }
  return cases;
}

inline std::string vector_name(const testing::TestParamInfo<vector_case>& info) {
  std::string name = info.param.id;
  for (char& c : name)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) c = '_';
  return name;
}

// Fails the current test when the fixture could not be loaded; returns true when it was.
inline bool loaded(const vector_case& c) {
  if (c.data.contains("load_error")) {
    ADD_FAILURE() << c.data["load_error"].get<std::string>();
    return false;
  }
  return true;
}

}  // namespace stackctl::conformance
