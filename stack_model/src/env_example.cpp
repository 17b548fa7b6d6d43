// Rendering an env schema as .env.example / .env, and checking a tracked example against it.
#include "stackctl/model/env_example.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

namespace stackctl::model {

namespace fs = std::filesystem;

std::string render_env_example(const env_schema& schema,
                               const std::map<std::string, std::string, std::less<>>& overrides) {
  std::string out;
  auto comment = [&out](const std::string& line) { out += "# " + line + "\n"; };
  for (const auto& h : schema.header) comment(h);
  for (const auto& section : schema.sections) {
    out += "\n# ==== " + section.title + " ====\n";
    for (const auto& d : section.description) comment(d);
    for (const auto& v : section.variables) {
      for (const auto& d : v.description) comment(d);
      const auto it = overrides.find(v.key);
      out += v.key + "=" + (it != overrides.end() ? it->second : v.default_value) + "\n";
    }
  }
  return out;
}

std::string render_env_file_for_init(const env_schema& schema,
                                     const std::map<std::string, std::string, std::less<>>& overrides) {
  return render_env_example(schema, overrides);
}

namespace {

// Lines keep their "\n", so a missing final newline is a difference like any other.
std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    const auto nl = text.find('\n', start);
    const auto end = nl == std::string_view::npos ? text.size() : nl + 1;
    lines.push_back(text.substr(start, end - start));
    start = end;
  }
  return lines;
}

struct edit {
  char op;           // ' ', '-', '+'
  std::size_t a, b;  // line indexes (a for ' ' and '-', b for ' ' and '+')
};

// LCS over the part between the common prefix and suffix (which is all a typical change touches).
std::vector<edit> diff_lines(const std::vector<std::string_view>& a, const std::vector<std::string_view>& b) {
  std::size_t pre = 0;
  while (pre < a.size() && pre < b.size() && a[pre] == b[pre]) ++pre;
  std::size_t suf = 0;
  while (suf < a.size() - pre && suf < b.size() - pre && a[a.size() - 1 - suf] == b[b.size() - 1 - suf]) ++suf;
  const std::size_t n = a.size() - pre - suf, m = b.size() - pre - suf;
  std::vector<edit> edits;
  for (std::size_t i = 0; i < pre; ++i) edits.push_back({' ', i, i});
  // Past a few million cells (two big, wholly different files) show the middle as replaced.
  if ((n + 1) * (m + 1) > 16'000'000) {
    for (std::size_t i = 0; i < n; ++i) edits.push_back({'-', pre + i, 0});
    for (std::size_t j = 0; j < m; ++j) edits.push_back({'+', 0, pre + j});
    for (std::size_t k = 0; k < suf; ++k) edits.push_back({' ', a.size() - suf + k, b.size() - suf + k});
    return edits;
  }
  std::vector<std::uint32_t> lcs((n + 1) * (m + 1), 0);
  auto at = [&](std::size_t i, std::size_t j) -> std::uint32_t& { return lcs[i * (m + 1) + j]; };
  for (std::size_t i = n; i-- > 0;)
    for (std::size_t j = m; j-- > 0;)
      at(i, j) = a[pre + i] == b[pre + j] ? at(i + 1, j + 1) + 1 : std::max(at(i + 1, j), at(i, j + 1));
  std::size_t i = 0, j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[pre + i] == b[pre + j]) {
      edits.push_back({' ', pre + i, pre + j});
      ++i, ++j;
    } else if (i < n && (j == m || at(i + 1, j) >= at(i, j + 1))) {
      edits.push_back({'-', pre + i, 0});  // deletions first, as diff -u prints them
      ++i;
    } else {
      edits.push_back({'+', 0, pre + j});
      ++j;
    }
  }
  for (std::size_t k = 0; k < suf; ++k) edits.push_back({' ', a.size() - suf + k, b.size() - suf + k});
  return edits;
}

std::string range(std::size_t start, std::size_t count) {
  // 1-based start; an empty range names the line before it.
  if (count == 1) return fmt::format("{}", start + 1);
  return fmt::format("{},{}", count == 0 ? start : start + 1, count);
}

}  // namespace

std::string unified_diff(std::string_view a, std::string_view b, std::string_view a_label, std::string_view b_label) {
  if (a == b) return {};
  const auto al = split_lines(a), bl = split_lines(b);
  const auto edits = diff_lines(al, bl);
  constexpr std::size_t context = 3;
  std::string out = fmt::format("--- {}\n+++ {}\n", a_label, b_label);
  auto emit_line = [&out](char op, std::string_view line) {
    out += op;
    out += line;
    if (line.empty() || line.back() != '\n') out += "\n\\ No newline at end of file\n";
  };
  std::size_t k = 0;
  while (k < edits.size()) {
    // Find the next change, then grow the hunk while changes are within 2*context lines.
    while (k < edits.size() && edits[k].op == ' ') ++k;
    if (k == edits.size()) break;
    std::size_t begin = k >= context ? k - context : 0;
    std::size_t end = k;
    std::size_t last_change = k;
    while (end < edits.size()) {
      if (edits[end].op != ' ') last_change = end;
      else if (end - last_change > 2 * context) break;
      ++end;
    }
    end = std::min(edits.size(), last_change + context + 1);
    // Hunk header: the first line numbers in a and b and the counts.
    std::size_t a_start = 0, b_start = 0, a_count = 0, b_count = 0;
    bool a_set = false, b_set = false;
    for (std::size_t e = begin; e < end; ++e) {
      if (edits[e].op != '+') {
        if (!a_set) a_start = edits[e].a, a_set = true;
        ++a_count;
      }
      if (edits[e].op != '-') {
        if (!b_set) b_start = edits[e].b, b_set = true;
        ++b_count;
      }
    }
    // An empty side starts where its next line would be (counted from the edits before the hunk).
    if (!a_set) {
      a_start = 0;
      for (std::size_t e = 0; e < begin; ++e)
        if (edits[e].op != '+') a_start = edits[e].a + 1;
    }
    if (!b_set) {
      b_start = 0;
      for (std::size_t e = 0; e < begin; ++e)
        if (edits[e].op != '-') b_start = edits[e].b + 1;
    }
    out += fmt::format("@@ -{} +{} @@\n", range(a_start, a_count), range(b_start, b_count));
    for (std::size_t e = begin; e < end; ++e) {
      const auto& ed = edits[e];
      emit_line(ed.op, ed.op == '+' ? bl[ed.b] : al[ed.a]);
    }
    k = end;
  }
  return out;
}

env_check_result env_check(const env_schema& schema, std::string_view actual, std::string_view file_label) {
  env_check_result r;
  r.expected = render_env_example(schema);
  r.differs = actual != r.expected;
  if (r.differs) {
    const std::string label(file_label.empty() ? std::string_view(".env.example") : file_label);
    r.diff = unified_diff(actual, r.expected, label, label + " (rendered from the env schema)");
  }
  return r;
}

env_check_result env_check_file(const env_schema& schema, const fs::path& file) {
  std::string text;
  if (std::ifstream in{file, std::ios::binary}) {
    std::ostringstream ss;
    ss << in.rdbuf();
    text = ss.str();
  }
  return env_check(schema, text, file.string());
}

}  // namespace stackctl::model
