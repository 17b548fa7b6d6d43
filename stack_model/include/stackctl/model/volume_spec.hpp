#pragma once
// The short syntax of a service's `volumes:` entry ("[SOURCE:]TARGET[:OPTIONS]"), exactly as
// compose-go's format.ParseVolume behaves; fixtures/conformance/volume_spec.json is the spec.
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace stackctl::model {

struct volume_spec {
  enum class kind { bind, volume };

  kind type = kind::volume;
  std::optional<std::string> source;  // absent for an anonymous volume
  std::string target;                 // as written (the loader cleans it)
  bool read_only = false;

  // Bind options. create_host_path is true for every bind written in short syntax.
  bool create_host_path = false;
  std::optional<std::string> propagation;  // shared|rshared|slave|rslave|private|rprivate
  std::optional<std::string> selinux;      // z|Z
  // Volume options.
  bool nocopy = false;

  friend bool operator==(const volume_spec&, const volume_spec&) = default;
};

// Thrown by parse_volume_spec; what() is compose-go's text, e.g.
// "invalid spec: /a:/b:ro:x: too many colons" or "invalid empty volume spec".
class volume_spec_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Parses one short-syntax entry. `${...}` is kept intact (a ':' inside it does not split).
// Unknown options are ignored, as compose does. Throws volume_spec_error.
volume_spec parse_volume_spec(std::string_view spec);

// The path-vs-bare-name rule: true when `source` starts with '.', '/', '~', two backslashes
// (UNC / named pipe), or a letter followed by ':' (Windows drive). Such a source is a bind.
bool is_host_path(std::string_view source);

// Docker's volume name rule: ^[a-zA-Z0-9][a-zA-Z0-9_.-]+$
bool is_valid_volume_name(std::string_view name);

}  // namespace stackctl::model
