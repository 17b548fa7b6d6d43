// Proves the installed headers and libraries link: uses a type from each exported library.
#include <iostream>

#include <stackctl/engine/api_version.hpp>
#include <stackctl/engine/client_version.hpp>
#include <stackctl/model/model_error.hpp>

int main() {
  const auto version = stackctl::engine::api_version::parse("1.41");
  const stackctl::model::model_error error("example", {"compose.yaml", 3, 5}, "services.web");
  if (version != stackctl::engine::api_version{1, 41} ||
      std::string(error.what()) != "compose.yaml:3:5: services.web: example") {
    std::cerr << "stackctl consumer: unexpected results\n";
    return 1;
  }
  std::cout << "stackctl consumer: linked stackctl " << stackctl::engine::client_version() << '\n';
  return 0;
}
