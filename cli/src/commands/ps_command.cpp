// `stackctl ps`: the project's containers from one list call, in compose's columns or as
// compose's JSON (one object per line).
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <memory>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "../deploy_target.hpp"
#include "../engine_connection.hpp"
#include "../table.hpp"
#include "commands.hpp"
#include "stackctl/deploy/ps.hpp"
#include "stackctl/model/go_quote.hpp"

namespace stackctl::cli {

namespace {

struct ps_flags {
  bool all = false, quiet = false, services = false, no_trunc = false;
  std::string format = "table";
  std::vector<std::string> status, filters, service_args;
};

// docker's go-units HumanDuration.
std::string human_duration(std::chrono::seconds d) {
  const auto seconds = d.count();
  if (seconds < 1) return "Less than a second";
  if (seconds == 1) return "1 second";
  if (seconds < 60) return fmt::format("{} seconds", seconds);
  const auto minutes = seconds / 60;
  if (minutes == 1) return "About a minute";
  if (minutes < 60) return fmt::format("{} minutes", minutes);
  const auto hours = std::llround(static_cast<double>(seconds) / 3600.0);  // docker: int(h + 0.5)
  if (hours == 1) return "About an hour";
  if (hours < 48) return fmt::format("{} hours", hours);
  if (hours < 24LL * 7 * 2) return fmt::format("{} days", hours / 24);
  if (hours < 24LL * 30 * 2) return fmt::format("{} weeks", hours / 24 / 7);
  if (hours < 24LL * 365 * 2) return fmt::format("{} months", hours / 24 / 30);
  return fmt::format("{} years", seconds / 3600 / 24 / 365);
}

std::string running_for(std::int64_t created) {
  const auto now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  return human_duration(std::chrono::seconds(std::max<std::int64_t>(0, now - created))) + " ago";
}

// Go's time.Time.String() in local time: "2026-11-29 11:40:00 +0000 UTC".
std::string created_at(std::int64_t created) {
  const std::time_t t = created;
  std::tm tm{};
  localtime_r(&t, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S %z %Z", &tm);
  return buf;
}

// docker's formatter.Ellipsis: at most `width` code points, the last one "…".
std::string ellipsis(const std::string& s, std::size_t width) {
  if (display_width(s) <= width) return s;
  std::string out;
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const bool lead = (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80;
    if (lead && ++n == width) break;
    out += s[i];
  }
  return out + "…";
}

// Go's strconv.Quote for the text commands hold.
std::string join(const std::vector<std::string>& items, const char* sep) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : sep) + i;
  return out;
}

nlohmann::ordered_json to_json(const deploy::ps_row& r, bool trunc) {
  nlohmann::ordered_json publishers = nlohmann::json::array();
  auto sorted = r.publishers;
  std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
    return std::tie(a.private_port, a.type, a.ip) < std::tie(b.private_port, b.type, b.ip);
  });
  for (const auto& p : sorted)
    publishers.push_back({{"URL", p.ip},
                          {"TargetPort", p.private_port},
                          {"PublishedPort", p.public_port.value_or(0)},
                          {"Protocol", p.type}});
  std::vector<std::string> labels, mounts;
  for (const auto& [k, v] : r.labels) labels.push_back(fmt::format("{}={}", k, v));
  int local_volumes = 0;
  for (const auto& m : r.mounts) {
    const std::string name = m.name.empty() ? m.source : m.name;
    mounts.push_back(trunc ? ellipsis(name, 15) : name);
    if (m.driver == "local") ++local_volumes;
  }
  // The fields of compose's ContainerContext, in its (alphabetical) JSON order.
  return {
      {"Command", model::go_quote(trunc ? ellipsis(r.command, 20) : r.command)},
      {"CreatedAt", created_at(r.created)},
      {"ExitCode", r.exit_code.value_or(0)},
      {"Health", r.health},
      {"ID", trunc ? r.id.substr(0, 12) : r.id},
      {"Image", r.image},
      {"Labels", join(labels, ",")},
      {"LocalVolumes", std::to_string(local_volumes)},
      {"Mounts", join(mounts, ",")},
      {"Name", r.name},
      {"Names", r.name},
      {"Networks", join(r.networks, ",")},
      {"Ports", r.ports},
      {"Project", r.project},
      {"Publishers", publishers},
      {"RunningFor", running_for(r.created)},
      {"Service", r.service},
      {"Size", "0B"},
      {"State", r.state},
      {"Status", r.status},
  };
}

void run_ps(const global_options& globals, const ps_flags& f) {
  deploy::ps_options o;
  o.all = f.all;
  o.services = f.service_args;
  o.status = f.status;
  for (const auto& filter : f.filters) {
    if (filter.rfind("status=", 0) != 0)
      throw std::invalid_argument(fmt::format("invalid filter \"{}\": only status=<state> is supported", filter));
    o.status.push_back(filter.substr(7));
  }
  const auto target = resolve_target(globals, f.service_args, false);
  check_services(target, f.service_args);
  auto client = connect_engine(globals);
  const auto rows = deploy::ps(target.name, deploy::make_engine_ref(client), o);

  std::string out;
  if (f.quiet) {
    for (const auto& r : rows) out += r.id + "\n";
  } else if (f.services) {
    std::set<std::string> seen;
    for (const auto& r : rows)
      if (seen.insert(r.service).second) out += r.service + "\n";
  } else if (f.format == "json") {
    for (const auto& r : rows) out += to_json(r, !f.no_trunc).dump() + "\n";
  } else {
    std::vector<std::vector<std::string>> table{{"NAME", "IMAGE", "COMMAND", "SERVICE", "CREATED", "STATUS", "PORTS"}};
    for (const auto& r : rows)
      table.push_back({r.name, r.image, model::go_quote(f.no_trunc ? r.command : ellipsis(r.command, 20)), r.service,
                       running_for(r.created), r.status, r.ports});
    out = render_table(table);
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
}

}  // namespace

void register_ps_command(CLI::App& app, const global_options& globals) {
  auto* cmd = app.add_subcommand("ps", "List the project's containers");
  auto f = std::make_shared<ps_flags>();
  cmd->add_flag("-a,--all", f->all, "Show all containers (stopped ones too)");
  cmd->add_flag("-q,--quiet", f->quiet, "Only display IDs");
  cmd->add_flag("--services", f->services, "Display the services");
  cmd->add_flag("--no-trunc", f->no_trunc, "Don't truncate output");
  cmd->add_option("--format", f->format, "Format the output: table or json")->check(CLI::IsMember({"table", "json"}));
  cmd->add_option("--status", f->status,
                  "Filter by status (repeatable): paused|restarting|removing|running|dead|created|exited")
      ->allow_extra_args(false)
      ->check(CLI::IsMember({"paused", "restarting", "removing", "running", "dead", "created", "exited"}));
  cmd->add_option("--filter", f->filters, "Filter by a property (status=<state>)")->allow_extra_args(false);
  cmd->add_option("service", f->service_args, "Only these services");
  cmd->callback([&globals, f] { run_ps(globals, *f); });
}

}  // namespace stackctl::cli
