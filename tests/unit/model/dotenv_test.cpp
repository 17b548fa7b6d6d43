// .env parsing beyond the conformance vectors: locations, entries, files on disk, and the
// escape and key rules worked out from compose-go's dotenv/parser.go.
#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include <unistd.h>

#include <gtest/gtest.h>

#include "stackctl/model/dotenv.hpp"
#include "stackctl/model/model_error.hpp"

namespace {

namespace fs = std::filesystem;
using stackctl::model::env_map;
using stackctl::model::lookup_in;
using stackctl::model::model_error;
using stackctl::model::parse_dotenv;
using stackctl::model::parse_dotenv_map;
using stackctl::model::read_env_files;

model_error parse_error(const std::string& text, const std::string& file = {}) {
  try {
    parse_dotenv(text, {}, file);
  } catch (const model_error& e) {
    return e;
  }
  ADD_FAILURE() << "no error for " << text;
  return model_error("");
}

TEST(dotenv, entries_keep_file_order_duplicates_and_real_lines) {
  const auto entries = parse_dotenv("# c\nA=1\n\nB='x\ny'\nA=2\n  C = 3 # c\n", {}, "f.env");
  ASSERT_EQ(entries.size(), 4u);
  EXPECT_EQ(entries[0].key, "A");
  EXPECT_EQ(entries[0].line, 2);
  EXPECT_EQ(entries[1].key, "B");
  EXPECT_EQ(entries[1].value, "x\ny");
  EXPECT_EQ(entries[1].line, 4);
  EXPECT_EQ(entries[2].key, "A");
  EXPECT_EQ(entries[2].value, "2");
  EXPECT_EQ(entries[2].line, 6);
  EXPECT_EQ(entries[3].key, "C");
  EXPECT_EQ(entries[3].line, 7);
  EXPECT_EQ(parse_dotenv_map("A=1\nA=2", {}), (env_map{{"A", "2"}}));
}

TEST(dotenv, an_error_names_file_and_line_and_keeps_compose_text) {
  const auto e = parse_error("A=1\n\nBAD KEY=2\n", "/p/.env");
  EXPECT_EQ(e.message(), "line 3: key cannot contain a space");
  EXPECT_EQ(e.where().file, "/p/.env");
  EXPECT_EQ(e.where().line, 3);
  EXPECT_STREQ(e.what(), "/p/.env:3: key cannot contain a space");  // located once, not twice
}

TEST(dotenv, unterminated_quote_is_located_where_it_opens) {
  // compose counts every line break it scanned looking for the quote: "line 4".
  const auto e = parse_error("A=1\nB=\"abc\nC=2\nD=3");
  EXPECT_EQ(e.message(), "line 4: unterminated quoted value \"abc");
  EXPECT_EQ(e.where().line, 2);
}

TEST(dotenv, interpolation_errors_are_located_too) {
  const auto e = parse_error("A=1\nB=${NOPE:?needed}\n", "x.env");
  EXPECT_EQ(e.message(), "required variable NOPE is missing a value: needed");
  EXPECT_EQ(e.where().line, 2);
  EXPECT_EQ(parse_error("A=${\n").message(), "Invalid template: \"${\"");
}

TEST(dotenv, unexpected_characters_are_quoted_like_go) {
  EXPECT_EQ(parse_error("A\xe2\x82\xac=1").message(),
            "line 1: unexpected character \"\xe2\x82\xac\" in variable name \"A\xe2\x82\xac=1\"");
  EXPECT_EQ(parse_error("A\xff=1\nB=2").message(),
            "line 1: unexpected character \"\xef\xbf\xbd\" in variable name \"A\\xff=1\"");
  EXPECT_EQ(parse_error("X=1\nexport A\"B=1").message(),
            "line 2: unexpected character \"\\\"\" in variable name \"A\\\"B=1\"");
}

TEST(dotenv, unicode_letters_and_numbers_are_key_characters) {
  EXPECT_EQ(parse_dotenv_map("\xc3\x9c\xc2\xb2=1", {}), (env_map{{"\xc3\x9c\xc2\xb2", "1"}}));
}

TEST(dotenv, export_needs_following_blank_space) {
  EXPECT_EQ(parse_dotenv_map("export\tA=1\nexportB=2", {}), (env_map{{"A", "1"}, {"exportB", "2"}}));
}

TEST(dotenv, octal_escapes_decode_to_a_code_point) {
  // Go turns the decoded rune back into UTF-8, so \0351 is "é" (two bytes), not byte 0xE9.
  EXPECT_EQ(parse_dotenv_map("A=\"\\0351\"", {}).at("A"), "\xc3\xa9");
  EXPECT_EQ(parse_dotenv_map("A=\"\\0777|\\01|\\0|\\089\"", {}).at("A"), "\\0777|\\01|\\0|\\089");
  EXPECT_EQ(parse_dotenv_map("A=\"\\01234\"", {}).at("A"), "S4");
}

TEST(dotenv, unknown_escapes_stay_as_written) {
  EXPECT_EQ(parse_dotenv_map("A=\"\\c\\q\\'\\x41\"", {}).at("A"), "\\c\\q\\'\\x41");
}

TEST(dotenv, escaped_dollar_in_double_quotes_is_literal) {
  EXPECT_EQ(parse_dotenv_map("B=x\nA=\"\\$B $B \\${B}\"", {}).at("A"), "$B x ${B}");
}

TEST(dotenv, bare_key_takes_lookup_value_or_nothing) {
  const std::map<std::string, std::string> env{{"FROM_ENV", "e"}};
  EXPECT_EQ(parse_dotenv_map("FROM_ENV\nOTHER\nA=1\n", lookup_in(env)), (env_map{{"A", "1"}, {"FROM_ENV", "e"}}));
}

TEST(dotenv, expansion_reports_unset_variables) {
  std::vector<std::string> unset;
  parse_dotenv("A=$X\nB=\"${Y}\"\nC='$Z'\nD=${W:-d}\n", {}, {}, &unset);
  EXPECT_EQ(unset, (std::vector<std::string>{"X", "Y"}));
}

TEST(dotenv, a_leading_bom_is_ignored) {
  EXPECT_EQ(parse_dotenv_map("\xef\xbb\xbf"
                             "A=1",
                             {}),
            (env_map{{"A", "1"}}));
}

// Files on disk, removed when the test ends.
class dotenv_files : public testing::Test {
 protected:
  void SetUp() override {
    static std::atomic<int> counter{0};
    dir_ = fs::path(testing::TempDir()) /
           ("stackctl-dotenv-unit-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    fs::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  fs::path write(const std::string& name, const std::string& content) {
    const auto path = dir_ / name;
    std::ofstream(path, std::ios::binary) << content;
    return path;
  }
  fs::path dir_;
};

TEST_F(dotenv_files, later_files_override_and_see_earlier_values) {
  const auto a = write("a.env", "HOST=a\nURL=http://${HOST}\nONLY_A=1\n");
  const auto b = write("b.env", "HOST=b\nURL=http://${HOST}\nFROM_A=${ONLY_A}\n");
  EXPECT_EQ(read_env_files({a, b}, {}),
            (env_map{{"FROM_A", "1"}, {"HOST", "b"}, {"ONLY_A", "1"}, {"URL", "http://b"}}));
}

TEST_F(dotenv_files, the_lookup_wins_during_expansion_but_not_in_the_result) {
  const auto a = write("a.env", "HOST=file\nURL=http://${HOST}\n");
  const std::map<std::string, std::string> env{{"HOST", "shell"}};
  EXPECT_EQ(read_env_files({a}, lookup_in(env)), (env_map{{"HOST", "file"}, {"URL", "http://shell"}}));
}

TEST_F(dotenv_files, a_parse_error_names_the_absolute_file) {
  write("bad.env", "OK=1\nnot valid\n");
  const auto cwd = fs::current_path();
  fs::current_path(dir_);
  try {
    read_env_files({"./bad.env"}, {});
    ADD_FAILURE() << "no error";
  } catch (const model_error& e) {
    EXPECT_EQ(e.where().file, (dir_ / "bad.env").string());
    EXPECT_EQ(e.where().line, 2);
    EXPECT_EQ(e.message(), "line 2: key cannot contain a space");
  }
  fs::current_path(cwd);
}

TEST_F(dotenv_files, missing_file_and_directory_are_errors) {
  try {
    read_env_files({dir_ / "nope.env"}, {});
    ADD_FAILURE() << "no error";
  } catch (const model_error& e) {
    EXPECT_EQ(e.message(), "couldn't find env file: " + (dir_ / "nope.env").string());
  }
  try {
    read_env_files({dir_}, {});
    ADD_FAILURE() << "no error";
  } catch (const model_error& e) {
    EXPECT_EQ(e.message(), dir_.string() + " is a directory");
  }
}

}  // namespace
