// Short volume syntax beyond the conformance vectors, worked out from compose-go's
// format/volume.go, plus the two name rules.
#include <string>

#include <gtest/gtest.h>

#include "stackctl/model/volume_spec.hpp"

namespace {

using stackctl::model::is_host_path;
using stackctl::model::is_valid_volume_name;
using stackctl::model::parse_volume_spec;
using stackctl::model::volume_spec;
using stackctl::model::volume_spec_error;

TEST(volume_spec, host_path_rule) {
  for (const char* path : {".", "./a", "..", ".hidden", "/", "/abs", "~", "~/x", "~user", "\\\\srv\\share",
                           "C:", "c:relative", "Z:\\", "\xc3\xa9:x", "\xe7\x95\x8c:x"}) {
    EXPECT_TRUE(is_host_path(path)) << path;
  }
  for (const char* name :
       {"", "data", "relative/path", "1:x", "c", "$HOME/x", "${PWD}", "_:x", "\\single", "\xc3\xa9"}) {
    EXPECT_FALSE(is_host_path(name)) << name;
  }
}

TEST(volume_spec, docker_volume_name_rule) {
  for (const char* name : {"ab", "data", "my_vol.1-x", "0abc", "A9"}) EXPECT_TRUE(is_valid_volume_name(name)) << name;
  for (const char* name : {"", "a", "_data", ".x", "-x", "my vol", "a/b", "d\xc3\xa9j\xc3\xa0", "a:b"})
    EXPECT_FALSE(is_valid_volume_name(name)) << name;
}

TEST(volume_spec, nocopy_and_bind_options_are_kept_whatever_the_type) {
  // compose fills Volume{NoCopy} and Bind{...} from the options before deciding the type.
  const auto bind = parse_volume_spec("./a:/b:nocopy");
  EXPECT_EQ(bind.type, volume_spec::kind::bind);
  EXPECT_TRUE(bind.nocopy);
  const auto vol = parse_volume_spec("data:/x:z,rslave");
  EXPECT_EQ(vol.type, volume_spec::kind::volume);
  EXPECT_EQ(vol.selinux, "z");
  EXPECT_EQ(vol.propagation, "rslave");
  EXPECT_FALSE(vol.create_host_path);
}

TEST(volume_spec, later_options_win) {
  EXPECT_FALSE(parse_volume_spec("/a:/b:ro,rw").read_only);
  EXPECT_TRUE(parse_volume_spec("/a:/b:rw,ro").read_only);
  EXPECT_EQ(parse_volume_spec("/a:/b:shared,private").propagation, "private");
  EXPECT_EQ(parse_volume_spec("/a:/b:,ro,,").read_only, true);  // empty options are ignored
}

TEST(volume_spec, colon_inside_nested_substitution_does_not_split) {
  const auto v = parse_volume_spec("${A:-${B:-/x:y}}:/t:ro");
  EXPECT_EQ(v.source, "${A:-${B:-/x:y}}");
  EXPECT_EQ(v.target, "/t");
  EXPECT_TRUE(v.read_only);
}

TEST(volume_spec, an_unclosed_substitution_swallows_the_rest) {
  // The end-of-spec marker lands inside `${`, so the last field is never stored.
  const auto v = parse_volume_spec("/a:/b${x");
  EXPECT_EQ(v.type, volume_spec::kind::bind);
  EXPECT_EQ(v.source, "/a");
  EXPECT_EQ(v.target, "");
}

TEST(volume_spec, errors_carry_compose_text) {
  try {
    parse_volume_spec("/a:/b:ro:x");
    ADD_FAILURE() << "no error";
  } catch (const volume_spec_error& e) {
    EXPECT_STREQ(e.what(), "invalid spec: /a:/b:ro:x: too many colons");
  }
  EXPECT_THROW(parse_volume_spec("::x"), volume_spec_error);
  // A single letter before ':' is a drive, never a separator: no "too many colons" here.
  const auto drives = parse_volume_spec("a:b:c:d");
  EXPECT_EQ(drives.source, "a:b");
  EXPECT_EQ(drives.target, "c:d");
}

TEST(volume_spec, short_specs_are_anonymous_targets) {
  const auto v = parse_volume_spec("/x");
  EXPECT_EQ(v.type, volume_spec::kind::volume);
  EXPECT_FALSE(v.source.has_value());
  EXPECT_EQ(v.target, "/x");
}

}  // namespace
