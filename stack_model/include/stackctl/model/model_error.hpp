#pragma once
// An error in the user's input (compose file, .env, env schema): where it is and what is wrong.
// what() is the one line the CLI prints: "<file>:<line>:<column>: <dotted.path>: <message>",
// leaving out the parts that are unknown.
#include <stdexcept>
#include <string>
#include <utility>

namespace stackctl::model {

struct source_location {
  std::string file;  // as the user named it (or made absolute); empty when not from a file
  int line = 0;      // 1-based; 0 when unknown
  int column = 0;    // 1-based; 0 when unknown
};

class model_error : public std::runtime_error {
 public:
  model_error(std::string message, source_location where = {}, std::string dotted_path = {});

  const std::string& message() const noexcept { return message_; }
  const source_location& where() const noexcept { return where_; }
  const std::string& dotted_path() const noexcept { return dotted_path_; }  // services.web.volumes[1]

 private:
  std::string message_;
  source_location where_;
  std::string dotted_path_;
};

// No compose file was given and discovery found none. Commands that can work from a project name
// alone (`-p NAME down|ps|logs`) catch this kind; every other model_error stays an error.
class no_config_file : public model_error {
 public:
  no_config_file() : model_error("no configuration file provided: not found") {}
};

// A service name (on the command line, in a selection) the project does not have.
class unknown_service : public model_error {
 public:
  explicit unknown_service(std::string name) : model_error("no such service: " + name), service_(std::move(name)) {}
  const std::string& service() const noexcept { return service_; }

 private:
  std::string service_;
};

}  // namespace stackctl::model
