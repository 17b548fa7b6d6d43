// `stackctl env example|check|init`: what the env schema renders (docs/env-schema.md). None of them
// loads the project; `check --write` and `init` are the only commands that write an env file.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>

#include <fmt/format.h>

#include "../env_schema_support.hpp"
#include "../project_loading.hpp"
#include "commands.hpp"
#include "stackctl/model/env_example.hpp"

namespace stackctl::cli {

namespace {

namespace fs = std::filesystem;

struct env_flags {
  bool write = false;
  std::string check_file;
  bool force = false;
  std::string preset;
};

// The env commands render or write the .env, so locating the project does not read it.
model::env_schema require_schema(const global_options& globals, model::project_location* where_out = nullptr) {
  const auto where = locate_project(globals, model::env_file_reading::skip);
  const auto file = env_schema_file(globals, where);
  if (!file) {
    const auto compose_file = first_compose_file(where);
    const std::string near = compose_file ? "beside " + compose_file->string()
                                          : "(no compose file found in " + where.project_directory.string() + ")";
    throw std::runtime_error(fmt::format("no env schema {}; name one with --env-schema FILE", near));
  }
  if (where_out) *where_out = where;
  return model::load_env_schema(*file);
}

// Writes `text` to `path`, creating or truncating it, with `mode` when it is created (and after,
// when `force_mode`: fchmod, so an existing file's wider mode is narrowed too).
void write_file(const fs::path& path, const std::string& text, mode_t mode, bool force_mode) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
  if (fd < 0) throw std::runtime_error(fmt::format("write {}: {}", path.string(), std::strerror(errno)));
  std::string error;
  if (force_mode && ::fchmod(fd, mode) != 0) error = std::strerror(errno);
  std::size_t done = 0;
  while (error.empty() && done < text.size()) {
    const auto n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      error = std::strerror(errno);
      break;
    }
    done += static_cast<std::size_t>(n);
  }
  if (::close(fd) != 0 && error.empty()) error = std::strerror(errno);
  if (!error.empty()) throw std::runtime_error(fmt::format("write {}: {}", path.string(), error));
}

void run_example(const global_options& globals) {
  const auto text = model::render_env_example(require_schema(globals));
  std::fwrite(text.data(), 1, text.size(), stdout);
}

void run_check(const global_options& globals, const env_flags& f) {
  const auto schema = require_schema(globals);
  fs::path file;
  if (!f.check_file.empty()) file = fs::absolute(f.check_file).lexically_normal();
  else file = schema.example_path();
  if (file.empty())
    throw std::runtime_error(fmt::format("{} names no example_file; give the file to check", schema.file.string()));
  const auto result = model::env_check_file(schema, file);
  if (!result.differs) return;
  if (f.write) {
    write_file(file, result.expected, 0644, false);
    fmt::print(stderr, "stackctl: wrote {}\n", file.string());
    return;
  }
  std::fwrite(result.diff.data(), 1, result.diff.size(), stdout);
  std::fflush(stdout);
  fmt::print(stderr, "stackctl: {} differs from what {} renders; run `stackctl env check --write` to update it\n",
             file.string(), schema.file.filename().string());
  throw CLI::RuntimeError(1);
}

void run_init(const global_options& globals, const env_flags& f) {
  model::project_location where;
  const auto schema = require_schema(globals, &where);
  // A bad preset name is reported before anything is written.
  const auto overrides =
      f.preset.empty() ? std::map<std::string, std::string, std::less<>>{} : schema.preset_values(f.preset);
  const fs::path target = where.dotenv_path();
  std::error_code ec;
  if (fs::exists(fs::symlink_status(target, ec)) && !f.force)
    throw std::runtime_error(fmt::format("{} exists; use --force", target.string()));
  // 0600: a .env holds credentials.
  write_file(target, model::render_env_file_for_init(schema, overrides), 0600, true);
  fmt::print(stderr, "stackctl: wrote {}\n", target.string());
}

}  // namespace

void register_env_command(CLI::App& app, const global_options& globals) {
  auto* env = app.add_subcommand("env", "Env schema: render, check and initialise the .env files");
  env->require_subcommand(1);
  auto f = std::make_shared<env_flags>();

  auto* example = env->add_subcommand("example", "Print the .env.example the env schema renders");
  example->callback([&globals] { run_example(globals); });

  auto* check = env->add_subcommand(
      "check",
      "Compare FILE (default: the schema's example_file) with the render; exit 1 and print a diff when they differ");
  check->add_flag("--write", f->write, "Write the render to FILE instead of failing");
  check->add_option("file", f->check_file, "The file to check (default: the schema's example_file)");
  check->callback([&globals, f] { run_check(globals, *f); });

  auto* init =
      env->add_subcommand("init", "Write .env (--env-file, else <project dir>/.env) from the schema, mode 0600");
  init->add_flag("--force", f->force, "Overwrite an existing file");
  init->add_option("--preset", f->preset, "Write the values of this preset of the schema");
  init->callback([&globals, f] { run_init(globals, *f); });
}

}  // namespace stackctl::cli
