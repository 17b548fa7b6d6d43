#pragma once
// The two directions of a hijacked stream, shared by exec, run and attach: the caller's input fd →
// the program's stdin (a thread, half-closed at the input's end), the daemon's output → the sinks
// (demultiplexed unless the program has a TTY).
#include <functional>
#include <stop_token>
#include <string>
#include <string_view>

#include "stackctl/engine/hijacked_stream.hpp"

namespace stackctl::deploy::detail {

struct session_io {
  int input_fd = -1;                          // -1: nothing is sent
  std::function<void(std::string_view)> out;  // stdout (everything, with a TTY)
  std::function<void(std::string_view)> err;  // stderr
  // The daemon's detach sequence as bytes ("\x10\x11" for ctrl-p,ctrl-q), watched for in the
  // input: once it has been sent, the stream's end means "detached", not "the program ended".
  std::string detach_sequence;
};

enum class session_end {
  output_ended,  // the daemon ended the stream: the program ended (or closed its output)
  stopped,       // `stop` was requested
  detached,      // the detach sequence was typed; the program keeps running
};

// Runs the session until the output ends. Throws engine_error(connection) when the stream fails.
session_end pump_session(engine::hijacked_stream& stream, bool tty, const session_io& io, std::stop_token stop);

// "ctrl-p,ctrl-q" → "\x10\x11" (docker's detach-keys syntax: ctrl-<a-z @ [ \ ] ^ _> or one
// character per entry). Throws deploy_error(invalid) for an entry it cannot read.
std::string detach_sequence_of(std::string_view keys);

}  // namespace stackctl::deploy::detail
