#pragma once
// A top-level secret or config: content from a file, an environment variable, inline, or external.
#include <map>
#include <string>

namespace stackctl::model {

struct file_object {
  std::string key;
  std::string name;
  std::string file;         // absolute path (when path resolution is on)
  std::string environment;  // variable name
  std::string content;      // inline content
  bool external = false;
  std::map<std::string, std::string> labels;
};

}  // namespace stackctl::model
