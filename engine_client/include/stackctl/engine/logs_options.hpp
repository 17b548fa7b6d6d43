#pragma once
// Query of GET /containers/{id}/logs.
#include <optional>
#include <string>

namespace stackctl::engine {

struct logs_options {
  bool follow = false;
  // Which streams to ask for (stdout=/stderr=); at least one (else the daemon says 400). Not named
  // stdout/stderr: those are macros of <cstdio>.
  bool want_stdout = true;
  bool want_stderr = true;
  std::string tail = "all";  // "all" or a number of lines
  // Unix seconds ("1700000000" or "1700000000.5"), an RFC 3339 time, or a duration before now
  // ("10m", "1h30m", "45s"), converted client side like the docker CLI.
  std::string since;
  std::string until;
  bool timestamps = false;
  // Unset → the client inspects the container (Config.Tty) to choose raw or demultiplexed.
  std::optional<bool> tty;
};

// Converts a since/until value to the unix seconds the daemon takes; "" stays "".
// Throws engine_error(invalid) for text that is none of the forms above.
std::string to_unix_timestamp(const std::string& value);

}  // namespace stackctl::engine
