#pragma once
// The CLI's one place that turns an exception into the line the user reads and an exit code.
#include <exception>

#include "exit_codes.hpp"

namespace stackctl::cli {

// Prints "stackctl: <message>" (plus a hint, and with `verbose` the request behind an engine
// error) to stderr and returns the exit code for it. Call from a catch block.
exit_code report_current_exception(bool verbose) noexcept;

}  // namespace stackctl::cli
