#pragma once
// A top-level volume (`volumes:`), after normalisation.
#include <map>
#include <string>

namespace stackctl::model {

struct volume {
  std::string key;   // the name in the compose file
  std::string name;  // the engine name: `name:`, else <project>_<key> (external: the key)
  std::string driver;
  std::map<std::string, std::string> driver_opts;
  bool external = false;
  std::map<std::string, std::string> labels;
};

}  // namespace stackctl::model
