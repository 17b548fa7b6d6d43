#pragma once
// Progress of up/down/start/...: one event per step on a resource. The CLI renders them (a live
// line per resource on a TTY, plain lines otherwise); the library only reports.
#include <functional>
#include <string>
#include <utility>

namespace stackctl::deploy {

enum class progress_state { working, done, warning, error };

struct progress_event {
  std::string resource;  // "Container demo-web-1", "Network demo_default", "Volume demo_data"
  std::string text;      // "Creating", "Created", "Starting", "Started", "Healthy", a warning
  progress_state state = progress_state::working;
};

// May be called from several threads at once (the sink serialises if it needs to). May be empty.
using progress_sink = std::function<void(const progress_event&)>;

// Reports one step to `sink` (when there is one).
inline void emit(const progress_sink& sink, std::string resource, std::string text,
                 progress_state state = progress_state::working) {
  if (sink) sink(progress_event{std::move(resource), std::move(text), state});
}

}  // namespace stackctl::deploy
