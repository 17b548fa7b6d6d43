// The one depends_on graph: closure for selection, start order, the walk orders of start and stop,
// from a project and from labels.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "deploy_test_support.hpp"
#include "stackctl/deploy/deploy_error.hpp"
#include "stackctl/deploy/labels.hpp"
#include "stackctl/deploy/service_graph.hpp"

namespace stackctl::deploy {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using testing::load_project;
using testing::observed_container;
using testing::temp_dir;

const char* kChain = R"(services:
  web: {image: x, depends_on: {api: {condition: service_healthy}}}
  api: {image: x, depends_on: [db], healthcheck: {test: [CMD, "true"]}}
  db: {image: x}
  tool: {image: x}
)";

TEST(ServiceGraph, ClosureAddsDependenciesTransitivelyUnlessAskedNotTo) {
  temp_dir d;
  auto g = service_graph::from_project(load_project(d, kChain));
  EXPECT_THAT(g.closure({"web"}), ElementsAre("api", "db", "web"));
  EXPECT_THAT(g.closure({"web"}, false), ElementsAre("web"));
  EXPECT_THAT(g.closure({}), ElementsAre("api", "db", "tool", "web"));
  try {
    g.closure({"nope"});
    FAIL() << "no error";
  } catch (const deploy_error& e) {
    EXPECT_EQ(e.kind(), deploy_error_kind::not_found);
    EXPECT_STREQ(e.what(), "no such service: nope");
  }
}

TEST(ServiceGraph, StartOrderPutsDependenciesFirstAndKeepsOnlyTheGivenServices) {
  temp_dir d;
  auto g = service_graph::from_project(load_project(d, kChain));
  EXPECT_THAT(g.start_order({"web", "tool", "db", "api"}), ElementsAre("db", "api", "tool", "web"));
  EXPECT_THAT(g.start_order({"web", "db"}), ElementsAre("db", "web"));  // api left out: no edge through it
  const auto& deps = g.dependencies_of("web");
  ASSERT_EQ(deps.size(), 1u);
  EXPECT_EQ(deps[0].condition, dependency_condition::healthy);
  EXPECT_THAT(g.dependencies_of("unknown"), IsEmpty());
}

TEST(ServiceGraph, WalkOrderOverContainersGoesForwardToStartAndBackwardToStop) {
  temp_dir d;
  auto g = service_graph::from_project(load_project(d, kChain));
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

TEST(ServiceGraph, FromContainersReadsTheDependsOnLabelUnlessTheProjectDeclaresTheService) {
  temp_dir d;
  auto p = load_project(d, kChain);
  auto web = observed_container(p, "web", 1, "i");
  EXPECT_EQ(web.label(labels::depends_on), "api:service_healthy:false");
  auto orphan = observed_container(p, "db", 1, "i");
  orphan.labels[labels::service] = "gone";
  orphan.labels[labels::depends_on] = "web:service_started:true,db:a_condition_from_the_future:false";
  auto g = service_graph::from_containers({web, orphan});
  EXPECT_THAT(g.services(), ElementsAre("gone", "web"));
  ASSERT_EQ(g.dependencies_of("gone").size(), 2u);
  EXPECT_TRUE(g.dependencies_of("gone")[0].restart);
  EXPECT_EQ(g.dependencies_of("gone")[1].condition, dependency_condition::started);  // unknown: order only
  // With the project: its own declaration wins over a container's (older) label.
  web.labels[labels::depends_on] = "";
  auto declared = service_graph::from_containers({web}, &p);
  ASSERT_EQ(declared.dependencies_of("web").size(), 1u);
  EXPECT_EQ(declared.dependencies_of("web")[0].service, "api");
}

}  // namespace
}  // namespace stackctl::deploy
