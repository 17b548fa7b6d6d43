#include "stackctl/deploy/logs.hpp"

#include <algorithm>
#include <chrono>
#include <exception>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include <fmt/format.h>

#include "stackctl/deploy/labels.hpp"
#include "stackctl/engine/error.hpp"

namespace stackctl::deploy {
namespace {

std::string short_name(const std::string& container, const std::string& project) {
  auto prefix = project + "-";
  return container.rfind(prefix, 0) == 0 ? container.substr(prefix.size()) : container;
}

// compose's palette: cyan, yellow, green, magenta, blue, then their bright (bold) forms.
std::string colour(std::size_t index) {
  static const char* codes[] = {"36", "33", "32", "35", "34"};
  auto code = std::string(codes[index % 5]);
  if ((index / 5) % 2 == 1) code += ";1";
  return code;
}

// "1700000000.123456789": the since= form the daemon reads with nanoseconds.
std::string unix_time(std::int64_t ns) { return fmt::format("{}.{:09}", ns / 1'000'000'000, ns % 1'000'000'000); }

std::string attribute(const std::map<std::string, std::string>& attributes, const std::string& key) {
  auto it = attributes.find(key);
  return it == attributes.end() ? std::string() : it->second;
}

// The streams of one `logs` call: one thread per container stream, all writing whole lines to
// the sink under one mutex; with follow and events, restarted and new containers get a new stream.
class log_session {
 public:
  log_session(const std::string& project, engine_ref engine, const logs_options& options, const line_sink& sink,
              std::stop_token stop)
      : project_(project), engine_(engine), options_(options), sink_(sink), stop_(std::move(stop)) {}

  ~log_session() { join(); }

  bool selected(const std::string& service) const {
    return options_.services.empty() ||
           std::find(options_.services.begin(), options_.services.end(), service) != options_.services.end();
  }

  void set_width(std::size_t width) { width_ = width; }

  // Streams one container's logs in a new thread.
  void attach(const std::string& id, const std::string& name, const std::string& since, const std::string& tail) {
    std::string prefix;
    if (options_.prefix) {
      prefix = log_prefix(name, project_, width_);
      auto [it, added] = colours_.try_emplace(name, colours_.size());
      if (options_.color) prefix = fmt::format("\x1b[{}m{}\x1b[0m", colour(it->second), prefix);
    }
    threads_.emplace_back([this, id, prefix, since, tail] { stream(id, prefix, since, tail); });
  }

  // Follows the project's container events until every expected container has stopped for good
  // (exited without a restart coming) or `stop` is requested. A container that starts anew gets a
  // stream of all its output; one that restarts, a stream of what it wrote after it died (dockerd
  // has copied every line of a run before it reports the death). `listed` were attached from the
  // list taken at `listed_at_ns`; their earlier starts, replayed, are not attached twice.
  void follow_events(std::set<std::string> expected, const std::set<std::string>& listed, std::int64_t listed_at_ns) {
    std::stop_source done;
    std::stop_callback forward(stop_, [&] { done.request_stop(); });
    if (expected.empty()) return;
    std::map<std::string, std::int64_t> died_at_ns;
    engine::events_options eo;
    eo.since = unix_time(listed_at_ns);  // replayed from the list on: nothing in between is missed
    eo.filters.add("type", "container").add("event", "start").add("event", "die");
    eo.filters.add_label(labels::project, project_);
    try {
      engine_.events->stream(
          eo,
          [&](const engine::event_message& event) {
            const auto& attributes = event.actor.attributes;
            if (!selected(attribute(attributes, labels::service)) || attribute(attributes, labels::oneoff) == "True")
              return;
            const std::string& id = event.actor.id;
            if (event.action == "start") {
              if (listed.count(id) && event.time_nano <= listed_at_ns) return;  // already streaming from the list
              expected.insert(id);
              const auto died = died_at_ns.find(id);
              attach(id, attribute(attributes, "name"),
                     died == died_at_ns.end() ? std::string() : unix_time(died->second), "all");
            } else if (event.action == "die") {
              died_at_ns[id] = event.time_nano;
              // By the time dockerd reports the death it has decided whether a restart follows.
              bool for_good = true;
              try {
                const auto state = engine_.containers.inspect(id).state;
                for_good = !state.restarting && !state.running;
              } catch (const engine::engine_error& e) {
                if (e.kind() != engine::error_kind::not_found) throw;  // removed: stopped for good
              }
              if (for_good) expected.erase(id);
              if (expected.empty()) done.request_stop();
            }
          },
          done.get_token());
    } catch (...) {
      remember(std::current_exception());
    }
  }

  // attach() and join() run on the calling thread only (follow_events' callback included).
  void join() {
    for (std::size_t i = 0; i < threads_.size(); ++i)
      if (threads_[i].joinable()) threads_[i].join();
  }

  void rethrow() const {
    if (error_) std::rethrow_exception(error_);
  }

 private:
  void remember(std::exception_ptr e) {
    std::lock_guard lock(mutex_);
    if (!error_) error_ = std::move(e);
  }

  void stream(const std::string& id, const std::string& prefix, const std::string& since, const std::string& tail) {
    std::string pending[2];
    auto feed = [&](int which, std::string_view bytes) {
      auto& buffer = pending[which];
      buffer.append(bytes);
      std::size_t start = 0;
      std::size_t newline = 0;
      while ((newline = buffer.find('\n', start)) != std::string::npos) {
        std::string line = prefix;
        line.append(buffer, start, newline - start + 1);
        {
          std::lock_guard lock(mutex_);
          sink_(line);
        }
        start = newline + 1;
      }
      buffer.erase(0, start);
    };
    engine::logs_options eo;
    eo.follow = options_.follow;
    eo.tail = tail;
    eo.since = since;
    eo.until = options_.until;
    eo.timestamps = options_.timestamps;
    engine::log_sink ls{[&](std::string_view b) { feed(0, b); }, [&](std::string_view b) { feed(1, b); }};
    try {
      engine_.containers.logs(id, eo, ls, stop_);
    } catch (...) {
      remember(std::current_exception());
    }
    for (auto& rest : pending) {
      if (rest.empty()) continue;
      std::lock_guard lock(mutex_);
      sink_(prefix + rest + "\n");
    }
  }

  const std::string& project_;
  engine_ref engine_;
  const logs_options& options_;
  const line_sink& sink_;
  std::stop_token stop_;
  std::size_t width_ = 0;
  std::map<std::string, std::size_t> colours_;  // container name → palette index, in attach order
  std::mutex mutex_;                            // the sink and error_
  std::exception_ptr error_;
  std::vector<std::thread> threads_;
};

}  // namespace

std::string log_prefix(const std::string& container_name, const std::string& project_name, std::size_t width) {
  auto name = short_name(container_name, project_name);
  if (name.size() < width) name.append(width - name.size(), ' ');
  return name + " | ";
}

void logs(const std::string& project_name, engine_ref engine, const logs_options& options, const line_sink& sink,
          std::stop_token stop) {
  const auto listed_at_ns =
      std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  engine::container_list_options lo;
  lo.all = true;
  lo.filters.add_label(labels::project, project_name);
  lo.filters.add_label(labels::config_hash);
  lo.filters.add_label(labels::oneoff, "False");
  auto containers = engine.containers.list(lo);

  log_session session(project_name, engine, options, sink, stop);
  std::erase_if(containers, [&](const engine::container_summary& c) {
    auto it = c.labels.find(labels::service);
    return !session.selected(it == c.labels.end() ? std::string() : it->second);
  });
  std::sort(containers.begin(), containers.end(), [](const auto& a, const auto& b) { return a.name() < b.name(); });
  std::size_t width = 0;
  for (const auto& c : containers) width = std::max(width, short_name(c.name(), project_name).size());
  session.set_width(width);

  std::set<std::string> listed;
  std::set<std::string> expected;  // running now: followed until they stop for good
  for (const auto& c : containers) {
    session.attach(c.id, c.name(), options.since, options.tail);
    listed.insert(c.id);
    if (c.is_active()) expected.insert(c.id);
  }
  if (options.follow && engine.events != nullptr) session.follow_events(std::move(expected), listed, listed_at_ns);
  session.join();
  session.rethrow();
}

}  // namespace stackctl::deploy
