#pragma once
// A lifecycle hook of a service (`post_start`, `pre_stop`; compose-go types/hooks.go ServiceHook):
// a command exec'd inside the service's container right after it starts or right before it stops.
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace stackctl::model {

struct service_hook {
  std::vector<std::string> command;  // run as is (a string was split like a shell command line)
  std::string user;                  // empty: the container's
  bool privileged = false;
  std::string working_dir;  // empty: the container's
  // Added to the container's environment; nullopt (a bare `KEY`) removes the variable, as exec does.
  std::map<std::string, std::optional<std::string>> environment;
};

}  // namespace stackctl::model
