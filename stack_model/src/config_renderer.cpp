#include "stackctl/model/config_renderer.hpp"

#include <array>
#include <cstdint>
#include <regex>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "canonical.hpp"
#include "yaml_tree.hpp"

namespace stackctl::model {

using detail::json;

namespace {

// --- YAML, as go-yaml v3 writes it (indent 2, block style, literal blocks for multi-line text) ---

bool is_old_bool(const std::string& s) {
  static const std::set<std::string> words = {"y", "Y", "yes", "Yes", "YES", "on",  "On",  "ON",
                                              "n", "N", "no",  "No",  "NO",  "off", "Off", "OFF"};
  return words.count(s) > 0;
}

// A string that would read back as another type (number, bool, null): go-yaml double-quotes it.
bool confusable(const std::string& s) {
  if (s.empty()) return true;
  detail::tree t;
  t.k = detail::tree::kind::scalar;
  t.text = s;
  if (detail::resolve_scalar(t) != detail::scalar_type::string) return true;
  if (is_old_bool(s)) return true;
  static const std::regex base60(R"([-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?)");
  return std::isdigit(static_cast<unsigned char>(s[0])) && s.find(':') != std::string::npos &&
         std::regex_match(s, base60);
}

bool has_control(const std::string& s) {
  for (unsigned char ch : s)
    if (ch < 0x20 || ch == 0x7f) return true;
  return false;
}

// A string that cannot be written plain (indicators, ": ", " #", edge spaces).
bool needs_quotes(const std::string& s) {
  if (confusable(s)) return true;
  const char c = s.front();
  if (std::string_view("!&*'\"%@`|>#,[]{}").find(c) != std::string_view::npos) return true;
  if ((c == '-' || c == '?' || c == ':') && (s.size() == 1 || s[1] == ' ')) return true;
  if (s.front() == ' ' || s.back() == ' ' || s.back() == ':') return true;
  if (s.find(": ") != std::string::npos || s.find(" #") != std::string::npos) return true;
  if (s == "-" || s.rfind("---", 0) == 0 || s.rfind("...", 0) == 0) return true;
  return has_control(s);
}

std::string double_quoted(const std::string& s);

std::string single_quoted(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

std::string quoted(const std::string& s) {
  if (confusable(s) || has_control(s)) return double_quoted(s);
  return single_quoted(s);
}

std::string double_quoted(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (c < 0x20) out += fmt::format("\\x{:02X}", c);
        else out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

std::string number_text(const json& v) {
  if (v.is_number_float()) {
    const double d = v.get<double>();
    std::string s = fmt::format("{}", d);
    return s;
  }
  return v.dump();
}

void emit_scalar_string(std::string& out, const std::string& s, int indent) {
  const bool multiline = s.find('\n') != std::string::npos;
  if (multiline) {
    // Literal block; trailing spaces on a line or leading space would force quoting in go-yaml.
    bool literal_ok = true;
    for (unsigned char c : s)
      if ((c < 0x20 && c != '\n') || c == 0x7f) literal_ok = false;
    if (!s.empty() && (s[0] == ' ')) literal_ok = false;
    if (s.find(" \n") != std::string::npos) literal_ok = false;
    if (literal_ok) {
      size_t trailing = 0;
      for (auto it = s.rbegin(); it != s.rend() && *it == '\n'; ++it) ++trailing;
      out += trailing == 0 ? "|-" : trailing == 1 ? "|" : "|+";
      std::string pad(static_cast<size_t>(indent), ' ');
      size_t start = 0;
      std::string body = trailing > 0 ? s.substr(0, s.size() - trailing) : s;
      out += "\n";
      while (true) {
        auto nl = body.find('\n', start);
        std::string line = body.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
        if (!line.empty()) out += pad + line;
        out += "\n";
        if (nl == std::string::npos) break;
        start = nl + 1;
      }
      for (size_t i = 1; i < trailing; ++i) out += "\n";
      out.pop_back();  // the caller adds the line break
      return;
    }
    out += double_quoted(s);
    return;
  }
  out += needs_quotes(s) ? quoted(s) : s;
}

void emit_value(std::string& out, const json& v, int indent);

void emit_inline(std::string& out, const json& v, int indent) {
  if (v.is_null()) out += "null";
  else if (v.is_boolean()) out += v.get<bool>() ? "true" : "false";
  else if (v.is_number()) out += number_text(v);
  else if (v.is_string()) emit_scalar_string(out, v.get<std::string>(), indent);
  else if (v.is_object()) out += "{}";
  else if (v.is_array()) out += "[]";
}

size_t visible_size(const json& obj) {
  size_t n = 0;
  for (auto& [k, v] : obj.items())
    if (!detail::is_json_only(v)) ++n;
  return n;
}

void emit_map(std::string& out, const json& obj, int indent, bool first_inline) {
  bool first = true;
  for (auto& [k, v] : obj.items()) {
    if (detail::is_json_only(v)) continue;
    if (!(first && first_inline)) out += std::string(static_cast<size_t>(indent), ' ');
    first = false;
    out += needs_quotes(k) ? quoted(k) : k;
    out += ":";
    if ((v.is_object() && visible_size(v) > 0) || (v.is_array() && !v.empty())) {
      out += "\n";
      emit_value(out, v, indent + 2);
    } else {
      out += " ";
      if (v.is_object()) out += "{}";
      else emit_inline(out, v, indent + 2);
      out += "\n";
    }
  }
}

void emit_value(std::string& out, const json& v, int indent) {
  if (v.is_object()) {
    emit_map(out, v, indent, false);
  } else if (v.is_array()) {
    for (const auto& item : v) {
      out += std::string(static_cast<size_t>(indent), ' ') + "- ";
      if (item.is_object() && visible_size(item) > 0) {
        emit_map(out, item, indent + 2, true);
      } else if (item.is_array() && !item.empty()) {
        out += "\n";  // go-yaml writes nested sequences on the next line
        emit_value(out, item, indent + 2);
      } else {
        emit_inline(out, item, indent + 2);
        out += "\n";
      }
    }
  }
}

// --- JSON, as Go's json.MarshalIndent writes it ---

json for_json(const json& v, int depth, bool struct_level) {
  if (detail::is_json_only(v)) {
    return v.get_binary().subtype() == 2 ? json::object() : json(nullptr);
  }
  if (v.is_object()) {
    json out = json::object();
    for (auto& [k, child] : v.items()) {
      if (struct_level && depth > 0 && k.rfind("x-", 0) == 0) continue;  // nested extensions are dropped
      out[k] = for_json(child, depth + 1, false);
    }
    return out;
  }
  if (v.is_array()) {
    json out = json::array();
    for (auto& item : v) out.push_back(for_json(item, depth + 1, false));
    return out;
  }
  return v;
}

// compose-go's structs carry their x-* keys as `Extensions ... json:"-"`: JSON drops them at every
// level of a resource (YAML inlines them). Maps of user data (labels, environment, driver_opts, names
// of networks or dependencies, ...) are Go maps: an x- key there is data and stays.
bool is_data_map(const std::string& key) {
  static const std::set<std::string> keys = {"labels",        "environment", "annotations", "args",
                                             "driver_opts",   "options",     "sysctls",     "additional_contexts",
                                             "aux_addresses", "storage_opt", "ulimits",     "networks",
                                             "depends_on",    "models"};
  return keys.count(key) > 0;
}

json without_extensions(const json& v, bool data) {
  if (v.is_object()) {
    json out = json::object();
    for (auto& [k, child] : v.items()) {
      if (!data && k.rfind("x-", 0) == 0) continue;
      out[k] = without_extensions(child, !data && is_data_map(k));
    }
    return out;
  }
  if (v.is_array()) {
    json out = json::array();
    for (auto& item : v) out.push_back(without_extensions(item, false));
    return out;
  }
  return v;
}

std::string go_escape(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '<') out += "\\u003c";
    else if (c == '>') out += "\\u003e";
    else if (c == '&') out += "\\u0026";
    else if (c == '\xe2' && i + 2 < s.size() && s[i + 1] == '\x80' && (s[i + 2] == '\xa8' || s[i + 2] == '\xa9')) {
      out += s[i + 2] == '\xa8' ? "\\u2028" : "\\u2029";
      i += 2;
    } else out += c;
  }
  return out;
}

std::string escape_dollars(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (c == '$') out += "$$";
    else out += c;
  }
  return out;
}

const json& doc_of(const project& p) {
  static const json empty = json::object();
  return p.canonical ? *p.canonical : empty;
}

// --- SHA-256 for the config hash ---
std::string sha256_hex(const std::string& data) {
  static const std::array<std::uint32_t, 64> k = {
      0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
      0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
      0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
      0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
      0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
      0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
      0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
      0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};
  std::array<std::uint32_t, 8> h = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                    0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
  std::string msg = data;
  const std::uint64_t bit_len = static_cast<std::uint64_t>(data.size()) * 8;
  msg += static_cast<char>(0x80);
  while (msg.size() % 64 != 56) msg += '\0';
  for (int i = 7; i >= 0; --i) msg += static_cast<char>((bit_len >> (i * 8)) & 0xff);
  auto rotr = [](std::uint32_t x, int n) { return (x >> n) | (x << (32 - n)); };
  for (size_t chunk = 0; chunk < msg.size(); chunk += 64) {
    std::array<std::uint32_t, 64> w{};
    for (int i = 0; i < 16; ++i)
      w[static_cast<size_t>(i)] =
          (static_cast<std::uint32_t>(static_cast<unsigned char>(msg[chunk + static_cast<size_t>(i) * 4])) << 24) |
          (static_cast<std::uint32_t>(static_cast<unsigned char>(msg[chunk + static_cast<size_t>(i) * 4 + 1])) << 16) |
          (static_cast<std::uint32_t>(static_cast<unsigned char>(msg[chunk + static_cast<size_t>(i) * 4 + 2])) << 8) |
          static_cast<std::uint32_t>(static_cast<unsigned char>(msg[chunk + static_cast<size_t>(i) * 4 + 3]));
    for (size_t i = 16; i < 64; ++i) {
      const std::uint32_t s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
      const std::uint32_t s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
      w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    auto [a, b, c, d, e, f, g, hh] = h;
    for (size_t i = 0; i < 64; ++i) {
      const std::uint32_t S1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25);
      const std::uint32_t ch = (e & f) ^ (~e & g);
      const std::uint32_t t1 = hh + S1 + ch + k[i] + w[i];
      const std::uint32_t S0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22);
      const std::uint32_t maj = (a & b) ^ (a & c) ^ (b & c);
      const std::uint32_t t2 = S0 + maj;
      hh = g;
      g = f;
      f = e;
      e = d + t1;
      d = c;
      c = b;
      b = a;
      a = t1 + t2;
    }
    h[0] += a;
    h[1] += b;
    h[2] += c;
    h[3] += d;
    h[4] += e;
    h[5] += f;
    h[6] += g;
    h[7] += hh;
  }
  std::string out;
  for (auto v : h) out += fmt::format("{:08x}", v);
  return out;
}

}  // namespace

std::string render_yaml(const project& p) {
  std::string out;
  emit_map(out, doc_of(p), 0, false);
  return p.interpolated ? escape_dollars(out) : out;
}

std::string render_json(const project& p) {
  const json& doc = doc_of(p);
  json converted = json::object();
  std::map<std::string, const json*> top;  // the project is a Go map at top level: sorted keys
  for (auto& [k, v] : doc.items()) top[k] = &v;
  for (auto& [k, v] : top) {
    const bool resources = k == "services" || k == "networks" || k == "volumes" || k == "secrets" || k == "configs";
    if (resources && v->is_object()) {
      json section = json::object();
      for (auto& [name, item] : v->items()) section[name] = without_extensions(for_json(item, 1, true), false);
      converted[k] = section;
    } else {
      converted[k] = for_json(*v, 0, false);
    }
  }
  std::string out = go_escape(converted.dump(2));
  return p.interpolated ? escape_dollars(out) : out;
}

std::vector<std::string> service_names(const project& p) {
  std::vector<std::string> out;
  for (auto& [k, _] : p.services) out.push_back(k);
  return out;
}

std::vector<std::string> volume_names(const project& p) {
  std::vector<std::string> out;
  for (auto& [k, _] : p.volumes) out.push_back(k);
  return out;
}

std::vector<std::string> network_names(const project& p) {
  std::vector<std::string> out;
  for (auto& [k, _] : p.networks) out.push_back(k);
  return out;
}

std::vector<std::string> image_names(const project& p) {
  std::vector<std::string> out;
  for (auto& [k, s] : p.services) out.push_back(s.image.empty() ? p.name + "-" + k : s.image);
  return out;
}

std::vector<std::string> profile_names(const project& p) { return p.all_profiles; }

std::string config_hash(const project& p, const std::string& service) { return fingerprint_service(p, service).hash; }

service_fingerprint fingerprint_service(const project& p, const std::string& service) {
  const json& doc = doc_of(p);
  if (!doc.contains("services") || !doc["services"].contains(service))
    throw std::out_of_range("no such service: " + service);
  // What compose's ServiceHash blanks out is not part of a container's identity: changing replicas,
  // how the image is obtained, the profiles or the dependencies (e.g. enabling a profile whose
  // services a `required: false` depends_on names) must not recreate the container.
  json svc = for_json(doc["services"][service], 1, true);
  for (const char* key : {"build", "pull_policy", "scale", "depends_on", "profiles"}) svc.erase(key);
  if (svc.contains("deploy")) svc["deploy"].erase("replicas");
  service_fingerprint out{sha256_hex(svc.dump()), {}};
  for (const auto& [key, value] : svc.items()) out.fields[key] = sha256_hex(value.dump()).substr(0, 12);
  return out;
}

std::string network_config_hash(const project& p, const std::string& key) {
  const json& doc = doc_of(p);
  if (!doc.contains("networks") || !doc["networks"].contains(key)) throw std::out_of_range("no such network: " + key);
  return sha256_hex(for_json(doc["networks"][key], 1, true).dump());
}

std::string volume_config_hash(const project& p, const std::string& key) {
  const json& doc = doc_of(p);
  if (!doc.contains("volumes") || !doc["volumes"].contains(key)) throw std::out_of_range("no such volume: " + key);
  json v = for_json(doc["volumes"][key], 1, true);
  if (v.is_null()) v = json::object();
  if (!v.contains("driver") || (v["driver"].is_string() && v["driver"].get_ref<const std::string&>().empty()))
    v["driver"] = "local";
  return sha256_hex(v.dump());
}

}  // namespace stackctl::model
