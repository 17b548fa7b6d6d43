#pragma once
// Builders for Docker's multiplexed stream format (logs/attach with Tty=false): each frame is an
// 8-byte header [stream, 0, 0, 0, size as big-endian u32] followed by `size` payload bytes.
#include <cstdint>
#include <string>
#include <string_view>

namespace stackctl::mock_engine {

enum class stream_type : std::uint8_t {
  std_in = 0,  // written to stdout by clients
  std_out = 1,
  std_err = 2,
  system_err = 3,  // the daemon's own error, e.g. the log driver failed mid-stream
};

// One frame carrying `payload`.
std::string frame(stream_type stream, std::string_view payload);

// A header that declares `declared_size` bytes, for building truncated or malformed streams.
std::string frame_header(stream_type stream, std::uint32_t declared_size);

}  // namespace stackctl::mock_engine
