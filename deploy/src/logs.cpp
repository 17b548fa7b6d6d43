#include "stackctl/deploy/logs.hpp"

#include <algorithm>
#include <exception>
#include <mutex>
#include <thread>

#include <fmt/format.h>

#include "stackctl/deploy/labels.hpp"

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

}  // namespace

std::string log_prefix(const std::string& container_name, const std::string& project_name, std::size_t width) {
  auto name = short_name(container_name, project_name);
  if (name.size() < width) name.append(width - name.size(), ' ');
  return name + " | ";
}

void logs(const std::string& project_name, engine_ref engine, const logs_options& options,
          const line_sink& sink, std::stop_token stop) {
  engine::container_list_options lo;
  lo.all = true;
  lo.filters.add_label(labels::project, project_name);
  lo.filters.add_label(labels::config_hash);
  lo.filters.add_label(labels::oneoff, "False");
  auto containers = engine.containers.list(lo);
  std::erase_if(containers, [&](const engine::container_summary& c) {
    if (options.services.empty()) return false;
    auto it = c.labels.find(labels::service);
    auto svc = it == c.labels.end() ? std::string() : it->second;
    return std::find(options.services.begin(), options.services.end(), svc) == options.services.end();
  });
  std::sort(containers.begin(), containers.end(), [](const auto& a, const auto& b) { return a.name() < b.name(); });
  std::size_t width = 0;
  for (const auto& c : containers) width = std::max(width, short_name(c.name(), project_name).size());

  std::mutex out;
  std::exception_ptr error;
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < containers.size(); ++i) {
    std::string prefix;
    if (options.prefix) {
      prefix = log_prefix(containers[i].name(), project_name, width);
      if (options.color) prefix = fmt::format("\x1b[{}m{}\x1b[0m", colour(i), prefix);
    }
    threads.emplace_back([&, id = containers[i].id, prefix] {
      std::string pending[2];
      auto feed = [&](int stream, std::string_view bytes) {
        auto& buf = pending[stream];
        buf.append(bytes);
        std::size_t start = 0, nl;
        while ((nl = buf.find('\n', start)) != std::string::npos) {
          std::string line = prefix;
          line.append(buf, start, nl - start + 1);
          {
            std::lock_guard lock(out);
            sink(line);
          }
          start = nl + 1;
        }
        buf.erase(0, start);
      };
      engine::logs_options eo;
      eo.follow = options.follow;
      eo.tail = options.tail;
      eo.since = options.since;
      eo.until = options.until;
      eo.timestamps = options.timestamps;
      engine::log_sink ls{[&](std::string_view b) { feed(0, b); }, [&](std::string_view b) { feed(1, b); }};
      try {
        engine.containers.logs(id, eo, ls, stop);
      } catch (...) {
        std::lock_guard lock(out);
        if (!error) error = std::current_exception();
      }
      for (auto& rest : pending)
        if (!rest.empty()) {
          std::lock_guard lock(out);
          sink(prefix + rest + "\n");
        }
    });
  }
  for (auto& t : threads) t.join();
  if (error) std::rethrow_exception(error);
}

}  // namespace stackctl::deploy
