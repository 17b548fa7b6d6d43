#include "stackctl/model/dotenv.hpp"

#include <algorithm>
#include <system_error>
#include <utility>

#include <fmt/format.h>

#include "go_text.hpp"
#include "input_guard.hpp"
#include "stackctl/model/model_error.hpp"

// Mirrors compose-go dotenv/parser.go (+ godotenv.go, env.go). compose-go keeps its own line
// counter with a few quirks (e.g. it is not advanced past a bare `KEY ` line); its messages
// ("line N: ...") use that counter, reproduced here as `go_line_`, while the located
// model_error and dotenv_entry::line carry the real line where the statement starts.

namespace stackctl::model {

namespace {

// dotenv's isSpace: blanks but not the line break.
bool is_blank(char32_t r) {
  switch (r) {
    case '\t':
    case '\v':
    case '\f':
    case '\r':
    case ' ':
    case 0x85:
    case 0xA0: return true;
    default: return false;
  }
}

std::string_view trim_left_blank(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto [r, width] = detail::decode_rune(s, i);
    if (!is_blank(r)) break;
    i += width;
  }
  return s.substr(i);
}

// Go regexp `^export\s+` (\s is [\t\n\f\r ]).
bool starts_with_export(std::string_view s) {
  if (s.substr(0, 6) != "export" || s.size() < 7) return false;
  const char c = s[6];
  return c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' ';
}

// The shell-style escapes compose decodes inside double quotes: regexp
// `\\(?:[abcfnrtv$"\\]|0\d{0,3})`, each match decoded like Go's strconv.UnquoteChar (with
// `\0NNN` read as the octal `\NNN`), or kept as written when that fails; `\$` becomes `$$`
// so that interpolation then yields a literal `$`.
std::string expand_escapes(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\' || i + 1 >= s.size()) {
      out += s[i];
      continue;
    }
    const char c = s[i + 1];
    if (c == '0') {
      std::size_t j = i + 2;
      while (j < s.size() && j < i + 5 && s[j] >= '0' && s[j] <= '9') ++j;
      const std::string_view digits = s.substr(i + 2, j - i - 2);
      const bool octal =
          digits.size() == 3 && std::all_of(digits.begin(), digits.end(), [](char d) { return d >= '0' && d <= '7'; });
      const unsigned value =
          octal ? static_cast<unsigned>((digits[0] - '0') * 64 + (digits[1] - '0') * 8 + (digits[2] - '0')) : 256;
      if (value <= 255) {
        detail::append_utf8(out, static_cast<char32_t>(value));
      } else {
        out.append(s.substr(i, j - i));
      }
      i = j - 1;
      continue;
    }
    switch (c) {
      case 'a': out += '\a'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'v': out += '\v'; break;
      case '"': out += '"'; break;
      case '\\': out += '\\'; break;
      case '$': out += "$$"; break;
      case 'c':                        // in the regexp's class, but not an escape UnquoteChar knows
      default: out += '\\'; continue;  // the next character is processed on its own
    }
    ++i;
  }
  return out;
}

struct located_key {
  std::string key;
  std::string_view rest;
  bool inherited = false;
};

class parser {
 public:
  parser(std::string_view text, env_map& out, const variable_lookup& lookup, std::string_view file,
         std::vector<std::string>* unset)
      : text_(text), out_(out), lookup_(lookup), file_(file), unset_(unset) {}

  std::vector<dotenv_entry> run() {
    std::vector<dotenv_entry> entries;
    std::string_view cutset = text_;
    while (true) {
      cutset = statement_start(cutset);
      if (cutset.empty()) break;
      statement_line_ = real_line(cutset);

      located_key k = locate_key(cutset);
      if (k.key.find(' ') != std::string::npos) fail(fmt::format("line {}: key cannot contain a space", go_line_));

      if (k.inherited) {
        if (auto value = inherited_value(k.key)) {
          out_.insert_or_assign(k.key, *value);
          entries.push_back({std::move(k.key), std::move(*value), statement_line_});
        }
        cutset = k.rest;
        continue;
      }

      auto [value, rest] = extract_value(k.rest);
      out_.insert_or_assign(k.key, value);
      entries.push_back({std::move(k.key), std::move(value), statement_line_});
      cutset = rest;
    }
    return entries;
  }

 private:
  [[noreturn]] void fail(std::string message) const {
    throw model_error(std::move(message), source_location{std::string(file_), statement_line_, 0});
  }

  int real_line(std::string_view at) {
    const auto offset = static_cast<std::size_t>(at.data() - text_.data());
    real_line_ += static_cast<int>(std::count(text_.begin() + static_cast<std::ptrdiff_t>(counted_),
                                              text_.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
    counted_ = offset;
    return real_line_;
  }

  std::optional<std::string> inherited_value(const std::string& key) const {
    if (lookup_) {
      if (auto value = lookup_(key)) return value;
    }
    if (auto it = out_.find(key); it != out_.end()) return it->second;
    return std::nullopt;
  }

  // Skips blank space and comment lines (compose counts the line breaks it passes).
  std::string_view statement_start(std::string_view src) {
    while (true) {
      std::size_t pos = std::string_view::npos;
      for (std::size_t i = 0; i < src.size();) {
        const auto [r, width] = detail::decode_rune(src, i);
        if (r == '\n') ++go_line_;
        if (!detail::go_is_space(r)) {
          pos = i;
          break;
        }
        i += width;
      }
      if (pos == std::string_view::npos) return {};
      src = src.substr(pos);
      if (src[0] != '#') return src;
      const auto newline = src.find('\n');
      if (newline == std::string_view::npos) return {};
      src = src.substr(newline);
    }
  }

  located_key locate_key(std::string_view src) {
    if (starts_with_export(src)) src = trim_left_blank(src.substr(6));

    located_key result;
    std::size_t offset = 0;
    for (std::size_t i = 0; i < src.size();) {
      const auto [r, width] = detail::decode_rune(src, i);
      if (is_blank(r)) {
        i += width;
        continue;
      }
      if (r == '=' || r == ':' || r == '\n') {
        result.key = std::string(src.substr(0, i));
        offset = i + 1;
        result.inherited = r == '\n';
        break;
      }
      const bool allowed = r == '_' || r == '.' || r == '-' || r == '[' || r == ']' || detail::go_is_letter(r) ||
                           detail::go_is_number(r);
      if (!allowed) {
        std::string character;
        detail::append_utf8(character, r);
        fail(fmt::format("line {}: unexpected character {} in variable name {}", go_line_, detail::go_quote(character),
                         detail::go_quote(src.substr(0, src.find('\n')))));
      }
      i += width;
    }
    if (src.empty()) fail("zero length string");

    if (result.inherited && result.key.find(' ') == std::string::npos) ++go_line_;
    result.key = std::string(detail::trim_right_go_space(result.key));
    result.rest = trim_left_blank(src.substr(offset));
    return result;
  }

  std::pair<std::string, std::string_view> extract_value(std::string_view src) {
    const char quote = src.empty() ? '\0' : src[0];
    if (quote != '"' && quote != '\'') {
      const auto newline = src.find('\n');
      std::string_view value = src.substr(0, newline);
      const std::string_view rest = newline == std::string_view::npos ? std::string_view{} : src.substr(newline + 1);
      ++go_line_;
      value = value.substr(0, value.find(" #"));  // inline comment
      value = detail::trim_right_go_space(value);
      return {expand(value), rest};
    }

    bool escaped = false;
    std::string chars;
    for (std::size_t i = 1; i < src.size(); ++i) {
      const char c = src[i];
      if (c == '\n') ++go_line_;
      if (c != quote) {
        if (!escaped && c == '\\') {
          escaped = true;
          continue;
        }
        if (escaped) {
          escaped = false;
          chars += '\\';
        }
        chars += c;
        continue;
      }
      if (escaped) {  // \" or \' keeps the quote and drops the backslash
        escaped = false;
        chars += c;
        continue;
      }
      if (quote == '"') chars = expand(expand_escapes(chars));
      return {std::move(chars), src.substr(i + 1)};
    }
    fail(fmt::format("line {}: unterminated quoted value {}", go_line_, src.substr(0, src.find('\n'))));
  }

  std::string expand(std::string_view value) {
    const variable_lookup mapping = [this](std::string_view name) -> std::optional<std::string> {
      if (lookup_) {
        if (auto v = lookup_(name)) return v;
      }
      if (auto it = out_.find(name); it != out_.end()) return it->second;
      return std::nullopt;
    };
    try {
      auto result = interpolate(value, mapping);
      if (unset_ != nullptr) {
        unset_->insert(unset_->end(), std::make_move_iterator(result.unset_variables.begin()),
                       std::make_move_iterator(result.unset_variables.end()));
      }
      return std::move(result.value);
    } catch (const interpolation_error& e) {
      fail(e.what());
    }
  }

  std::string_view text_;
  env_map& out_;
  const variable_lookup& lookup_;
  std::string_view file_;
  std::vector<std::string>* unset_;
  int go_line_ = 1;
  int real_line_ = 1;
  std::size_t counted_ = 0;
  int statement_line_ = 0;
};

std::string_view strip_bom(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  return text;
}

}  // namespace

std::vector<dotenv_entry> parse_dotenv_into(env_map& values, std::string_view text, const variable_lookup& lookup,
                                            std::string_view file_name_for_errors,
                                            std::vector<std::string>* unset_variables) {
  // compose-go's own grammar errors come first (its messages are the spec); what it would accept
  // with bytes that are not UTF-8 is refused after it, before such a value reaches a JSON request.
  auto entries = parser(strip_bom(text), values, lookup, file_name_for_errors, unset_variables).run();
  detail::check_input_text(text, std::string(file_name_for_errors), detail::input_kind::dotenv);
  return entries;
}

std::vector<dotenv_entry> parse_dotenv(std::string_view text, const variable_lookup& lookup,
                                       std::string_view file_name_for_errors,
                                       std::vector<std::string>* unset_variables) {
  env_map values;
  return parse_dotenv_into(values, text, lookup, file_name_for_errors, unset_variables);
}

env_map parse_dotenv_map(std::string_view text, const variable_lookup& lookup, std::string_view file_name_for_errors) {
  env_map values;
  parse_dotenv_into(values, text, lookup, file_name_for_errors);
  return values;
}

env_map read_env_files(const std::vector<std::filesystem::path>& files, const variable_lookup& lookup,
                       std::vector<std::string>* unset_variables) {
  namespace fs = std::filesystem;
  env_map values;
  for (const auto& file : files) {
    std::error_code ec;
    fs::path absolute = fs::absolute(file, ec).lexically_normal();
    if (ec) throw model_error(fmt::format("cannot resolve env file path {}: {}", file.string(), ec.message()));
    if (!absolute.has_filename() && absolute.has_parent_path() && absolute != absolute.root_path())
      absolute = absolute.parent_path();  // Go's filepath.Abs drops a trailing separator
    const std::string name = absolute.string();

    const auto status = fs::status(absolute, ec);
    if (!fs::exists(status)) throw model_error(fmt::format("couldn't find env file: {}", name));
    if (fs::is_directory(status)) throw model_error(fmt::format("{} is a directory", name));

    const auto content = detail::read_input_file(absolute);
    if (!content) throw model_error(fmt::format("couldn't read env file: {}", name));
    parse_dotenv_into(values, *content, lookup, name, unset_variables);
  }
  return values;
}

}  // namespace stackctl::model
