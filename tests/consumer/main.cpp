// Proves the INSTALLED package works as an embedding program uses it: load a compose file with
// stack_model, bring it up with deploy against the bundled mock engine (which answers exactly the
// calls `up` makes for a one-service project), print the plan, and render a model error line.
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

#include <stackctl/deploy/engine_ref.hpp>
#include <stackctl/deploy/plan.hpp>
#include <stackctl/deploy/up.hpp>
#include <stackctl/engine/client.hpp>
#include <stackctl/engine/client_version.hpp>
#include <stackctl/mock_engine/mock_engine.hpp>
#include <stackctl/model/loader.hpp>
#include <stackctl/model/model_error.hpp>

namespace {

int fail(const std::string& why) {
  std::cerr << "stackctl consumer: " << why << "\n";
  return 1;
}

}  // namespace

int main() {
  namespace fs = std::filesystem;
  const auto dir = fs::temp_directory_path() / ("stackctl-consumer-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "compose.yaml") << "services:\n  web:\n    image: nginx:1\n";

  stackctl::model::load_options load;
  load.current_directory = dir;
  load.project_name = "shop";
  const auto project = stackctl::model::load(load);

  stackctl::mock_engine::mock_options mock;
  mock.api_version = "1.41";
  stackctl::mock_engine::mock_engine engine(mock);
  auto v = [&](const char* path) { return engine.api_path(path); };
  engine.expect("GET", v("/images/nginx:1/json")).reply_json(200, {{"Id", "sha256:abc"}});
  engine.expect("GET", v("/containers/json")).reply_json(200, nlohmann::json::array());
  engine.expect("GET", v("/networks")).reply_json(200, nlohmann::json::array());
  engine.expect("GET", v("/volumes")).reply_json(200, {{"Volumes", nlohmann::json::array()}});
  engine.expect("POST", v("/networks/create")).reply_json(201, {{"Id", "net1"}, {"Warning", ""}});
  engine.expect("POST", v("/containers/create")).with_query("name", "shop-web-1").reply_json(201, {{"Id", "c1"}});
  engine.expect("POST", v("/containers/c1/start")).reply(204);

  stackctl::engine::client_options options;
  options.host = engine.docker_host();
  stackctl::engine::client docker(options);
  auto ref = stackctl::deploy::make_engine_ref(docker);
  stackctl::deploy::up_options up;
  up.pull = stackctl::deploy::pull_policy::never;
  const auto result = stackctl::deploy::up(project, ref, up);
  fs::remove_all(dir);
  if (!engine.verify_ok()) return fail("the mock engine saw other calls than up makes:\n" + engine.report());
  const auto plan = stackctl::deploy::to_string(result.plan);
  if (plan !=
      "1 create_network shop_default (not found)\n"
      "2 create_container shop-web-1 (scale 0 → 1) after 1\n"
      "3 start_container shop-web-1 (created) after 2\n")
    return fail("unexpected plan:\n" + plan);

  const stackctl::model::model_error error("example", {"compose.yaml", 3, 5}, "services.web");
  if (std::string(error.what()) != "compose.yaml:3:5: services.web: example") return fail("unexpected error line");
  std::cout << "stackctl consumer: stackctl " << stackctl::engine::client_version() << " brought up " << project.name
            << " through the mock engine (API " << ref.version.to_string() << "):\n"
            << plan;
  return EXIT_SUCCESS;
}
