// The engine client's container endpoints against the mock engine: exact method, path, query
// and body on the wire, and the replies parsed into the models.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <stackctl/engine/client.hpp>
#include <stackctl/engine/tar_archive.hpp>

#include "client_fixture.hpp"

namespace {

using nlohmann::json;
using stackctl::mock_engine::testing::client_test;
namespace engine = stackctl::engine;

using ContainerEndpoints = client_test;

TEST_F(ContainerEndpoints, CreateSendsTheSerializedRequestAndName) {
  engine::container_create_request request;
  request.config.image = "nginx:1.25";
  request.config.env = {"A=1"};
  request.config.labels = {{"com.docker.compose.project", "demo"}};
  request.host.network_mode = "demo_default";
  request.networking.endpoints["demo_default"].aliases = {"web"};
  engine.expect("POST", v("/containers/create"))
      .with_query("name", "demo-web-1")
      .with_header("Content-Type", "application/json")
      .with_json_body({{"Image", "nginx:1.25"},
                       {"Env", {"A=1"}},
                       {"Labels", {{"com.docker.compose.project", "demo"}}},
                       {"HostConfig", {{"NetworkMode", "demo_default"}}},
                       {"NetworkingConfig", {{"EndpointsConfig", {{"demo_default", {{"Aliases", {"web"}}}}}}}}})
      .times(1)
      .reply_json(201, {{"Id", "abc123"}, {"Warnings", {"careful"}}});

  const auto created = docker.containers().create(request, "demo-web-1");
  EXPECT_EQ(created.id, "abc123");
  EXPECT_THAT(created.warnings, ::testing::ElementsAre("careful"));
}

TEST_F(ContainerEndpoints, CreateWithoutNameSendsNoNameQuery) {
  engine::container_create_request request;
  request.config.image = "busybox";
  engine.expect("POST", v("/containers/create"))
      .without_query("name")
      .with_json_body({{"Image", "busybox"}})
      .reply_json(201, {{"Id", "x"}, {"Warnings", nullptr}});
  EXPECT_EQ(docker.containers().create(request).id, "x");
}

TEST_F(ContainerEndpoints, StartStopKillRestart) {
  engine.expect("POST", v("/containers/abc/start")).with_body("").times(1).reply(204);
  engine.expect("POST", v("/containers/abc/stop")).with_query("t", "10").times(1).reply(204);
  engine.expect("POST", v("/containers/abd/stop")).without_query("t").times(1).reply(204);
  engine.expect("POST", v("/containers/abc/kill")).with_query("signal", "SIGTERM").times(1).reply(204);
  engine.expect("POST", v("/containers/abc/restart")).with_query("t", "5").times(1).reply(204);
  docker.containers().start("abc");
  docker.containers().stop("abc", 10);
  docker.containers().stop("abd");
  docker.containers().kill("abc", "SIGTERM");
  docker.containers().restart("abc", 5);
}

TEST_F(ContainerEndpoints, NotModifiedFromStartAndStopIsSuccess) {
  engine.expect("POST", v("/containers/abc/start")).times(1).reply(304);
  engine.expect("POST", v("/containers/abc/stop")).times(1).reply(304);
  EXPECT_NO_THROW(docker.containers().start("abc"));
  EXPECT_NO_THROW(docker.containers().stop("abc", 1));
}

TEST_F(ContainerEndpoints, RemoveSendsItsFlags) {
  engine.expect("DELETE", v("/containers/abc"))
      .with_query("force", "1")
      .with_query("v", "1")
      .without_query("link")
      .times(1)
      .reply(204);
  engine.expect("DELETE", v("/containers/abd")).without_query("force").without_query("v").times(1).reply(204);
  docker.containers().remove("abc", {.force = true, .volumes = true, .link = false});
  docker.containers().remove("abd");
}

TEST_F(ContainerEndpoints, RenameSendsTheNewName) {
  engine.expect("POST", v("/containers/abc/rename")).with_query("name", "demo-web-2").times(1).reply(204);
  docker.containers().rename("abc", "demo-web-2");
}

TEST_F(ContainerEndpoints, InspectParsesStateConfigAndNetworks) {
  engine.expect("GET", v("/containers/demo-web-1/json"))
      .times(1)
      .reply_json(200,
                  {{"Id", "abc"},
                   {"Name", "/demo-web-1"},
                   {"Image", "sha256:1111"},
                   {"State",
                    {{"Status", "running"},
                     {"Running", true},
                     {"ExitCode", 0},
                     {"Health", {{"Status", "healthy"}, {"FailingStreak", 0}, {"Log", json::array()}}}}},
                   {"Config",
                    {{"Image", "nginx:1.25"},
                     {"Tty", false},
                     {"Labels", {{"com.docker.compose.service", "web"}}},
                     {"Env", {"A=1"}}}},
                   {"HostConfig", {{"NetworkMode", "demo_default"}, {"Binds", {"/srv:/srv:ro"}}}},
                   {"NetworkSettings",
                    {{"Networks",
                      {{"demo_default", {{"NetworkID", "n1"}, {"Aliases", {"web"}}, {"IPAddress", "172.18.0.2"}}}}}}},
                   {"SomethingNew", 42}});
  const auto c = docker.containers().inspect("demo-web-1");
  EXPECT_EQ(c.id, "abc");
  EXPECT_EQ(c.short_name(), "demo-web-1");
  EXPECT_EQ(c.state.status, "running");
  EXPECT_TRUE(c.state.running);
  ASSERT_TRUE(c.state.health.has_value());
  EXPECT_EQ(c.state.health->status, "healthy");
  EXPECT_EQ(c.config.image, "nginx:1.25");
  EXPECT_EQ(c.config.labels.at("com.docker.compose.service"), "web");
  EXPECT_EQ(c.host_config.network_mode, "demo_default");
  EXPECT_EQ(c.networks.at("demo_default").network_id, "n1");
  EXPECT_EQ(c.networks.at("demo_default").ip_address, "172.18.0.2");
  EXPECT_EQ(c.raw.at("SomethingNew"), 42);
}

TEST_F(ContainerEndpoints, ListSendsAllAndFiltersAndParsesSummaries) {
  engine.expect("GET", v("/containers/json"))
      .with_query("all", "1")
      .with_query_json("filters", {{"label", {"com.docker.compose.project=demo"}}})
      .times(1)
      .reply_json(200, json::array({{{"Id", "abc"},
                                     {"Names", {"/demo-web-1"}},
                                     {"Image", "nginx:1.25"},
                                     {"State", "running"},
                                     {"Status", "Up 3 minutes"},
                                     {"Labels", {{"com.docker.compose.project", "demo"}}},
                                     {"Ports", json::array()}}}));
  engine::container_list_options options;
  options.all = true;
  options.filters.add_label("com.docker.compose.project", "demo");
  const auto list = docker.containers().list(options);
  ASSERT_EQ(list.size(), 1U);
  EXPECT_EQ(list[0].id, "abc");
  EXPECT_EQ(list[0].name(), "demo-web-1");
  EXPECT_EQ(list[0].state, "running");
  EXPECT_EQ(list[0].labels.at("com.docker.compose.project"), "demo");
}

TEST_F(ContainerEndpoints, ListWithoutOptionsSendsNoFilters) {
  engine.expect("GET", v("/containers/json"))
      .without_query("filters")
      .without_query("limit")
      .times(1)
      .reply_json(200, json::array());
  EXPECT_TRUE(docker.containers().list().empty());
}

TEST_F(ContainerEndpoints, ListSendsLimit) {
  engine.expect("GET", v("/containers/json")).with_query("limit", "3").times(1).reply_json(200, json::array());
  engine::container_list_options options;
  options.limit = 3;
  docker.containers().list(options);
}

TEST_F(ContainerEndpoints, WaitSendsTheConditionAndReturnsTheExitCode) {
  engine.expect("POST", v("/containers/abc/wait"))
      .with_query("condition", "next-exit")
      .times(1)
      .reply_json(200, {{"StatusCode", 3}, {"Error", nullptr}});
  engine.expect("POST", v("/containers/abd/wait"))
      .with_query("condition", "not-running")
      .times(1)
      .reply_json(200, {{"StatusCode", 137}, {"Error", {{"Message", "killed"}}}});
  const auto next = docker.containers().wait("abc", engine::wait_condition::next_exit);
  EXPECT_EQ(next.status_code, 3);
  EXPECT_FALSE(next.error.has_value());
  const auto done = docker.containers().wait("abd");
  EXPECT_EQ(done.status_code, 137);
  EXPECT_EQ(done.error, "killed");
}

TEST_F(ContainerEndpoints, PutArchiveSendsTheTarWithItsPathAndOptions) {
  const std::string tar = engine::make_tar({engine::tar_entry{"/run/secrets/a", "value", 0400, 0, 0, 0}});
  engine.expect("PUT", v("/containers/abc/archive"))
      .with_query("path", "/")
      .with_query("noOverwriteDirNonDir", "true")
      .without_query("copyUIDGID")
      .with_header("Content-Type", "application/x-tar")
      .with_body(tar)
      .times(1)
      .reply(200);
  engine.expect("PUT", v("/containers/abd/archive"))
      .with_query("path", "/etc")
      .without_query("noOverwriteDirNonDir")
      .with_query("copyUIDGID", "true")
      .times(1)
      .reply(200);
  docker.containers().put_archive("abc", "/", tar);
  engine::copy_to_container_options options;
  options.allow_overwrite_dir_with_file = true;
  options.copy_uid_gid = true;
  docker.containers().put_archive("abd", "/etc", tar, options);
}

TEST_F(ContainerEndpoints, PutArchiveIntoAReadOnlyContainerIsAnError) {
  engine.expect("PUT", v("/containers/abc/archive")).times(1).reply_error(403, "container rootfs is marked read-only");
  const auto e = stackctl::mock_engine::testing::catch_engine_error([&] {
    docker.containers().put_archive("abc", "/", engine::make_tar({engine::tar_entry{"x", "", 0644, 0, 0, 0}}));
  });
  EXPECT_EQ(e.status(), 403);
  EXPECT_THAT(e.what(), ::testing::HasSubstr("read-only"));
}

}  // namespace
