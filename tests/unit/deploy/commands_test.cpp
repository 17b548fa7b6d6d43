#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <mutex>

#include "deploy_test_support.hpp"
#include "stackctl/deploy/deploy_error.hpp"
#include "stackctl/deploy/down.hpp"
#include "stackctl/deploy/host_paths.hpp"
#include "stackctl/deploy/lifecycle.hpp"
#include "stackctl/deploy/logs.hpp"
#include "stackctl/deploy/ps.hpp"
#include "stackctl/deploy/pull.hpp"
#include "stackctl/deploy/up.hpp"

namespace stackctl::deploy {
namespace {

using ::testing::_;
using ::testing::ElementsAre;
using testing::fake_engine;
using ::testing::HasSubstr;
using ::testing::Invoke;
using testing::load_project;
using testing::not_found;
using testing::observed_container;
using ::testing::Return;
using testing::temp_dir;
using ::testing::Throw;
using ::testing::UnorderedElementsAre;

engine::image_inspect image(const std::string& id) {
  engine::image_inspect i;
  i.id = id;
  return i;
}

TEST(Up, MissingExternalVolumeFailsBeforeAnythingIsCreated) {
  temp_dir d;
  auto p = load_project(d, R"(services:
  web: {image: busybox, volumes: [ext:/e, own:/o]}
volumes:
  ext: {external: true, name: shared-data}
  own: {}
)");
  fake_engine f;
  EXPECT_CALL(f.volumes, inspect(std::string_view("shared-data"))).WillOnce(Throw(not_found("volume")));
  EXPECT_CALL(f.volumes, create(_)).Times(0);
  EXPECT_CALL(f.networks, create(_)).Times(0);
  EXPECT_CALL(f.containers, create(_, _)).Times(0);
  up_options o;  // the env schema's paths are not created either
  o.create_on_deploy = {{"PLUGIN_DIR", d.path() / "plugins", model::host_path::kind_type::directory}};
  try {
    up(p, f.ref(), o);
    FAIL() << "no error";
  } catch (const deploy_error& e) {
    EXPECT_EQ(e.kind(), deploy_error_kind::not_found);
    EXPECT_THAT(e.what(), HasSubstr("external volume \"shared-data\" not found"));
    EXPECT_THAT(e.what(), HasSubstr("docker volume create shared-data"));
  }
  EXPECT_FALSE(std::filesystem::exists(d.path() / "plugins"));
}

TEST(HostPaths, DirectoriesAndEmptyFilesAreCreatedAndAnExistingFileIsNeverTruncated) {
  temp_dir d;
  const auto dir = d.path() / "a" / "plugins";
  const auto file = d.path() / "configs" / "worker.yaml";
  const auto kept = d.path() / "kept.yaml";
  std::ofstream(kept) << "keep: me\n";
  using kind = model::host_path::kind_type;
  const auto created =
      create_host_paths({{"DIR", dir, kind::directory}, {"FILE", file, kind::file}, {"KEPT", kept, kind::file}});
  EXPECT_EQ(created, (std::vector<std::filesystem::path>{dir, file}));
  EXPECT_TRUE(std::filesystem::is_directory(dir));
  ASSERT_TRUE(std::filesystem::is_regular_file(file));
  EXPECT_EQ(std::filesystem::file_size(file), 0u);
  std::ifstream in(kept);
  EXPECT_EQ(std::string(std::istreambuf_iterator<char>(in), {}), "keep: me\n");
  // Again: nothing new.
  EXPECT_TRUE(create_host_paths({{"DIR", dir, kind::directory}, {"FILE", file, kind::file}}).empty());
}

TEST(Up, MissingExternalNetworkFailsBeforeAnythingIsCreated) {
  temp_dir d;
  auto p = load_project(d, R"(services:
  web: {image: busybox, networks: [outside]}
networks:
  outside: {external: true, name: corp-net}
)");
  fake_engine f;
  engine::network_inspect similar;  // the name filter matches substrings: not an exact match
  similar.name = "corp-net-2";
  EXPECT_CALL(f.networks, list(_)).WillOnce(Return(std::vector<engine::network_inspect>{similar}));
  EXPECT_CALL(f.networks, inspect(std::string_view("corp-net"))).WillOnce(Throw(not_found("network")));
  EXPECT_CALL(f.networks, create(_)).Times(0);
  EXPECT_CALL(f.containers, create(_, _)).Times(0);
  try {
    up(p, f.ref());
    FAIL() << "no error";
  } catch (const deploy_error& e) {
    EXPECT_EQ(e.kind(), deploy_error_kind::not_found);
    EXPECT_THAT(e.what(), HasSubstr("network corp-net declared as external, but could not be found"));
  }
}

TEST(Up, MissingImageWithPullNeverNamesImageAndService) {
  temp_dir d;
  auto p = load_project(d, "services:\n  web: {image: nosuch/image:1}\n");
  fake_engine f;
  EXPECT_CALL(f.images, inspect(std::string_view("nosuch/image:1"))).WillOnce(Throw(not_found("image")));
  EXPECT_CALL(f.images, pull(_, _, _, _)).Times(0);
  EXPECT_CALL(f.containers, create(_, _)).Times(0);
  up_options o;
  o.pull = pull_policy::never;
  try {
    up(p, f.ref(), o);
    FAIL() << "no error";
  } catch (const deploy_error& e) {
    EXPECT_EQ(e.kind(), deploy_error_kind::not_found);
    EXPECT_THAT(e.what(), HasSubstr("image \"nosuch/image:1\" of service \"web\""));
    EXPECT_THAT(e.what(), HasSubstr("pull policy is never"));
  }
}

TEST(Up, SecondUpWithNothingChangedMakesNoCreateStartOrStopCall) {
  temp_dir d;
  auto p = load_project(d, "services:\n  web: {image: busybox}\n  db: {image: busybox}\n");
  fake_engine f;
  ON_CALL(f.images, inspect(_)).WillByDefault(Return(image("sha256:img")));
  ON_CALL(f.containers, list(_))
      .WillByDefault(Return(std::vector<engine::container_summary>{observed_container(p, "web", 1, "sha256:img"),
                                                                   observed_container(p, "db", 1, "sha256:img")}));
  engine::network_inspect n;
  n.name = "demo_default";
  ON_CALL(f.networks, list(_)).WillByDefault(Return(std::vector<engine::network_inspect>{n}));
  EXPECT_CALL(f.containers, list(_)).Times(1);  // one labelled list call per kind
  EXPECT_CALL(f.networks, list(_)).Times(1);
  EXPECT_CALL(f.volumes, list(_)).Times(1);
  EXPECT_CALL(f.containers, create(_, _)).Times(0);
  EXPECT_CALL(f.containers, start(_)).Times(0);
  EXPECT_CALL(f.containers, stop(_, _)).Times(0);
  EXPECT_CALL(f.networks, create(_)).Times(0);
  EXPECT_CALL(f.images, inspect(_)).Times(1);  // both services use one image
  auto r = up(p, f.ref());
  EXPECT_TRUE(r.plan.actions.empty());
}

// --wait that runs out of time is a typed timeout (the CLI's hint comes from the kind, never from
// the message's text), and says how long it waited.
TEST(Up, WaitThatRunsOutOfTimeIsATimeoutError) {
  temp_dir d;
  auto p = load_project(d, "services:\n  web: {image: busybox, healthcheck: {test: [CMD, \"true\"]}}\n");
  fake_engine f;
  ON_CALL(f.images, inspect(_)).WillByDefault(Return(image("sha256:img")));
  ON_CALL(f.containers, list(_))
      .WillByDefault(Return(std::vector<engine::container_summary>{observed_container(p, "web", 1, "sha256:img")}));
  engine::network_inspect n;
  n.name = "demo_default";
  ON_CALL(f.networks, list(_)).WillByDefault(Return(std::vector<engine::network_inspect>{n}));
  engine::container_inspect starting;
  starting.name = "/demo-web-1";
  starting.state.running = true;
  starting.state.status = "running";
  starting.state.health = engine::container_health{"starting", 0, {}};
  ON_CALL(f.containers, inspect(_)).WillByDefault(Return(starting));
  up_options o;
  o.wait = true;
  o.wait_timeout = std::chrono::milliseconds(0);
  o.poll_interval = std::chrono::milliseconds(1);
  try {
    up(p, f.ref(), o);
    FAIL() << "no error";
  } catch (const deploy_error& e) {
    EXPECT_EQ(e.kind(), deploy_error_kind::timeout);
    EXPECT_STREQ(e.what(), "application not healthy after 0s");
  }
}

TEST(Down, FromLabelsAloneInReverseDependencyOrderKeepsExternalVolumes) {
  temp_dir d;
  auto p = load_project(d, R"(services:
  web:
    image: busybox
    depends_on: [db]
  db: {image: busybox}
)");
  fake_engine f;
  auto web = observed_container(p, "web", 1, "i");
  auto db = observed_container(p, "db", 1, "i");
  ON_CALL(f.containers, list(_)).WillByDefault(Return(std::vector<engine::container_summary>{db, web}));
  engine::network_inspect n;
  n.name = "demo_default";
  n.id = "netid";
  ON_CALL(f.networks, list(_)).WillByDefault(Return(std::vector<engine::network_inspect>{n}));
  engine::volume v;
  v.name = "demo_data";
  v.labels = {{"com.docker.compose.volume", "data"}, {"com.docker.compose.project", "demo"}};
  engine::volume_list vl;
  vl.volumes = {v};
  ON_CALL(f.volumes, list(_)).WillByDefault(Return(vl));
  std::vector<std::string> order;
  std::mutex m;
  ON_CALL(f.containers, stop(_, _)).WillByDefault(Invoke([&](std::string_view id, std::optional<int>) {
    std::lock_guard lock(m);
    order.push_back(std::string(id));
  }));
  EXPECT_CALL(f.containers, remove(_, ::testing::Field(&engine::container_remove_options::volumes, true))).Times(2);
  EXPECT_CALL(f.networks, remove(std::string_view("netid")));
  EXPECT_CALL(f.volumes, remove(std::string_view("demo_data"), _));
  down_options o;
  o.remove_volumes = true;
  auto r = down(std::string("demo"), f.ref(), o);
  EXPECT_EQ(order, (std::vector<std::string>{"id-web-1", "id-db-1"}));
  EXPECT_THAT(r.containers, UnorderedElementsAre("demo-web-1", "demo-db-1"));
  EXPECT_THAT(r.volumes, UnorderedElementsAre("demo_data"));
}

TEST(Down, NeverRemovesAVolumeTheProjectDeclaresExternal) {
  temp_dir d;
  auto p = load_project(d, R"(services:
  web: {image: busybox, volumes: [shared:/s]}
volumes:
  shared: {external: true, name: shared-vol}
)");
  fake_engine f;
  engine::volume v;  // even when it carries our labels
  v.name = "shared-vol";
  v.labels = {{"com.docker.compose.volume", "shared"}, {"com.docker.compose.project", "demo"}};
  engine::volume_list vl;
  vl.volumes = {v};
  ON_CALL(f.volumes, list(_)).WillByDefault(Return(vl));
  EXPECT_CALL(f.volumes, remove(_, _)).Times(0);
  down_options o;
  o.remove_volumes = true;
  down(p, f.ref(), o);
}

// Issue 20.1: a 64-hex, unlabelled volume mounted by a project container is not anonymous for that
// alone (`docker volume create` names volumes so); only those a recreate recorded are removed.
TEST(Down, RemovesOnlyTheInheritedAnonymousVolumesItsLabelRecords) {
  temp_dir d;
  auto p = load_project(d, R"(services:
  web: {image: busybox, volumes: [/anon]}
)");
  const std::string external(64, 'a'), inherited(64, 'b');
  fake_engine f;
  auto web = observed_container(p, "web", 1, "i");
  for (const auto& n : {external, inherited}) {
    engine::mount_point mp;
    mp.type = "volume";
    mp.name = n;
    web.mounts.push_back(mp);
  }
  web.labels[labels::inherited_volumes] = inherited;
  ON_CALL(f.containers, list(_)).WillByDefault(Return(std::vector<engine::container_summary>{web}));
  ON_CALL(f.volumes, inspect(_)).WillByDefault(Return(engine::volume{}));  // unlabelled, both
  EXPECT_CALL(f.volumes, remove(std::string_view(external), _)).Times(0);
  EXPECT_CALL(f.volumes, remove(std::string_view(inherited), _)).Times(2);
  down_options o;
  o.remove_volumes = true;
  EXPECT_THAT(down(std::string("demo"), f.ref(), o).volumes, ElementsAre(inherited));
  EXPECT_THAT(down(p, f.ref(), o).volumes, ElementsAre(inherited));
}

TEST(Ps, RowsFromOneListCall) {
  temp_dir d;
  auto p = load_project(d, "services:\n  web: {image: busybox}\n  db: {image: busybox}\n");
  fake_engine f;
  auto web = observed_container(p, "web", 1, "i");
  web.status = "Up 2 minutes (healthy)";
  web.command = "sh -c 'sleep 1'";
  web.ports = {engine::container_port{"0.0.0.0", 80, 8080, "tcp"}, engine::container_port{"", 443, {}, "tcp"}};
  auto db = observed_container(p, "db", 1, "i", "exited");
  db.status = "Exited (3) 5 seconds ago";
  EXPECT_CALL(f.containers, list(_)).WillOnce(Return(std::vector<engine::container_summary>{web, db}));
  EXPECT_CALL(f.containers, inspect(_)).Times(0);
  ps_options o;
  o.all = true;
  auto rows = ps("demo", f.ref(), o);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].name, "demo-db-1");
  EXPECT_EQ(rows[0].exit_code, 3);
  EXPECT_EQ(rows[1].service, "web");
  EXPECT_EQ(rows[1].health, "healthy");
  EXPECT_EQ(rows[1].ports, "0.0.0.0:8080->80/tcp, 443/tcp");
}

TEST(Logs, PrefixesAndWholeLinesPerContainer) {
  EXPECT_EQ(log_prefix("demo-web-1", "demo", 8), "web-1    | ");
  EXPECT_EQ(log_prefix("custom", "demo", 3), "custom | ");
  temp_dir d;
  auto p = load_project(d, "services:\n  web: {image: busybox}\n  database: {image: busybox}\n");
  fake_engine f;
  ON_CALL(f.containers, list(_))
      .WillByDefault(Return(std::vector<engine::container_summary>{observed_container(p, "web", 1, "i"),
                                                                   observed_container(p, "database", 1, "i")}));
  ON_CALL(f.containers, logs(_, _, _, _))
      .WillByDefault(
          Invoke([](std::string_view id, const engine::logs_options&, const engine::log_sink& s, std::stop_token) {
            if (id == "id-web-1") {
              s.on_stdout("hel");
              s.on_stdout("lo\nwor");
              s.on_stderr("err\n");
              s.on_stdout("ld");
            } else {
              s.on_stdout("db up\n");
            }
          }));
  std::vector<std::string> lines;
  logs("demo", f.ref(), {}, [&](std::string_view l) { lines.emplace_back(l); });
  EXPECT_THAT(lines, UnorderedElementsAre("web-1      | hello\n", "web-1      | err\n", "web-1      | world\n",
                                          "database-1 | db up\n"));
}

TEST(Pull, AnErrorInsideTheStreamNamesImageAndService) {
  temp_dir d;
  auto p =
      load_project(d, "services:\n  web: {image: reg/web:1}\n  api: {image: reg/web:1}\n  db: {image: reg/db:2}\n");
  fake_engine f;
  EXPECT_CALL(f.images, pull(std::string_view("reg/db:2"), _, _, _));
  EXPECT_CALL(f.images, pull(std::string_view("reg/web:1"), _, _, _))  // one pull per distinct image
      .WillOnce(Throw(engine::engine_error(engine::error_kind::stream, "reg/web:1: manifest unknown")));
  try {
    pull(p, f.ref());
    FAIL() << "no error";
  } catch (const deploy_error& e) {
    EXPECT_EQ(e.kind(), deploy_error_kind::engine);
    EXPECT_THAT(e.what(), HasSubstr("pulling image \"reg/web:1\" (service api, web) failed"));
    EXPECT_THAT(e.what(), HasSubstr("manifest unknown"));
  }
  pull_options ignore;
  ignore.ignore_failures = true;
  EXPECT_CALL(f.images, pull(std::string_view("reg/db:2"), _, _, _));
  EXPECT_CALL(f.images, pull(std::string_view("reg/web:1"), _, _, _))
      .WillOnce(Throw(engine::engine_error(engine::error_kind::stream, "x")));
  EXPECT_THAT(pull(p, f.ref(), ignore), ::testing::ElementsAre("reg/db:2"));
}

TEST(Lifecycle, StopInReverseAndStartInDependencyOrderFromLabels) {
  temp_dir d;
  auto p = load_project(d, R"(services:
  web:
    image: busybox
    depends_on: [api]
  api:
    image: busybox
    depends_on: [db]
  db: {image: busybox}
)");
  fake_engine f;
  std::vector<engine::container_summary> running{
      observed_container(p, "db", 1, "i"), observed_container(p, "web", 1, "i"), observed_container(p, "api", 1, "i")};
  ON_CALL(f.containers, list(_)).WillByDefault(Return(running));
  std::vector<std::string> order;
  std::mutex m;
  auto record = [&](std::string_view id) {
    std::lock_guard lock(m);
    order.emplace_back(id);
  };
  ON_CALL(f.containers, stop(_, _)).WillByDefault(Invoke([&](std::string_view id, std::optional<int>) { record(id); }));
  stop("demo", f.ref());
  EXPECT_EQ(order, (std::vector<std::string>{"id-web-1", "id-api-1", "id-db-1"}));

  for (auto& c : running) c.state = "exited";
  ON_CALL(f.containers, list(_)).WillByDefault(Return(running));
  ON_CALL(f.containers, start(_)).WillByDefault(Invoke(record));
  order.clear();
  start("demo", f.ref());
  EXPECT_EQ(order, (std::vector<std::string>{"id-db-1", "id-api-1", "id-web-1"}));

  // kill signals every running container, none of the stopped ones
  running[1].state = "running";
  ON_CALL(f.containers, list(_)).WillByDefault(Return(running));
  EXPECT_CALL(f.containers, kill(std::string_view("id-web-1"), std::string_view("SIGKILL")));
  EXPECT_CALL(f.containers, kill(std::string_view("id-db-1"), _)).Times(0);
  EXPECT_CALL(f.containers, kill(std::string_view("id-api-1"), _)).Times(0);
  kill("demo", f.ref());
  running[1].state = "exited";

  // rm skips running containers unless asked to stop them first
  running[0].state = "running";
  ON_CALL(f.containers, list(_)).WillByDefault(Return(running));
  EXPECT_CALL(f.containers, remove(std::string_view("id-db-1"), _)).Times(0);
  EXPECT_CALL(f.containers, remove(std::string_view("id-web-1"), _));
  EXPECT_CALL(f.containers, remove(std::string_view("id-api-1"), _));
  EXPECT_THAT(rm("demo", f.ref()), ::testing::ElementsAre("demo-api-1", "demo-web-1"));
}

}  // namespace
}  // namespace stackctl::deploy
