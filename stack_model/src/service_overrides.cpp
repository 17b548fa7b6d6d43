#include "stackctl/model/service_overrides.hpp"

#include <cstdlib>
#include <string>

#include <fmt/format.h>

#include "port_spec.hpp"
#include "stackctl/model/model_error.hpp"
#include "stackctl/model/volume_spec.hpp"

namespace stackctl::model {
namespace {

std::string absolute_host_path(const std::string& source, const std::filesystem::path& base) {
  std::filesystem::path p(source);
  if (source == "~" || source.rfind("~/", 0) == 0) {
    const char* home = std::getenv("HOME");
    p = std::filesystem::path(home ? home : "/") / source.substr(source.size() > 1 ? 2 : 1);
  } else if (p.is_relative()) {
    p = base / p;
  }
  return p.lexically_normal().string();
}

std::string clean_target(const std::string& target) {
  std::string out = std::filesystem::path(target).lexically_normal().string();
  if (out.size() > 1 && out.back() == '/') out.pop_back();
  return out;
}

}  // namespace

std::vector<std::string> parse_command_line(std::string_view text) {
  std::vector<std::string> out;
  std::string cur;
  bool in_word = false, single = false, dbl = false, escaped = false;
  for (char c : text) {
    if (escaped) {
      cur += c;
      escaped = false;
      in_word = true;
      continue;
    }
    if (c == '\\' && !single) {
      escaped = true;
      continue;
    }
    if (single) {
      if (c == '\'') single = false;
      else cur += c;
      continue;
    }
    if (dbl) {
      if (c == '"') dbl = false;
      else cur += c;
      continue;
    }
    if (c == '\'') {
      single = true;
      in_word = true;
    } else if (c == '"') {
      dbl = true;
      in_word = true;
    } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      if (in_word) out.push_back(cur);
      cur.clear();
      in_word = false;
    } else {
      cur += c;
      in_word = true;
    }
  }
  if (single || dbl || escaped) throw model_error(fmt::format("invalid command line string: {}", text));
  if (in_word) out.push_back(cur);
  return out;
}

std::vector<port> parse_port_entry(std::string_view spec) {
  std::vector<detail::port_mapping> mappings;
  try {
    mappings = detail::parse_port_spec(spec);
  } catch (const detail::port_spec_error& e) {
    throw model_error(fmt::format("invalid port \"{}\": {}", spec, e.what()));
  }
  std::vector<port> out;
  for (const auto& m : mappings) {
    port p;
    p.host_ip = m.host_ip;
    p.target = static_cast<std::uint32_t>(m.target);
    p.published = m.published;
    p.protocol = m.protocol;
    out.push_back(std::move(p));
  }
  return out;
}

mount parse_volume_entry(std::string_view spec, const std::filesystem::path& base) {
  volume_spec v;
  try {
    v = parse_volume_spec(spec);
  } catch (const volume_spec_error& e) {
    throw model_error(fmt::format("invalid volume \"{}\": {}", spec, e.what()));
  }
  if (v.target.empty() || v.target[0] != '/')
    throw model_error(fmt::format("invalid volume \"{}\": the container path {} must be absolute", spec, v.target));
  if (v.type == volume_spec::kind::bind) {
    bind_mount b;
    b.source = absolute_host_path(*v.source, base);
    b.target = clean_target(v.target);
    b.read_only = v.read_only;
    b.create_host_path = true;
    b.propagation = v.propagation.value_or("");
    b.selinux = v.selinux.value_or("");
    return b;
  }
  volume_mount m;
  if (v.source) {
    if (!is_valid_volume_name(*v.source))
      throw model_error(
          fmt::format("invalid volume \"{}\": \"{}\" is not a valid volume name; use \"./{}\" for a "
                      "path relative to the current directory",
                      spec, *v.source, *v.source));
    m.source = *v.source;
  }
  m.target = clean_target(v.target);
  m.read_only = v.read_only;
  m.nocopy = v.nocopy;
  return m;
}

}  // namespace stackctl::model
