#pragma once
// CLI11 validators for the number-like flags, with messages that show the value the user typed —
// CLI11's NonNegativeNumber names its bound (1.79769e+308, printed in full as 310 digits).
#include <CLI/CLI.hpp>

namespace stackctl::cli {

// A whole number of seconds, 0 or more (-t/--timeout, --wait-timeout).
const CLI::Validator& seconds_check();

// A number of lines, 0 or more, or "all" (logs --tail).
const CLI::Validator& lines_or_all_check();

}  // namespace stackctl::cli
