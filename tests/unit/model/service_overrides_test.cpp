// `run -p`, `run -v` and `run --entrypoint`: command-line entries parsed as the compose file's
// short syntax would be, with the errors a user sees.
#include <gtest/gtest.h>

#include "stackctl/model/model_error.hpp"
#include "stackctl/model/service_overrides.hpp"

namespace stackctl::model {
namespace {

TEST(ServiceOverrides, ACommandLineSplitsAsAShellWould) {
  EXPECT_EQ(parse_command_line("sh -c 'echo a  b' \"x y\" z\\ w"),
            (std::vector<std::string>{"sh", "-c", "echo a  b", "x y", "z w"}));
  EXPECT_EQ(parse_command_line("  "), std::vector<std::string>{});
  EXPECT_EQ(parse_command_line("''"), std::vector<std::string>{""});
  try {
    parse_command_line("sh -c 'unclosed");
    FAIL() << "an unclosed quote was accepted";
  } catch (const model_error& e) {
    EXPECT_STREQ(e.what(), "invalid command line string: sh -c 'unclosed");
  }
}

TEST(ServiceOverrides, PortsAreTheShortSyntaxWithRanges) {
  const auto one = parse_port_entry("127.0.0.1:8080:80/udp");
  ASSERT_EQ(one.size(), 1u);
  EXPECT_EQ(one[0].host_ip, "127.0.0.1");
  EXPECT_EQ(one[0].published, "8080");
  EXPECT_EQ(one[0].target, 80u);
  EXPECT_EQ(one[0].protocol, "udp");
  const auto range = parse_port_entry("9000-9001:80-81");
  ASSERT_EQ(range.size(), 2u);
  EXPECT_EQ(range[1].published, "9001");
  EXPECT_EQ(range[1].target, 81u);
  EXPECT_EQ(parse_port_entry("80")[0].published, "");  // an ephemeral host port
  EXPECT_THROW(parse_port_entry("99999"), model_error);
}

TEST(ServiceOverrides, VolumesFollowThePathVersusBareNameRule) {
  const auto bind = parse_volume_entry("./data:/srv/data:ro", "/home/u/app");
  ASSERT_TRUE(std::holds_alternative<bind_mount>(bind));
  EXPECT_EQ(std::get<bind_mount>(bind).source, "/home/u/app/data");
  EXPECT_EQ(std::get<bind_mount>(bind).target, "/srv/data");
  EXPECT_TRUE(std::get<bind_mount>(bind).read_only);
  const auto vol = parse_volume_entry("cache:/var/cache/", "/home/u/app");
  ASSERT_TRUE(std::holds_alternative<volume_mount>(vol));
  EXPECT_EQ(std::get<volume_mount>(vol).source, "cache");
  EXPECT_EQ(std::get<volume_mount>(vol).target, "/var/cache");
  const auto anonymous = parse_volume_entry("/scratch", "/x");
  EXPECT_EQ(std::get<volume_mount>(anonymous).source, "");
  try {
    parse_volume_entry("data:relative", "/x");
    FAIL() << "a relative container path was accepted";
  } catch (const model_error& e) {
    EXPECT_STREQ(e.what(), "invalid volume \"data:relative\": the container path relative must be absolute");
  }
  EXPECT_THROW(parse_volume_entry("/a:/b:/c:/d", "/x"), model_error);
}

}  // namespace
}  // namespace stackctl::model
