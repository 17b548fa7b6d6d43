#pragma once
// Internal: the short syntax of a service's `ports:` entry ("[ip:][published:]target[/proto]", with
// ranges), checked as docker/go-connections' nat.ParsePortSpec checks it — so a port the engine
// would refuse (99999, 8000-70000, an IP of "80:80") is refused at load, where the entry is.
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace stackctl::model::detail {

struct port_mapping {
  std::string host_ip;  // without brackets
  long target = 0;
  std::string published;  // a port, a range ("8000-8010" for one container port), or empty
  std::string protocol;   // tcp | udp | sctp
};

// Thrown by parse_port_spec; what() is go-connections' reason, e.g. "invalid hostPort: 99999".
class port_spec_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// One mapping per container port, in container-port order. Throws port_spec_error.
std::vector<port_mapping> parse_port_spec(std::string_view spec);

// "80" or "8000-8010": decimal ports 0..65535, the end not below the start.
bool parse_port_range(std::string_view text, long& low, long& high);

// An IPv4 or IPv6 address (Go's net.ParseIP).
bool is_ip_address(const std::string& text);

}  // namespace stackctl::model::detail
