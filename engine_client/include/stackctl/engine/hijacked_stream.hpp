#pragma once
// A connection the daemon switched from HTTP to a raw byte stream (`POST /exec/{id}/start` or
// `/containers/{id}/attach` sent with `Connection: Upgrade`, `Upgrade: tcp`, answered 101): both
// directions at once. Without a TTY the daemon's output is multiplexed frames (streams/
// frame_decoder.hpp); with one it is the raw terminal output.
#include <cstddef>
#include <stop_token>
#include <string_view>

namespace stackctl::engine {

class hijacked_stream {
 public:
  virtual ~hijacked_stream() = default;

  // Up to `size` bytes of the daemon's output, waiting for at least one. 0 at the end of the
  // stream, or when `stop` is requested. Throws engine_error(connection) when the connection fails.
  virtual std::size_t read(char* data, std::size_t size, std::stop_token stop = {}) = 0;

  // All of `data` to the program's input. Throws engine_error(connection) when the daemon has gone.
  virtual void write(std::string_view data) = 0;

  // Ends the program's input (shutdown(SHUT_WR)): a program reading stdin to its end finishes,
  // its output still arrives.
  virtual void close_write() = 0;
};

}  // namespace stackctl::engine
