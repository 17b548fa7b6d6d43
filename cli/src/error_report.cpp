#include "error_report.hpp"

#include <cstdio>
#include <string_view>

#include <fmt/format.h>

#include "stackctl/engine/error.hpp"
#include "stackctl/model/model_error.hpp"

namespace stackctl::cli {

namespace {

void print_line(std::string_view text) { fmt::print(stderr, "stackctl: {}\n", text); }

// What the user can do about an engine error of this kind, when there is something to say.
std::string_view hint_for(engine::error_kind kind) {
  switch (kind) {
    case engine::error_kind::unauthorized: return "log in to the registry, or check the credentials";
    case engine::error_kind::version: return "set DOCKER_API_VERSION to a version the daemon supports";
    default: return {};
  }
}

}  // namespace

exit_code report_current_exception(bool verbose) noexcept {
  try {
    throw;
  } catch (const engine::engine_error& e) {
    print_line(e.what());
    if (auto hint = hint_for(e.kind()); !hint.empty()) fmt::print(stderr, "  hint: {}\n", hint);
    if (verbose && !e.method().empty()) {
      fmt::print(stderr, "  request: {} {} → {} ({})\n", e.method(), e.path(), e.status(), engine::to_string(e.kind()));
    }
  } catch (const model::model_error& e) {
    print_line(e.what());
  } catch (const std::exception& e) {
    print_line(e.what());
  } catch (...) {
    print_line("unknown error");
  }
  return exit_code::failure;
}

}  // namespace stackctl::cli
