#pragma once
// GET /events: one JSON object per line, for as long as the connection lives.
#include <functional>
#include <stop_token>

#include "stackctl/engine/event_message.hpp"
#include "stackctl/engine/events_options.hpp"

namespace stackctl::engine {

using event_callback = std::function<void(const event_message&)>;

class event_api {
 public:
  virtual ~event_api() = default;

  // Calls `on_event` for each event until `until` is reached (the daemon ends the stream) or
  // `stop` is requested; both are a normal return. No total timeout. An exception thrown by
  // on_event ends the stream and reaches the caller.
  virtual void stream(const events_options& options, const event_callback& on_event, std::stop_token stop = {}) = 0;
};

}  // namespace stackctl::engine
