#include "stackctl/deploy/pull.hpp"

#include <mutex>
#include <set>
#include <stdexcept>

#include <fmt/format.h>

#include "dag.hpp"
#include "stackctl/deploy/plan.hpp"
#include "stackctl/engine/error.hpp"

namespace stackctl::deploy {

std::vector<std::string> pull(const model::project& p, engine_ref engine, const pull_options& options,
                              const progress_sink& progress) {
  // One pull per distinct image; the services naming it are reported on failure.
  std::map<std::string, std::vector<std::string>> images;
  for (const auto& name : with_dependencies(p, options.services, !options.include_deps)) {
    const auto& s = p.services.at(name);
    if (!s.image.empty()) images[s.image].push_back(name);
  }
  std::vector<std::pair<std::string, std::vector<std::string>>> work(images.begin(), images.end());
  std::vector<std::string> pulled;
  std::mutex m;
  auto emit = [&](std::string resource, std::string text, progress_state state) {
    if (progress) progress(progress_event{std::move(resource), std::move(text), state});
  };
  std::vector<std::vector<std::size_t>> after(work.size());
  run_dag(
      after,
      [&](std::size_t i) {
        const auto& [image, services] = work[i];
        auto res = "Image " + image;
        if (options.missing_only) {
          try {
            engine.images.inspect(image);
            return;
          } catch (const engine::engine_error& e) {
            if (e.kind() != engine::error_kind::not_found) throw;
          }
        }
        emit(res, "Pulling", progress_state::working);
        try {
          engine.images.pull(image, {}, [&](const engine::progress_message& msg) {
            if (msg.status.empty()) return;
            emit(res, msg.id.empty() || msg.id == image ? msg.status : msg.id + ": " + msg.status,
                 progress_state::working);
          });
        } catch (const engine::engine_error& e) {
          std::string names;
          for (const auto& s : services) names += (names.empty() ? "" : ", ") + s;
          auto text = fmt::format("pulling image \"{}\" (service {}) failed: {}", image, names, e.what());
          if (!options.ignore_failures) throw std::runtime_error(text);
          emit(res, text, progress_state::warning);
          return;
        }
        emit(res, "Pulled", progress_state::done);
        std::lock_guard lock(m);
        pulled.push_back(image);
      },
      options.parallel);
  return pulled;
}

}  // namespace stackctl::deploy
