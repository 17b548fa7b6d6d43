#pragma once
// `doctor`'s check of a .env file against an env schema: missing and unexpected keys, required
// values, types and bounds. Every problem names the file and the line of the .env entry.
#include <string>
#include <vector>

#include "stackctl/model/derived_environment.hpp"
#include "stackctl/model/env_schema.hpp"
#include "stackctl/model/model_error.hpp"

namespace stackctl::model {

struct env_problem {
  enum class severity_kind { error, warning };
  severity_kind severity = severity_kind::error;
  std::string key;
  std::string message;    // "<KEY> must be an integer, got \"abc\""
  source_location where;  // the .env file and the line of the entry (line 0: the key is absent)

  // "<file>:<line>: <message>" (the way model_error prints).
  std::string to_string() const;
};

// Checks `dotenv` (the .env as read by read_dotenv_file) against the schema. The problems come in
// file order: unexpected keys and bad values by line, then missing keys in schema order. A .env that
// does not exist is one warning (the defaults apply), not a missing key each.
std::vector<env_problem> validate_env(const env_schema& schema, const dotenv_file& dotenv);

// The check of one value against its variable (after use_default); empty when it is fine.
std::string check_env_value(const env_var& var, std::string_view raw);

}  // namespace stackctl::model
