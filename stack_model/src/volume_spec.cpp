#include "stackctl/model/volume_spec.hpp"

#include <array>
#include <string>

#include "go_text.hpp"

// Mirrors compose-go format/volume.go (ParseVolume). The spec is walked rune by rune: a ':'
// right after a single letter belongs to a Windows drive ("C:\x"), a ':' inside `${...}` does
// not split, and a NUL (compose's end-of-spec marker) ends a field just like the real end.

namespace stackctl::model {

namespace {

constexpr char32_t end_of_spec = 0;

struct rune_buffer {
  std::string text;  // the runes re-encoded (invalid UTF-8 becomes U+FFFD, as in Go)
  std::size_t count = 0;
  char32_t first = 0;

  void append(char32_t r) {
    if (count == 0) first = r;
    ++count;
    detail::append_utf8(text, r);
  }
  void clear() { *this = {}; }
};

bool is_windows_drive(char32_t first, std::size_t count, char32_t c) {
  return c == ':' && count == 1 && detail::go_is_letter(first);
}

bool is_propagation(std::string_view option) {
  constexpr std::array<std::string_view, 6> propagations{"rprivate", "private", "rshared", "shared", "rslave", "slave"};
  for (auto p : propagations)
    if (option == p) return true;
  return false;
}

// compose-go's populateFieldFromBuffer; returns the error text, or nullptr.
const char* populate_field(char32_t c, const rune_buffer& buffer, volume_spec& volume) {
  if (buffer.count == 0) return "empty section between colons";
  if (!volume.source && c == end_of_spec) {  // anonymous volume
    volume.target = buffer.text;
    return nullptr;
  }
  if (!volume.source) {
    volume.source = buffer.text;
    return nullptr;
  }
  if (volume.target.empty()) {
    volume.target = buffer.text;
    return nullptr;
  }
  if (c == ':') return "too many colons";

  std::string_view options = buffer.text;
  while (true) {
    const auto comma = options.find(',');
    const std::string_view option = options.substr(0, comma);
    if (option == "ro") {
      volume.read_only = true;
    } else if (option == "rw") {
      volume.read_only = false;
    } else if (option == "nocopy") {
      volume.nocopy = true;
    } else if (is_propagation(option)) {
      volume.propagation = std::string(option);
    } else if (option == "z" || option == "Z") {
      volume.selinux = std::string(option);
    }  // anything else is ignored, as compose does
    if (comma == std::string_view::npos) break;
    options.remove_prefix(comma + 1);
  }
  return nullptr;
}

void populate_type(volume_spec& volume) {
  if (volume.source && is_host_path(*volume.source)) {
    volume.type = volume_spec::kind::bind;
    volume.create_host_path = true;  // short syntax creates a missing host path (docker-compose legacy)
  } else {
    volume.type = volume_spec::kind::volume;
  }
}

}  // namespace

volume_spec parse_volume_spec(std::string_view spec) {
  volume_spec volume;
  if (spec.empty()) throw volume_spec_error("invalid empty volume spec");
  if (spec.size() <= 2) {
    volume.target = std::string(spec);
    return volume;
  }

  rune_buffer buffer;
  int in_substitution = 0;  // nesting depth of ${...}
  for (std::size_t i = 0; i <= spec.size();) {
    char32_t c = end_of_spec;
    std::size_t width = 1;
    if (i < spec.size()) {
      const auto decoded = detail::decode_rune(spec, i);
      c = decoded.rune;
      width = decoded.width;
    }
    if (c == '$' && i + 1 < spec.size() && spec[i + 1] == '{') {
      ++in_substitution;
    } else if (c == '}' && in_substitution > 0) {
      --in_substitution;
    }
    const bool separator =
        (c == ':' || c == end_of_spec) && in_substitution == 0 && !is_windows_drive(buffer.first, buffer.count, c);
    if (separator) {
      if (const char* error = populate_field(c, buffer, volume))
        throw volume_spec_error("invalid spec: " + std::string(spec) + ": " + error);
      buffer.clear();
    } else {
      buffer.append(c);
    }
    i += width;
  }
  populate_type(volume);
  return volume;
}

bool is_host_path(std::string_view source) {
  if (source.empty()) return false;
  if (source[0] == '.' || source[0] == '/' || source[0] == '~') return true;
  if (source.substr(0, 2) == "\\\\") return true;  // UNC path / named pipe
  const auto [first, width] = detail::decode_rune(source, 0);
  if (source.size() <= width) return false;
  return is_windows_drive(first, 1, static_cast<unsigned char>(source[width]));
}

bool is_valid_volume_name(std::string_view name) {
  const auto alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); };
  if (name.size() < 2 || !alnum(name[0])) return false;
  for (char c : name.substr(1))
    if (!(alnum(c) || c == '_' || c == '.' || c == '-')) return false;
  return true;
}

}  // namespace stackctl::model
