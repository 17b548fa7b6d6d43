// extra_hosts as compose-go types/hostList.go reads and renders them (issue #18). The cases are
// compose-go's TestHostsListEqual / TestHostsListComa (testHostsList) and the mapping form of
// HostsList.DecodeMapstructure; the rendering is HostsList.MarshalJSON's sorted "host=ip" list.
#include <nlohmann/json.hpp>

#include "project_test_support.hpp"

using namespace stackctl::model;
using nlohmann::json;
using stackctl::model::testing::load_error;
using stackctl::model::testing::temp_project;

namespace {

json hosts_of(const std::string& extra_hosts_yaml) {
  temp_project t;
  auto doc = json::parse(
      render_json(t.load_file("services:\n  web:\n    image: nginx\n    extra_hosts:\n" + extra_hosts_yaml)));
  return doc["services"]["web"]["extra_hosts"];
}

std::string hosts_error(const std::string& extra_hosts_yaml) {
  temp_project t;
  t.write("compose.yaml", "services:\n  web:\n    image: nginx\n    extra_hosts:\n" + extra_hosts_yaml);
  return load_error(t.options());
}

}  // namespace

TEST(ExtraHosts, EitherSeparatorAndBracketsAreRemoved) {
  for (const char* sep : {"=", ":"}) {
    const std::string s = sep;
    EXPECT_EQ(hosts_of("      - 'myhost" + s + "[192.168.0.1]'\n"), json({"myhost=192.168.0.1"})) << sep;
    EXPECT_EQ(hosts_of("      - 'anipv6host" + s + "[2003:ab34:e::1]'\n"), json({"anipv6host=2003:ab34:e::1"}));
    EXPECT_EQ(hosts_of("      - 'ipv6local" + s + "::1'\n"), json({"ipv6local=::1"}));
    EXPECT_EQ(hosts_of("      - 'ipv6local" + s + "[::1]'\n"), json({"ipv6local=::1"}));
    EXPECT_EQ(hosts_of("      - 'myhost" + s + "192.168.0.1'\n      - 'anipv6host" + s +
                       "[2003:ab34:e::1]'\n      - 'host.docker.internal" + s + "host-gateway'\n"),
              json({"anipv6host=2003:ab34:e::1", "host.docker.internal=host-gateway", "myhost=192.168.0.1"}));
  }
}

TEST(ExtraHosts, BothAddressesOfOneHostAreKeptAndACommaListIsSplit) {
  EXPECT_EQ(hosts_of("      - 'foo:127.0.0.2'\n      - 'foo:ff02::1'\n"), json({"foo=127.0.0.2", "foo=ff02::1"}));
  EXPECT_EQ(hosts_of("      - 'foo=127.0.0.2,127.0.0.3'\n"), json({"foo=127.0.0.2", "foo=127.0.0.3"}));
}

TEST(ExtraHosts, AMappingValueMayBeAList) {
  EXPECT_EQ(hosts_of("      foo: ['127.0.0.2', '[::1]']\n      bar: 10.0.0.1\n"),
            json({"bar=10.0.0.1", "foo=127.0.0.2", "foo=::1"}));
}

TEST(ExtraHosts, ABadHostNameOrAMissingAddressIsRefused) {
  EXPECT_NE(hosts_error("      - '::::1'\n").find("bad host name ''"), std::string::npos)
      << hosts_error("      - '::::1'\n");
  EXPECT_NE(hosts_error("      - '=::1'\n").find("bad host name ''"), std::string::npos);
  EXPECT_NE(hosts_error("      - 'nohost'\n").find("invalid additional host, missing IP: nohost"), std::string::npos);
}
