#include <stackctl/mock_engine/json_lines.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace stackctl::mock_engine {

std::string json_line(const nlohmann::json& object, std::string_view separator) {
  std::string line = object.dump();
  line.append(separator);
  return line;
}

std::vector<std::string> json_lines(const std::vector<nlohmann::json>& objects, std::string_view separator) {
  std::vector<std::string> lines;
  lines.reserve(objects.size());
  for (const auto& object : objects) lines.push_back(json_line(object, separator));
  return lines;
}

nlohmann::json in_band_error(std::string_view message) {
  return {{"errorDetail", {{"message", message}}}, {"error", message}};
}

namespace {

// The first objects of a pull: what dockerd flushes before any layer is done.
std::vector<nlohmann::json> pull_start(std::string_view repo, std::string_view tag) {
  const std::string layer = "a2abf6c4d29d";
  return {
      {{"status", fmt::format("Pulling from {}", repo)}, {"id", tag}},
      {{"status", "Pulling fs layer"}, {"progressDetail", nlohmann::json::object()}, {"id", layer}},
      {{"status", "Downloading"},
       {"progressDetail", {{"current", 1024}, {"total", 4096}}},
       {"progress", "[============>                                      ]  1.024kB/4.096kB"},
       {"id", layer}},
  };
}

}  // namespace

std::vector<nlohmann::json> pull_progress(std::string_view repo, std::string_view tag) {
  auto objects = pull_start(repo, tag);
  const std::string layer = "a2abf6c4d29d";
  objects.push_back({{"status", "Download complete"}, {"progressDetail", nlohmann::json::object()}, {"id", layer}});
  objects.push_back({{"status", "Pull complete"}, {"progressDetail", nlohmann::json::object()}, {"id", layer}});
  objects.push_back({{"status", "Digest: sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31"}});
  objects.push_back({{"status", fmt::format("Status: Downloaded newer image for {}:{}", repo, tag)}});
  return objects;
}

std::vector<nlohmann::json> pull_progress_then_error(std::string_view repo, std::string_view tag,
                                                     std::string_view message) {
  auto objects = pull_start(repo, tag);
  objects.push_back(in_band_error(message));
  return objects;
}

}  // namespace stackctl::mock_engine
