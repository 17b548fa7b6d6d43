#pragma once
// Demultiplexer for the framed stream of a non-TTY container's logs/attach: each frame is an
// 8-byte header [stream, 0, 0, 0, size as big-endian u32] followed by `size` payload bytes.
// A resumable state machine: feed() takes chunks split anywhere (libcurl hands out arbitrary
// boundaries) and forwards stdout/stderr payload bytes as soon as they arrive.
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace stackctl::engine {

enum class output_stream : std::uint8_t { stdin_stream = 0, stdout_stream = 1, stderr_stream = 2, system_error = 3 };

class frame_decoder {
 public:
  // Called with payload pieces; stdin frames (0) are reported as stdout, like Go's stdcopy.
  using sink = std::function<void(output_stream, std::string_view)>;

  explicit frame_decoder(sink on_payload);

  // Throws engine_error(stream, "error from daemon in stream: <text>") once a stream-3 frame is
  // complete, and engine_error(stream, ...) for an unknown stream type.
  void feed(std::string_view chunk);
  // At the end of the body: throws engine_error(stream) if the stream stopped inside a frame.
  void finish() const;
  // True between frames (nothing half-read).
  bool at_frame_boundary() const noexcept { return header_fill_ == 0 && remaining_ == 0; }

 private:
  sink on_payload_;
  unsigned char header_[8] = {};
  std::size_t header_fill_ = 0;
  std::uint32_t remaining_ = 0;  // payload bytes still due for the current frame
  output_stream current_ = output_stream::stdout_stream;
  std::string system_error_;  // stream-3 text, collected until the frame is complete
};

}  // namespace stackctl::engine
