// Attached `up` as an embedding program uses it (deploy::up_attached), against the real dockerd:
// the logs arrive through the sink, a container that exits on its own ends the call with its exit
// code, and a stop request stops the project gracefully.
#include <atomic>
#include <mutex>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "deploy_engine_fixture.hpp"
#include "stackctl/deploy/attached_up.hpp"
#include "stackctl/deploy/ps.hpp"

namespace stackctl::deploy {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::kImage;

class AttachedUp : public testing::DeployEngine {
 protected:
  std::mutex m;
  std::vector<std::string> lines, attached;
  std::vector<std::pair<std::string, long>> exits;
  bool stopping = false;

  attach_sinks sinks(std::stop_source* stop_on_first_line = nullptr) {
    attach_sinks s;
    s.log_line = [this, stop_on_first_line](std::string_view line) {
      std::lock_guard lock(m);
      lines.emplace_back(line);
      if (stop_on_first_line != nullptr) stop_on_first_line->request_stop();
    };
    s.attached = [this](const up_result&, const std::vector<std::string>& names) { attached = names; };
    s.exited = [this](const std::string& name, long code) { exits.emplace_back(name, code); };
    s.stopping = [this] { stopping = true; };
    return s;
  }
};

TEST_F(AttachedUp, EndsWhenTheContainersExitAndReportsTheirCodes) {
  auto p = load(fmt::format(R"(services:
  job:
    image: {}
    command: ["sh", "-c", "echo hello from job; exit 3"]
)",
                            kImage));
  logs_options lo;
  lo.prefix = true;
  std::stop_source never;
  auto r = up_attached(p, engine_, fast(), lo, sinks(), never.get_token());
  EXPECT_FALSE(r.stopped);
  EXPECT_FALSE(stopping);
  EXPECT_THAT(attached, ElementsAre(name("job")));
  EXPECT_THAT(lines, ElementsAre("job-1 | hello from job\n"));  // prefixed as compose does
  EXPECT_THAT(exits, ElementsAre(std::pair<std::string, long>(name("job"), 3)));
}

TEST_F(AttachedUp, AStopRequestStopsTheProjectGracefully) {
  auto p = load(fmt::format(R"(services:
  server:
    image: {}
    command: ["sh", "-c", "echo ready; trap 'exit 0' TERM; while true; do sleep 1; done"]
)",
                            kImage));
  std::stop_source stop;
  auto r = up_attached(p, engine_, fast(), {}, sinks(&stop), stop.get_token());
  EXPECT_TRUE(r.stopped);
  EXPECT_TRUE(stopping);
  EXPECT_THAT(lines, Contains(HasSubstr("ready")));
  // Stopped, not removed: the container is still there, exited.
  auto rows = ps(project_name_, engine_, {.all = true, .services = {}, .status = {}});
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].state, "exited");
}

}  // namespace
}  // namespace stackctl::deploy
