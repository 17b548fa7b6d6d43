#include "error_report.hpp"

#include <cstdio>
#include <string_view>

#include <fmt/format.h>

#include "stackctl/deploy/deploy_error.hpp"
#include "stackctl/engine/error.hpp"
#include "stackctl/model/model_error.hpp"

namespace stackctl::cli {

namespace {

void print_line(std::string_view text) { fmt::print(stderr, "stackctl: {}\n", text); }

// The one table of what an error kind means to the user: the exit code (compose exits 1 for every
// failure, and scripts written for it test for 1, so every kind keeps it) and what to do about it,
// where the message itself does not already say.
struct advice {
  exit_code code = exit_code::failure;
  std::string_view hint;
};

advice advice_for(engine::error_kind kind) {
  switch (kind) {
    case engine::error_kind::unauthorized:
      return {exit_code::failure, "log in to the registry, or check the credentials"};
    case engine::error_kind::version:
      return {exit_code::failure, "set DOCKER_API_VERSION to a version the daemon supports"};
    default: return {};
  }
}

advice advice_for(deploy::deploy_error_kind kind) {
  switch (kind) {
    case deploy::deploy_error_kind::timeout:
      return {exit_code::failure, "raise --wait-timeout, or see what the service is doing with `stackctl logs`"};
    case deploy::deploy_error_kind::unhealthy:
    case deploy::deploy_error_kind::dependency_failed:
      return {exit_code::failure,
              "see the container's output with `stackctl logs` and its state with `stackctl ps -a`"};
    case deploy::deploy_error_kind::host:
      return {exit_code::failure, "check the path's permissions and that each parent is a directory"};
    default: return {};
  }
}

exit_code report(std::string_view message, const advice& a) {
  print_line(message);
  if (!a.hint.empty()) fmt::print(stderr, "  hint: {}\n", a.hint);
  return a.code;
}

}  // namespace

exit_code report_current_exception(bool verbose) noexcept {
  try {
    throw;
  } catch (const engine::engine_error& e) {
    auto code = report(e.what(), advice_for(e.kind()));
    if (verbose && !e.method().empty()) {
      fmt::print(stderr, "  request: {} {} → {} ({})\n", e.method(), e.path(), e.status(), engine::to_string(e.kind()));
    }
    return code;
  } catch (const deploy::deploy_error& e) {
    auto code = report(e.what(), advice_for(e.kind()));
    if (verbose) fmt::print(stderr, "  kind: {}\n", deploy::to_string(e.kind()));
    return code;
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
