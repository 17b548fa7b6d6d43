#include "port_spec.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <cctype>

#include "stackctl/model/text.hpp"

namespace stackctl::model::detail {

namespace {

bool parse_port(std::string_view text, long& port) {
  if (text.empty() || text.size() > 16) return false;  // leading zeros are fine, as for Go's ParseInt
  long value = 0;
  for (char c : text) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    value = value * 10 + (c - '0');
  }
  if (value > 65535) return false;
  port = value;
  return true;
}

}  // namespace

bool parse_port_range(std::string_view text, long& low, long& high) {
  const auto dash = text.find('-');
  if (dash == std::string_view::npos) {
    if (!parse_port(text, low)) return false;
    high = low;
    return true;
  }
  return parse_port(text.substr(0, dash), low) && parse_port(text.substr(dash + 1), high) && low <= high;
}

bool is_ip_address(const std::string& text) {
  unsigned char buffer[16];
  return ::inet_pton(AF_INET, text.c_str(), buffer) == 1 || ::inet_pton(AF_INET6, text.c_str(), buffer) == 1;
}

std::vector<port_mapping> parse_port_spec(std::string_view spec) {
  std::string protocol = "tcp";
  if (const auto slash = spec.rfind('/'); slash != std::string_view::npos) {
    protocol = text::lower(spec.substr(slash + 1));
    spec = spec.substr(0, slash);
  }
  std::string ip, published, target;
  // The container port is after the last ':'; an IPv6 host ip sits in brackets.
  const auto last = spec.rfind(':');
  if (last == std::string_view::npos) {
    target = std::string(spec);
  } else {
    target = std::string(spec.substr(last + 1));
    const std::string rest(spec.substr(0, last));
    if (!rest.empty() && rest.back() == ']') {
      ip = rest;
    } else if (const auto mid = rest.rfind(':'); mid != std::string::npos) {
      ip = rest.substr(0, mid);
      published = rest.substr(mid + 1);
    } else {
      published = rest;
    }
    if (ip.size() >= 2 && ip.front() == '[' && ip.back() == ']') ip = ip.substr(1, ip.size() - 2);
  }
  if (protocol != "tcp" && protocol != "udp" && protocol != "sctp")
    throw port_spec_error("invalid protocol " + protocol);
  if (!ip.empty() && !is_ip_address(ip)) throw port_spec_error("invalid IP address: " + ip);
  long tlo = 0, thi = 0, plo = 0, phi = 0;
  if (!parse_port_range(target, tlo, thi)) throw port_spec_error("invalid containerPort: " + target);
  if (!published.empty() && !parse_port_range(published, plo, phi))
    throw port_spec_error("invalid hostPort: " + published);
  const long count = thi - tlo + 1;
  if (!published.empty() && phi - plo + 1 != count && count != 1)
    throw port_spec_error("invalid ranges specified for container and host Ports: " + target + " and " + published);
  std::vector<port_mapping> out;
  for (long port = tlo; port <= thi; ++port) {
    port_mapping m{ip, port, {}, protocol};
    if (!published.empty()) m.published = count == 1 ? published : std::to_string(plo + (port - tlo));
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace stackctl::model::detail
