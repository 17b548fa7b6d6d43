// The one depends_on graph: closure for selection, start order, the walk orders of start and stop,
// from a project (deploy builds it from labels too: observed_graph).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "project_test_support.hpp"
#include "stackctl/model/model_error.hpp"
#include "stackctl/model/service_graph.hpp"

namespace stackctl::model {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using testing::temp_project;

const char* kChain = R"(services:
  web: {image: x, depends_on: {api: {condition: service_healthy}}}
  api: {image: x, depends_on: [db], healthcheck: {test: [CMD, "true"]}}
  db: {image: x}
  tool: {image: x}
)";

TEST(ServiceGraph, ClosureAddsDependenciesTransitivelyUnlessAskedNotTo) {
  temp_project t;
  auto g = service_graph::from_project(t.load_file(kChain));
  EXPECT_THAT(g.closure({"web"}), ElementsAre("api", "db", "web"));
  EXPECT_THAT(g.closure({"web"}, false), ElementsAre("web"));
  EXPECT_THAT(g.closure({}), ElementsAre("api", "db", "tool", "web"));
  try {
    g.closure({"nope"});
    FAIL() << "no error";
  } catch (const unknown_service& e) {
    EXPECT_EQ(e.service(), "nope");
    EXPECT_STREQ(e.what(), "no such service: nope");
  }
}

TEST(ServiceGraph, StartOrderPutsDependenciesFirstAndKeepsOnlyTheGivenServices) {
  temp_project t;
  auto g = service_graph::from_project(t.load_file(kChain));
  EXPECT_THAT(g.start_order({"web", "tool", "db", "api"}), ElementsAre("db", "api", "tool", "web"));
  EXPECT_THAT(g.start_order({"web", "db"}), ElementsAre("db", "web"));  // api left out: no edge through it
  const auto& deps = g.dependencies_of("web");
  ASSERT_EQ(deps.size(), 1u);
  EXPECT_EQ(deps[0].condition, dependency_condition::healthy);
  EXPECT_THAT(g.dependencies_of("unknown"), IsEmpty());
}

TEST(ServiceGraph, WalkOrderOverContainersGoesForwardToStartAndBackwardToStop) {
  temp_project t;
  auto g = service_graph::from_project(t.load_file(kChain));
  // One node per container: api has two.
  std::vector<std::string> nodes{"web", "api", "api", "db"};
  auto start = g.walk_order(nodes, false);
  EXPECT_THAT(start[0], ElementsAre(1, 2));  // web after both api containers
  EXPECT_THAT(start[1], ElementsAre(3));
  EXPECT_THAT(start[3], IsEmpty());
  auto stop = g.walk_order(nodes, true);
  EXPECT_THAT(stop[3], ElementsAre(1, 2));  // db stops after both api containers
  EXPECT_THAT(stop[1], ElementsAre(0));
  EXPECT_THAT(stop[0], IsEmpty());
}

}  // namespace
}  // namespace stackctl::model
