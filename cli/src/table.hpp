#pragma once
// Column output like the docker CLI's tabwriter (minimum cell width 10, padding 3), so `stackctl ps`
// lines up the way `docker compose ps` does.
#include <string>
#include <string_view>
#include <vector>

namespace stackctl::cli {

// Width on a terminal: UTF-8 code points (the "…" of truncated cells counts as one).
std::size_t display_width(std::string_view text);

// Rows (the first is usually the header) → text; the last column is not padded.
std::string render_table(const std::vector<std::vector<std::string>>& rows);

}  // namespace stackctl::cli
