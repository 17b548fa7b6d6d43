// Proves the INSTALLED package works as a user consumes it: the engine client talks to the
// mock engine, and a model type renders its error line.
#include <iostream>
#include <string>

#include <stackctl/engine/client.hpp>
#include <stackctl/engine/client_version.hpp>
#include <stackctl/mock_engine/mock_engine.hpp>
#include <stackctl/model/model_error.hpp>

int main() {
  stackctl::mock_engine::mock_options mock;
  mock.api_version = "1.41";
  stackctl::mock_engine::mock_engine engine(mock);

  stackctl::engine::client_options options;
  options.host = engine.docker_host();
  stackctl::engine::client docker(options);
  const auto negotiated = docker.negotiated_version();

  const stackctl::model::model_error error("example", {"compose.yaml", 3, 5}, "services.web");
  if (negotiated != stackctl::engine::api_version{1, 41} ||
      std::string(error.what()) != "compose.yaml:3:5: services.web: example") {
    std::cerr << "stackctl consumer: unexpected results\n";
    return 1;
  }
  std::cout << "stackctl consumer: stackctl " << stackctl::engine::client_version() << " negotiated API "
            << negotiated.to_string() << " with the mock engine\n";
  return 0;
}
