#pragma once
// Where log bytes go. Pieces arrive as the daemon sends them (not split on lines); a TTY
// container's output has no separate stderr and all goes to on_stdout.
#include <functional>
#include <string_view>

namespace stackctl::engine {

struct log_sink {
  std::function<void(std::string_view)> on_stdout;
  std::function<void(std::string_view)> on_stderr;
};

}  // namespace stackctl::engine
