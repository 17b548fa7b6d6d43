#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "stackctl/engine/client_version.hpp"

int main(int argc, char** argv) {
  CLI::App app{"stackctl — deploy Compose stacks straight through the Docker Engine API", "stackctl"};
  app.set_version_flag("--version", std::string(stackctl::engine::client_version()));
  CLI11_PARSE(app, argc, argv);
  return 0;
}
