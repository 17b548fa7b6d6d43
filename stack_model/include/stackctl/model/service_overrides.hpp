#pragma once
// Entries given on the command line in a service's short syntax (`run -p`, `run -v`), parsed and
// checked as the same entry in a compose file would be (compose's run: types.ParsePortConfig,
// format.ParseVolume).
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "stackctl/model/mount.hpp"
#include "stackctl/model/service.hpp"

namespace stackctl::model {

// A command given as one string (`command: "sh -c 'x'"`, `run --entrypoint`) split into words as
// compose does (shellwords: quotes and backslash escapes, no expansion). Throws
// model_error("invalid command line string: TEXT") for an unclosed quote or a trailing backslash.
std::vector<std::string> parse_command_line(std::string_view text);

// "[ip:][published:]target[/proto]"; a range gives one port per container port. Throws
// model_error("invalid port \"SPEC\": <reason>").
std::vector<port> parse_port_entry(std::string_view spec);

// "[SOURCE:]TARGET[:OPTIONS]". A host-path source (the path-versus-bare-name rule) is made
// absolute against `base` ('~' against $HOME); a bare name is a volume: a key of the project's
// `volumes:`, or the name of an engine volume. Throws model_error naming the entry.
mount parse_volume_entry(std::string_view spec, const std::filesystem::path& base);

}  // namespace stackctl::model
