#include "stackctl/engine/streams/frame_decoder.hpp"

#include <algorithm>
#include <utility>

#include <fmt/format.h>

#include "stackctl/engine/error.hpp"

namespace stackctl::engine {

frame_decoder::frame_decoder(sink on_payload) : on_payload_(std::move(on_payload)) {}

void frame_decoder::feed(std::string_view chunk) {
  while (!chunk.empty()) {
    if (remaining_ == 0 && header_fill_ < sizeof header_) {
      const std::size_t take = std::min(chunk.size(), sizeof header_ - header_fill_);
      std::copy_n(chunk.data(), take, header_ + header_fill_);
      header_fill_ += take;
      chunk.remove_prefix(take);
      if (header_fill_ < sizeof header_) return;

      header_fill_ = 0;
      const unsigned type = header_[0];
      if (type > 3) {
        throw engine_error(error_kind::stream,
                           fmt::format("unrecognized stream type {} in a multiplexed stream", type));
      }
      current_ = type == 0 ? output_stream::stdout_stream : static_cast<output_stream>(type);
      remaining_ = (std::uint32_t{header_[4]} << 24) | (std::uint32_t{header_[5]} << 16) |
                   (std::uint32_t{header_[6]} << 8) | std::uint32_t{header_[7]};
      if (remaining_ == 0 && current_ == output_stream::system_error) {
        throw engine_error(error_kind::stream, "error from daemon in stream: ");
      }
      continue;
    }
    const std::size_t take = std::min<std::size_t>(chunk.size(), remaining_);
    const std::string_view piece = chunk.substr(0, take);
    chunk.remove_prefix(take);
    remaining_ -= static_cast<std::uint32_t>(take);
    if (current_ == output_stream::system_error) {
      system_error_.append(piece);
      if (remaining_ == 0) {
        std::string text = std::exchange(system_error_, {});
        while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
        throw engine_error(error_kind::stream, "error from daemon in stream: " + text);
      }
    } else if (on_payload_) {
      on_payload_(current_, piece);
    }
  }
}

void frame_decoder::finish() const {
  if (!at_frame_boundary()) {
    throw engine_error(error_kind::stream, header_fill_ != 0 ? "multiplexed stream ended inside a frame header"
                                                             : "multiplexed stream ended inside a frame");
  }
}

}  // namespace stackctl::engine
