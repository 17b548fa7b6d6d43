#pragma once
// The small string helpers the loader, the env schema and the CLI share. ASCII only and
// locale-free: compose's own rules (Go's strings/strconv) are byte rules too.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace stackctl::model::text {

// `s` without ASCII white space (" \t\n\v\f\r") at either end.
std::string_view trim(std::string_view s);

// Go's strings.Split: every piece between separators, empty ones included ("" → {""}, "a," → {"a", ""}).
std::vector<std::string> split(std::string_view s, char sep);

// The same without the empty pieces ("" → {}, ",a,,b," → {"a", "b"}).
std::vector<std::string> split_non_empty(std::string_view s, char sep);

// ASCII lower case; other bytes (UTF-8 included) unchanged.
std::string lower(std::string_view s);

// Go's strconv.ParseBool, which compose uses for its COMPOSE_* switches: "1", "t", "T", "TRUE",
// "true", "True" are true; "0", "f", "F", "FALSE", "false", "False" are false; anything else nullopt.
std::optional<bool> parse_bool(std::string_view s);

// The dotted path of a child in error messages: child_path("services.web", "ports") is
// "services.web.ports", child_path("", "services") is "services"; index_path("ports", 1) is "ports[1]".
std::string child_path(std::string_view path, std::string_view key);
std::string index_path(std::string_view path, std::size_t i);

}  // namespace stackctl::model::text
