#pragma once
// Exec endpoints: a command run inside a running container (`docker exec`). Pure virtual so deploy
// code can be tested against a fake.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "stackctl/engine/hijacked_stream.hpp"

namespace stackctl::engine {

// POST /containers/{id}/exec.
struct exec_create_options {
  std::vector<std::string> cmd;
  std::vector<std::string> env;  // "KEY=VALUE"
  std::string working_dir;       // empty: the container's
  std::string user;              // empty: the container's
  bool privileged = false;
  bool tty = false;
  bool attach_stdin = false;
  bool attach_stdout = true;
  bool attach_stderr = true;
  std::string detach_keys;  // e.g. "ctrl-p,ctrl-q"; empty: the daemon's default
};

// GET /exec/{id}/json.
struct exec_inspect_result {
  std::string id;
  std::string container_id;
  bool running = false;
  std::optional<std::int64_t> exit_code;  // set once the command ended
  std::int64_t pid = 0;
};

class exec_api {
 public:
  virtual ~exec_api() = default;

  // Creates the exec instance; a stopped container → engine_error(conflict), none → not_found.
  virtual std::string create(std::string_view container, const exec_create_options& options) = 0;

  // POST /exec/{id}/start with Detach: the command runs on its own.
  virtual void start_detached(std::string_view exec_id) = 0;

  // POST /exec/{id}/start, upgraded: the command's input and output on one stream. `tty` must be
  // what the exec was created with (it decides the daemon's framing).
  virtual std::unique_ptr<hijacked_stream> start_attached(std::string_view exec_id, bool tty) = 0;

  // POST /exec/{id}/resize?h=&w=: the TTY's size in characters.
  virtual void resize(std::string_view exec_id, int height, int width) = 0;

  virtual exec_inspect_result inspect(std::string_view exec_id) = 0;
};

}  // namespace stackctl::engine
