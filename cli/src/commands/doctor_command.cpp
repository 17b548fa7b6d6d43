// `stackctl doctor`: checks what `up` would need without changing anything — the .env against the
// env schema (missing and unexpected keys, types, bounds), the derived environment and the project
// loading with it, and the engine answering. One "error: " / "warning: " line per problem on stdout;
// exit 1 when there is an error. Creates nothing on the host.
#include <cstdio>
#include <exception>
#include <optional>
#include <string>

#include <fmt/format.h>

#include "../engine_connection.hpp"
#include "../env_schema_support.hpp"
#include "../project_loading.hpp"
#include "commands.hpp"
#include "stackctl/model/env_validation.hpp"
#include "stackctl/model/loader.hpp"
#include "stackctl/model/model_error.hpp"

namespace stackctl::cli {

namespace {

struct doctor_report {
  int errors = 0;
  int warnings = 0;
  void error(const std::string& text) {
    ++errors;
    fmt::print("error: {}\n", text);
  }
  void warning(const std::string& text) {
    ++warnings;
    fmt::print("warning: {}\n", text);
  }
};

// The .env against the schema; false when the schema or the .env cannot be read at all (then
// loading the project with them would only repeat the same error).
bool check_env(const global_options& globals, doctor_report& report) {
  const auto env = process_environment();
  const auto where = locate_project(globals, model::env_file_reading::skip);
  const auto schema_file = env_schema_file(globals, where);
  if (!schema_file) {
    report.warning("no env schema found (name one with --env-schema FILE): the .env is not validated");
    return true;
  }
  std::optional<model::env_schema> schema;
  try {
    schema = model::load_env_schema(*schema_file);
  } catch (const model::model_error& e) {
    report.error(e.what());
    return false;
  }
  try {
    const auto dotenv = read_env_files_for_schema(where, model::env_map(env.begin(), env.end()));
    for (const auto& p : model::validate_env(*schema, dotenv)) {
      if (p.severity == model::env_problem::severity_kind::error) report.error(p.to_string());
      else report.warning(p.to_string());
    }
  } catch (const model::model_error& e) {
    report.error(e.what());
    return false;
  }
  return true;
}

void run_doctor(const global_options& globals) {
  doctor_report report;
  bool env_readable = false;
  try {
    env_readable = check_env(globals, report);
  } catch (const std::exception& e) {
    report.error(e.what());
  }

  // The derived environment and the project loaded with it, as every command loads it.
  if (env_readable) {
    try {
      const auto project = locate_and_load(globals, make_load_options(globals));
      for (const auto& w : project.warnings) report.warning(w);
    } catch (const std::exception& e) {
      report.error(e.what());
    }
  }

  try {
    auto client = connect_engine(globals);
    client.system().ping();
  } catch (const std::exception& e) {
    report.error(fmt::format("the engine does not answer: {}", e.what()));
  }

  if (report.errors == 0 && report.warnings == 0) fmt::print("ok: no problems found\n");
  std::fflush(stdout);
  if (report.errors > 0) throw CLI::RuntimeError(1);
}

}  // namespace

void register_doctor_command(CLI::App& app, const global_options& globals) {
  auto* cmd = app.add_subcommand("doctor",
                                 "Check the .env against the env schema, the project, and the engine; changes nothing");
  cmd->callback([&globals] { run_doctor(globals); });
}

}  // namespace stackctl::cli
