#pragma once
// Compose variable interpolation (`$VAR`, `${VAR:-default}`, ...), exactly as compose-go's
// template.Substitute behaves; fixtures/conformance/interpolation.json is the spec.
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace stackctl::model {

// Returns the value of a variable, or nullopt when it is unset (set-but-empty is "", not nullopt).
// An empty std::function means "no variable is set".
using variable_lookup = std::function<std::optional<std::string>(std::string_view name)>;

struct interpolation_result {
  std::string value;
  // One entry per `$V` / `${V}` that was unset and became "" (compose logs
  // `The "V" variable is not set. Defaulting to a blank string.` for each), in order.
  std::vector<std::string> unset_variables;
};

class interpolation_error : public std::runtime_error {
 public:
  enum class error_kind {
    invalid_template,  // `${`, `${}`, `${foo!}`, ...: what() is `Invalid template: "<template>"`
    missing_required,  // `${V:?msg}` / `${V?msg}`: what() is `required variable V is missing a value[: msg]`
  };

  // invalid_template: `subject` is the template text compose quotes (the innermost one
  // being substituted, e.g. a default value). missing_required: `subject` is the variable
  // name and `reason` the (interpolated) message.
  interpolation_error(error_kind kind, std::string subject, std::string reason = {});

  error_kind kind() const noexcept { return kind_; }
  const std::string& template_text() const noexcept { return subject_; }  // invalid_template
  const std::string& variable() const noexcept { return subject_; }       // missing_required
  const std::string& reason() const noexcept { return reason_; }          // missing_required

 private:
  error_kind kind_;
  std::string subject_;
  std::string reason_;
};

// Substitutes every variable reference in `text`. `$$` is a literal `$`. Defaults, alternates
// and error messages are interpolated lazily (only when used). Throws interpolation_error.
interpolation_result interpolate(std::string_view text, const variable_lookup& lookup);

// A lookup over a map-like container with find() (std::map<std::string, std::string, std::less<>>,
// ...). The container must outlive the returned function.
template <typename Map>
variable_lookup lookup_in(const Map& values) {
  return [&values](std::string_view name) -> std::optional<std::string> {
    auto it = values.find(std::string(name));
    if (it == values.end()) return std::nullopt;
    return std::string(it->second);
  };
}

}  // namespace stackctl::model
