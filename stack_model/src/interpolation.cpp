#include "stackctl/model/interpolation.hpp"

#include <utility>

#include "go_text.hpp"

// Mirrors compose-go template.Substitute: a Go regexp
//   \$(?i:(\$)|([_a-z][_a-z0-9]*)|{(?:([_a-z][_a-z0-9]*(?::?[-+?](.*))?)}|()))
// drives the scan, and each match is post-processed (brace counting, lazy defaults).
// The regexp is reproduced by hand: `.` stops at '\n', `.*` is greedy (so a braced
// expression with an operator runs to the LAST '}' on its line), and (?i) makes [a-z]
// also match U+017F and U+212A, which fold to 's' and 'k'.

namespace stackctl::model {

namespace {

std::string render(interpolation_error::error_kind kind, const std::string& subject, const std::string& reason) {
  if (kind == interpolation_error::error_kind::invalid_template)
    return "Invalid template: " + detail::go_quote(subject);
  std::string text = "required variable " + subject + " is missing a value";
  if (!reason.empty()) text += ": " + reason;
  return text;
}

// Length in bytes of the variable name starting at `pos` (0 when there is none).
std::size_t name_length(std::string_view t, std::size_t pos) {
  std::size_t i = pos;
  while (i < t.size()) {
    const auto [r, width] = detail::decode_rune(t, i);
    const bool alpha = (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || r == '_' || r == 0x17F || r == 0x212A;
    const bool digit = r >= '0' && r <= '9';
    if (!(alpha || (digit && i > pos))) break;
    i += width;
  }
  return i - pos;
}

bool is_operator_char(char c) { return c == '-' || c == '+' || c == '?'; }

struct match {
  enum class kind { none, escaped, named, braced, invalid } type = kind::none;
  std::size_t end = 0;       // one past the match
  std::string_view content;  // named: the name; braced: the text between "${" and "}"
};

// The regexp match starting at t[i] == '$'.
match match_at(std::string_view t, std::size_t i) {
  const std::size_t n = t.size();
  if (i + 1 >= n) return {};
  if (t[i + 1] == '$') return {match::kind::escaped, i + 2, t.substr(i, 2)};
  if (const auto len = name_length(t, i + 1); len > 0) return {match::kind::named, i + 1 + len, t.substr(i + 1, len)};
  if (t[i + 1] != '{') return {};

  const std::size_t start = i + 2;
  if (const auto len = name_length(t, start); len > 0) {
    const std::size_t p = start + len;
    if (p < n) {
      std::size_t arg = std::string_view::npos;
      if (t[p] == ':' && p + 1 < n && is_operator_char(t[p + 1])) {
        arg = p + 2;
      } else if (is_operator_char(t[p])) {
        arg = p + 1;
      }
      if (arg != std::string_view::npos) {
        std::size_t eol = t.find('\n', arg);
        if (eol == std::string_view::npos) eol = n;
        const std::string_view line = t.substr(arg, eol - arg);
        if (const auto last = line.rfind('}'); last != std::string_view::npos) {
          const std::size_t close = arg + last;
          return {match::kind::braced, close + 1, t.substr(start, close - start)};
        }
      }
      if (t[p] == '}') return {match::kind::braced, p + 1, t.substr(start, len)};
    }
  }
  return {match::kind::invalid, i + 2, {}};
}

// compose-go's getFirstBraceClosingIndex, including its habit of skipping the character
// after every '{'.
std::size_t first_brace_closing_index(std::string_view s) {
  int open = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '}') {
      --open;
      if (open == 0) return i;
    }
    if (s[i] == '{') {
      ++open;
      ++i;
    }
  }
  return std::string_view::npos;
}

class substituter {
 public:
  substituter(const variable_lookup& lookup, std::vector<std::string>& unset) : lookup_(lookup), unset_(unset) {}

  std::string substitute(std::string_view t) {
    std::string out;
    std::size_t i = 0;
    while (true) {
      const std::size_t dollar = t.find('$', i);
      if (dollar == std::string_view::npos) {
        out.append(t.substr(i));
        return out;
      }
      out.append(t.substr(i, dollar - i));
      const match m = match_at(t, dollar);
      if (m.type == match::kind::none) {
        out += '$';
        i = dollar + 1;
        continue;
      }
      out += replace(t.substr(dollar, m.end - dollar), t);
      i = m.end;
    }
  }

 private:
  std::optional<std::string> get(std::string_view name) const {
    if (!lookup_) return std::nullopt;
    return lookup_(name);
  }

  std::string get_or_warn(std::string_view name) {
    auto value = get(name);
    if (!value) {
      unset_.emplace_back(name);
      return {};
    }
    return std::move(*value);
  }

  // One regexp match (`substring`) of `whole`, the template being substituted.
  std::string replace(std::string_view substring, std::string_view whole) {
    std::string_view rest;
    if (const auto closing = first_brace_closing_index(substring); closing != std::string_view::npos) {
      rest = substring.substr(closing + 1);
      substring = substring.substr(0, closing + 1);
    }
    const match m = match_at(substring, 0);
    switch (m.type) {
      case match::kind::escaped: return "$";
      case match::kind::named: return get_or_warn(m.content);
      case match::kind::braced: break;
      case match::kind::none:
      case match::kind::invalid:
        throw interpolation_error(interpolation_error::error_kind::invalid_template, std::string(whole));
    }

    const std::string_view content = m.content;
    const std::size_t name_len = name_length(content, 0);
    const std::string_view name = content.substr(0, name_len);
    if (name_len == content.size()) return get_or_warn(name);  // ${NAME}: no operator, never any rest

    const bool colon = content[name_len] == ':';
    const char op = content[name_len + (colon ? 1 : 0)];
    const std::string_view arg = content.substr(name_len + (colon ? 2 : 1));
    const auto value = get(name);
    const bool set = value.has_value();
    const bool non_empty = set && !value->empty();

    std::string result;
    switch (op) {
      case '?':
        if (colon ? !non_empty : !set) {
          std::string reason = substitute(arg);
          throw interpolation_error(interpolation_error::error_kind::missing_required, std::string(name),
                                    std::move(reason));
        }
        result = *value;
        break;
      case '-': result = (colon ? non_empty : set) ? *value : substitute(arg); break;
      default:  // '+'
        result = (colon ? non_empty : set) ? substitute(arg) : value.value_or(std::string());
        break;
    }
    return result + substitute(rest);
  }

  const variable_lookup& lookup_;
  std::vector<std::string>& unset_;
};

}  // namespace

interpolation_error::interpolation_error(error_kind kind, std::string subject, std::string reason)
    : std::runtime_error(render(kind, subject, reason)),
      kind_(kind),
      subject_(std::move(subject)),
      reason_(std::move(reason)) {}

interpolation_result interpolate(std::string_view text, const variable_lookup& lookup) {
  interpolation_result result;
  result.value = substituter(lookup, result.unset_variables).substitute(text);
  return result;
}

}  // namespace stackctl::model
