#include "unknown_command.hpp"

#include <algorithm>
#include <numeric>

#include <fmt/format.h>

namespace stackctl::cli {
namespace {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  std::iota(row.begin(), row.end(), std::size_t{0});
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

}  // namespace

std::optional<std::string> closest_command(std::string_view typed, const std::vector<std::string>& known) {
  std::optional<std::string> best;
  std::size_t best_distance = 0;
  for (const auto& k : known) {
    // A prefix of at least two letters ("ex" for exec) is as near as a one-letter typo.
    const std::size_t d = typed.size() >= 2 && k.rfind(typed, 0) == 0 ? 1 : edit_distance(typed, k);
    if (!best || d < best_distance) {
      best = k;
      best_distance = d;
    }
  }
  // docker's cobra suggests within distance 2; longer words may be a little further off.
  if (!best || best_distance > std::max<std::size_t>(2, typed.size() / 3)) return std::nullopt;
  return best;
}

std::optional<std::string> unknown_command_message(const CLI::App& app) {
  if (!app.get_subcommands().empty()) return std::nullopt;
  const auto extras = app.remaining();
  if (extras.empty() || extras.front().empty() || extras.front()[0] == '-') return std::nullopt;
  std::vector<std::string> known;
  for (const auto* sub : app.get_subcommands([](const CLI::App*) { return true; })) known.push_back(sub->get_name());
  const auto& typed = extras.front();
  if (const auto near = closest_command(typed, known))
    return fmt::format("stackctl: unknown command \"{}\"; did you mean \"{}\"? (stackctl --help lists them)", typed,
                       *near);
  return fmt::format("stackctl: unknown command \"{}\" (stackctl --help lists the commands)", typed);
}

}  // namespace stackctl::cli
