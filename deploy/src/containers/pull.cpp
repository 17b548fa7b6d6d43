#include "stackctl/deploy/pull.hpp"

#include <mutex>
#include <set>
#include <stdexcept>

#include <fmt/format.h>

#include "common/dag.hpp"
#include "stackctl/deploy/deploy_error.hpp"
#include "stackctl/engine/error.hpp"
#include "stackctl/model/service_graph.hpp"

namespace stackctl::deploy {

std::vector<std::string> pull(const model::project& p, engine_ref engine, const pull_options& options,
                              const progress_sink& progress) {
  // One pull per distinct image; the services naming it are reported on failure.
  std::map<std::string, std::vector<std::string>> images;
  for (const auto& name : model::service_graph::from_project(p).closure(options.services, options.include_deps)) {
    const auto& s = p.services.at(name);
    if (!s.image.empty()) images[s.image].push_back(name);
  }
  std::vector<std::pair<std::string, std::vector<std::string>>> work(images.begin(), images.end());
  std::vector<std::string> pulled;
  std::mutex m;
  std::vector<std::vector<std::size_t>> after(work.size());
  run_dag(
      after,
      [&](std::size_t i) {
        // Not a structured binding: clang before 16 cannot capture one in the lambda below.
        const auto& image = work[i].first;
        const auto& services = work[i].second;
        auto res = "Image " + image;
        if (options.missing_only) {
          try {
            engine.images.inspect(image);
            return;
          } catch (const engine::engine_error& e) {
            if (e.kind() != engine::error_kind::not_found) throw;
          }
        }
        emit(progress, res, "Pulling", progress_state::working);
        try {
          engine.images.pull(image, {}, [&](const engine::progress_message& msg) {
            if (msg.status.empty()) return;
            emit(progress, res, msg.id.empty() || msg.id == image ? msg.status : msg.id + ": " + msg.status,
                 progress_state::working);
          });
        } catch (const engine::engine_error& e) {
          std::string names;
          for (const auto& s : services) names += (names.empty() ? "" : ", ") + s;
          auto text = fmt::format("pulling image \"{}\" (service {}) failed: {}", image, names, e.what());
          if (!options.ignore_failures) throw deploy_error(deploy_error_kind::engine, text);
          emit(progress, res, text, progress_state::warning);
          return;
        }
        emit(progress, res, "Pulled", progress_state::done);
        std::lock_guard lock(m);
        pulled.push_back(image);
      },
      options.parallel);
  return pulled;
}

}  // namespace stackctl::deploy
