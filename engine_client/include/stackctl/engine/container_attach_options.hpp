#pragma once
// Query options of POST /containers/{id}/attach (moby's AttachOptions).
#include <string>

namespace stackctl::engine {

struct container_attach_options {
  bool stdin_stream = false;  // the stream's writes become the container's stdin (it must be OpenStdin)
  bool stdout_stream = true;
  bool stderr_stream = true;
  bool logs = false;        // replay the output so far before the live stream
  std::string detach_keys;  // e.g. "ctrl-p,ctrl-q"; empty: the daemon's default (that one)
};

}  // namespace stackctl::engine
