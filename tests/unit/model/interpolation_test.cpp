// Interpolation behaviour the conformance vectors do not pin down (multi-line values, error
// details, warnings), each worked out from compose-go's template.go.
#include <map>
#include <string>

#include <gtest/gtest.h>

#include "stackctl/model/interpolation.hpp"

namespace {

using stackctl::model::interpolate;
using stackctl::model::interpolation_error;
using stackctl::model::lookup_in;

const std::map<std::string, std::string> env{{"FOO", "foo"}, {"EMPTY", ""}, {"DOLLAR", "$FOO ${BAR}"}};

std::string subst(const std::string& text) { return interpolate(text, lookup_in(env)).value; }

interpolation_error error_of(const std::string& text) {
  try {
    interpolate(text, lookup_in(env));
  } catch (const interpolation_error& e) {
    return e;
  }
  ADD_FAILURE() << "no error for " << text;
  return interpolation_error(interpolation_error::error_kind::invalid_template, "");
}

TEST(interpolation, a_braced_expression_does_not_span_lines) {
  // Go's `.` stops at '\n', so the closing brace must be on the same line.
  const auto e = error_of("${FOO:-a\nb}");
  EXPECT_EQ(e.kind(), interpolation_error::error_kind::invalid_template);
  EXPECT_STREQ(e.what(), "Invalid template: \"${FOO:-a\\nb}\"");
}

TEST(interpolation, each_line_of_a_multi_line_value_is_substituted) {
  EXPECT_EQ(subst("a=${FOO}\nb=${NOPE:-x}}\n$$c"), "a=foo\nb=x}\n$c");
}

TEST(interpolation, an_invalid_nested_default_quotes_the_nested_template) {
  const auto e = error_of("${NOPE:-${ }}");
  EXPECT_EQ(e.template_text(), "${ }");
  EXPECT_STREQ(e.what(), "Invalid template: \"${ }\"");
}

TEST(interpolation, text_after_a_braced_expression_is_substituted_on_its_own) {
  // With an operator the match runs to the last '}' of the line; what follows the balanced
  // closing brace is substituted separately, so an error there quotes only that tail.
  EXPECT_EQ(subst("${NOPE:-x} and ${FOO} }"), "x and foo }");
  EXPECT_EQ(error_of("${FOO:-x} ${ }").template_text(), " ${ }");
  EXPECT_EQ(error_of("${FOO:-x} ${").template_text(), "${FOO:-x} ${");
}

TEST(interpolation, an_unused_invalid_default_is_never_parsed) { EXPECT_EQ(subst("${FOO:-${ }}"), "foo"); }

TEST(interpolation, missing_required_carries_variable_and_interpolated_reason) {
  const auto e = error_of("x ${EMPTY:?set EMPTY, FOO is $FOO}");
  EXPECT_EQ(e.kind(), interpolation_error::error_kind::missing_required);
  EXPECT_EQ(e.variable(), "EMPTY");
  EXPECT_EQ(e.reason(), "set EMPTY, FOO is foo");
  EXPECT_STREQ(e.what(), "required variable EMPTY is missing a value: set EMPTY, FOO is foo");
}

TEST(interpolation, the_first_error_wins) {
  const auto e = error_of("${A:?first} ${");
  EXPECT_EQ(e.kind(), interpolation_error::error_kind::missing_required);
  EXPECT_EQ(e.variable(), "A");
}

TEST(interpolation, invalid_template_quotes_control_characters_like_go) {
  EXPECT_STREQ(error_of("tab\there ${").what(), "Invalid template: \"tab\\there ${\"");
  EXPECT_STREQ(error_of("q\"${x y}").what(), "Invalid template: \"q\\\"${x y}\"");
  EXPECT_STREQ(error_of("\xff${").what(), "Invalid template: \"\\xff${\"");
  EXPECT_STREQ(error_of("\xc3\xa9${").what(), "Invalid template: \"\xc3\xa9${\"");
}

TEST(interpolation, unset_variables_are_reported_once_per_use_in_order) {
  const auto r = interpolate("$B ${A} ${B} ${EMPTY} ${C:-${D}} ${FOO:+${E}} ${Z:-ok}", lookup_in(env));
  EXPECT_EQ(r.value, "      ok");
  EXPECT_EQ(r.unset_variables, (std::vector<std::string>{"B", "A", "B", "D", "E"}));
}

TEST(interpolation, an_empty_lookup_function_means_nothing_is_set) {
  const auto r = interpolate("${FOO-unset} $FOO", {});
  EXPECT_EQ(r.value, "unset ");
  EXPECT_EQ(r.unset_variables, (std::vector<std::string>{"FOO"}));
}

TEST(interpolation, values_are_not_substituted_again) {
  EXPECT_EQ(subst("${DOLLAR}"), "$FOO ${BAR}");
  EXPECT_EQ(subst("${NOPE:-$DOLLAR}"), "$FOO ${BAR}");
}

TEST(interpolation, escaped_dollars_never_look_anything_up) {
  int calls = 0;
  const auto r = interpolate("$$FOO $${FOO} $$$$", [&](std::string_view) -> std::optional<std::string> {
    ++calls;
    return "x";
  });
  EXPECT_EQ(r.value, "$FOO ${FOO} $$");
  EXPECT_EQ(calls, 0);
}

TEST(interpolation, a_dollar_before_anything_but_a_name_or_brace_is_literal) {
  EXPECT_EQ(subst("$ $9 $- $\xc3\xa9 $/ $} $"), "$ $9 $- $\xc3\xa9 $/ $} $");
}

TEST(interpolation, names_stop_at_the_first_non_name_character) {
  EXPECT_EQ(subst("$FOO.$FOO/$FOO-$FOO_x"), "foo.foo/foo-");
}

TEST(interpolation, case_folding_lets_long_s_and_kelvin_sign_into_names) {
  // (?i)[a-z] in Go also matches U+017F and U+212A, which fold to 's' and 'k'.
  const std::map<std::string, std::string> folded{{"\xc5\xbf", "long-s"}, {"\xe2\x84\xaa", "kelvin"}};
  EXPECT_EQ(interpolate("$\xc5\xbf ${\xe2\x84\xaa}", lookup_in(folded)).value, "long-s kelvin");
}

TEST(interpolation, the_operator_is_the_first_one_after_the_name) {
  EXPECT_EQ(error_of("${NOPE?x:-y}").reason(), "x:-y");
  EXPECT_EQ(subst("${NOPE-x?y}"), "x?y");
  EXPECT_EQ(subst("${NOPE:-a-b:+c}"), "a-b:+c");
}

TEST(interpolation, alternate_value_applies_only_when_set) {
  EXPECT_EQ(subst("[${FOO+alt}|${EMPTY+alt}|${NOPE+alt}|${FOO:+alt}|${EMPTY:+alt}]"), "[alt|alt||alt|]");
}

}  // namespace
