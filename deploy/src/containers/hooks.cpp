#include "containers/hooks.hpp"

#include <deque>
#include <string_view>

#include <fmt/format.h>

#include "containers/exec_session.hpp"
#include "stackctl/deploy/deploy_error.hpp"
#include "stackctl/engine/error.hpp"

namespace stackctl::deploy::detail {

namespace {

// compose keeps this much of a failing hook's output for the error (hookOutputTailLines/Bytes).
constexpr std::size_t kTailLines = 10;
constexpr std::size_t kTailBytes = 2048;

// Splits one stream into lines: each complete line goes to `on_line` (trailing '\r' dropped; of a
// line redrawn with bare '\r' — progress bars — only the last state), and the last kTailLines
// non-blank lines are kept for the error message.
class line_splitter {
 public:
  template <class OnLine>
  void feed(std::string_view piece, OnLine&& on_line) {
    for (;;) {
      const auto nl = piece.find('\n');
      append(piece.substr(0, nl));
      if (nl == std::string_view::npos) return;
      finish_line(on_line);
      piece.remove_prefix(nl + 1);
    }
  }
  template <class OnLine>
  void flush(OnLine&& on_line) {
    if (!partial_.empty()) finish_line(on_line);
  }
  // The kept lines, newest last, at most kTailBytes (the oldest bytes cut).
  std::string tail() const {
    std::string out;
    for (const auto& l : lines_) out += (out.empty() ? "" : "\n") + l;
    if (out.size() > kTailBytes) {
      std::size_t cut = out.size() - kTailBytes;
      while (cut < out.size() && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) ++cut;  // whole code points
      out.erase(0, cut);
    }
    return out;
  }

 private:
  void append(std::string_view s) {
    // Bounded, so a hook printing megabytes without a newline cannot grow it without end.
    if (partial_.size() < kTailBytes) partial_.append(s.substr(0, kTailBytes - partial_.size()));
  }
  template <class OnLine>
  void finish_line(OnLine&& on_line) {
    std::string line = std::move(partial_);
    partial_.clear();
    while (!line.empty() && line.back() == '\r') line.pop_back();
    if (const auto cr = line.rfind('\r'); cr != std::string::npos) line.erase(0, cr + 1);
    if (line.find_first_not_of(" \t") == std::string::npos) return;
    on_line(line);
    lines_.push_back(std::move(line));
    if (lines_.size() > kTailLines) lines_.pop_front();
  }

  std::string partial_;
  std::deque<std::string> lines_;
};

engine::exec_create_options exec_request(const model::service_hook& hook) {
  engine::exec_create_options create;
  create.cmd = hook.command;
  for (const auto& [key, value] : hook.environment) create.env.push_back(value ? key + "=" + *value : key);
  create.working_dir = hook.working_dir;
  create.user = hook.user;
  create.privileged = hook.privileged;
  create.attach_stdout = true;
  create.attach_stderr = true;
  return create;
}

}  // namespace

const char* to_string(hook_point point) { return point == hook_point::post_start ? "post_start" : "pre_stop"; }

const model::service* hooked_service(const model::project* p, const std::string& name) {
  if (!p) return nullptr;
  if (auto it = p->services.find(name); it != p->services.end()) return &it->second;
  if (auto it = p->disabled_services.find(name); it != p->disabled_services.end()) return &it->second;
  return nullptr;
}

void run_hooks(engine_ref engine, const model::service& s, hook_point point, const std::string& container_id,
               const std::string& container_name, const progress_sink& progress) {
  const auto& hooks = point == hook_point::post_start ? s.post_start : s.pre_stop;
  if (hooks.empty()) return;
  if (!engine.execs)
    throw deploy_error(
        deploy_error_kind::invalid,
        fmt::format("service \"{}\" has {} hooks, which need the engine's exec endpoints", s.name, to_string(point)));
  const std::string resource = "Container " + container_name;
  const std::string label = to_string(point);
  for (const auto& hook : hooks) {
    const auto create = exec_request(hook);
    line_splitter out, err;
    auto report = [&](const std::string& line) { emit(progress, resource, label + ": " + line); };
    int code = 0;
    try {
      const std::string id = engine.execs->create(container_id, create);
      exec_streams streams;
      streams.out = [&](std::string_view piece) { out.feed(piece, report); };
      streams.err = [&](std::string_view piece) { err.feed(piece, report); };
      code = run_attached_exec(*engine.execs, id, create, streams);
    } catch (const engine::engine_error& e) {
      const bool gone = e.kind() == engine::error_kind::not_found || e.kind() == engine::error_kind::conflict;
      if (point == hook_point::pre_stop && gone) return;  // stopped or removed meanwhile (compose: the same)
      throw;
    }
    out.flush(report);
    err.flush(report);
    if (code == 0) continue;
    std::string output = err.tail();
    if (output.empty()) output = out.tail();
    auto message = fmt::format("{} {} hook exited with status {} (container {})", s.name, label, code, container_name);
    if (!output.empty()) message += ": " + output;
    throw deploy_error(deploy_error_kind::hook_failed, std::move(message));
  }
}

}  // namespace stackctl::deploy::detail
