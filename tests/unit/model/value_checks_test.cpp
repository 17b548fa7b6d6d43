// Issue 20, item 4: values that passed loading and then failed `up` (std::stoi), failed at the
// engine without a location, rendered negative, or wrapped to 0 containers. Each is refused at
// load naming file:line:column and the field; the values next to each limit still load.
#include <gmock/gmock.h>

#include "project_test_support.hpp"

using namespace stackctl::model;
using stackctl::model::testing::load_error;
using stackctl::model::testing::temp_project;
using ::testing::EndsWith;

namespace {

// The error of a service `web` (image nginx) with `lines` added, "" when it loads.
std::string web_error(temp_project& t, const std::string& lines) {
  t.write("compose.yaml", "services:\n  web:\n    image: nginx\n" + lines);
  return load_error(t.options());
}

service web(temp_project& t, const std::string& lines) {
  return t.load_file("services:\n  web:\n    image: nginx\n" + lines).services.at("web");
}

}  // namespace

TEST(RestartPolicy, TheEnginesPoliciesLoad) {
  temp_project t;
  for (const char* ok : {"no", "\"no\"", "always", "unless-stopped", "on-failure", "on-failure:3", "on-failure:+3",
                         "on-failure:0", "always:0", "\"\""})
    EXPECT_EQ(web_error(t, std::string("    restart: ") + ok + "\n"), "") << ok;
  EXPECT_EQ(web(t, "    restart: on-failure:2147483647\n").restart, "on-failure:2147483647");
}

TEST(RestartPolicy, OthersAreRefusedAtTheField) {
  temp_project t;
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"on-failure:abc", "invalid restart policy format: maximum retry count must be an integer"},
      {"\"on-failure:\"", "invalid restart policy format: maximum retry count must be an integer"},
      {"on-failure:1:2", "invalid restart policy format: maximum retry count must be an integer"},
      {"on-failure:99999999999", "invalid restart policy: maximum retry count must be at most 2147483647"},
      {"on-failure:2147483648", "invalid restart policy: maximum retry count must be at most 2147483647"},
      {"on-failure:-1", "invalid restart policy: maximum retry count cannot be negative"},
      {"always:3", "invalid restart policy: maximum retry count can only be used with 'on-failure'"},
      {"\":3\"", "invalid restart policy format: no policy provided before colon"},
      {"sometimes",
       "invalid restart policy: unknown policy 'sometimes'; use one of 'no', 'always', 'on-failure', or "
       "'unless-stopped'"},
      {"false", "must be a string, not a boolean"},  // the schema's verdict (compose-spec.json)
  };
  for (const auto& [value, error] : cases)
    EXPECT_THAT(web_error(t, "    restart: " + value + "\n"), EndsWith(":4:14: services.web.restart: " + error))
        << value;
  EXPECT_THAT(web_error(t, "    deploy:\n      restart_policy:\n        condition: sometimes\n"),
              EndsWith(":6:20: services.web.deploy.restart_policy.condition: invalid restart_policy condition "
                       "'sometimes'; use one of 'none', 'on-failure' or 'any'"));
  for (const char* ok : {"none", "any", "on-failure"})
    EXPECT_EQ(web_error(t, std::string("    deploy:\n      restart_policy:\n        condition: ") + ok + "\n"), "");
}

TEST(PortSpec, PortsAreZeroTo65535AndTheIpIsAnAddress) {
  temp_project t;
  const auto port_error = [&](const std::string& spec) {
    return web_error(t, "    ports:\n      - \"" + spec + "\"\n");
  };
  for (const char* ok : {"65535:65535", "0", "127.0.0.1:80:80", "[::1]:80:80", "::1:80:80", "8000-8010:80",
                         "9090-9091:8080-8081", "080:0080/udp"})
    EXPECT_EQ(port_error(ok), "") << ok;
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"99999:80", "invalid hostPort: 99999"},
      {"8080:65536", "invalid containerPort: 65536"},
      {"8000-70000:80", "invalid hostPort: 8000-70000"},
      {"80:8000-70000", "invalid containerPort: 8000-70000"},
      {"80:80:80:80", "invalid IP address: 80:80"},
      {"localhost:80:80", "invalid IP address: localhost"},
      {"999999999999999999999:80", "invalid hostPort: 999999999999999999999"},
      {"8000-8002:80-81", "invalid ranges specified for container and host Ports: 80-81 and 8000-8002"},
  };
  for (const auto& [spec, error] : cases)
    EXPECT_THAT(port_error(spec), EndsWith(":5:9: services.web.ports[0]: invalid port \"" + spec + "\": " + error))
        << spec;
  // The long syntax, and expose.
  EXPECT_THAT(web_error(t, "    ports:\n      - target: 65536\n"),
              EndsWith(":5:17: services.web.ports[0].target: must be less than or equal to 65535"));
  EXPECT_THAT(web_error(t, "    ports:\n      - {target: 80, published: \"99999\"}\n"),
              EndsWith(":5:33: services.web.ports[0].published: invalid hostPort: 99999"));
  EXPECT_THAT(web_error(t, "    ports:\n      - {target: 80, host_ip: 80.80}\n"),
              EndsWith(":5:31: services.web.ports[0].host_ip: must be a string, not a number"));
  EXPECT_THAT(web_error(t, "    ports:\n      - {target: 80, host_ip: \"80.80\"}\n"),
              EndsWith(":5:31: services.web.ports[0].host_ip: invalid IP address: 80.80"));
  EXPECT_EQ(web_error(t, "    ports:\n      - {target: 80, published: 8000-8010, host_ip: \"::\"}\n"), "");
  EXPECT_THAT(web_error(t, "    expose: [\"99999\"]\n"),
              EndsWith(":4:14: services.web.expose[0]: invalid port \"99999\": invalid containerPort: 99999"));
  EXPECT_EQ(web_error(t, "    expose: [\"8000-8010/tcp\", 3000]\n"), "");
}

TEST(MountTarget, AContainerPathMustBeAbsolute) {
  temp_project t;
  EXPECT_THAT(web_error(t, "    volumes:\n      - \"::\"\n"),
              EndsWith(":5:9: services.web.volumes[0]: invalid mount config for type \"volume\": invalid mount path: "
                       "'::' mount path must be absolute"));
  EXPECT_THAT(web_error(t, "    volumes:\n      - ./data:data\n"),
              EndsWith(":5:9: services.web.volumes[0]: invalid mount config for type \"bind\": invalid mount path: "
                       "'data' mount path must be absolute"));
  EXPECT_THAT(web_error(t, "    volumes:\n      - {type: tmpfs, target: run}\n"),
              EndsWith(":5:31: services.web.volumes[0].target: invalid mount config for type \"tmpfs\": invalid mount "
                       "path: 'run' mount path must be absolute"));
  EXPECT_EQ(web_error(t, "    volumes:\n      - /var/lib/data\n      - {type: tmpfs, target: /run}\n"), "");
}

TEST(IntegerRange, ScaleAndReplicasFitTheEnginesInt) {
  temp_project t;
  EXPECT_EQ(web(t, "    scale: 2147483647\n").replicas(), 2147483647);
  EXPECT_EQ(web(t, "    scale: 0\n").replicas(), 0);
  EXPECT_EQ(web(t, "    deploy: {replicas: 2147483647}\n").replicas(), 2147483647);
  for (const char* big : {"2147483648", "3000000000", "9223372036854775807"}) {
    EXPECT_THAT(web_error(t, std::string("    scale: ") + big + "\n"),
                EndsWith(":4:12: services.web.scale: must be less than or equal to 2147483647"));
    EXPECT_THAT(web_error(t, std::string("    deploy:\n      replicas: ") + big + "\n"),
                EndsWith(":5:17: services.web.deploy.replicas: must be less than or equal to 2147483647"));
  }
  EXPECT_THAT(web_error(t, "    scale: -1\n"),
              EndsWith(":4:12: services.web.scale: must be greater than or equal to 0"));
  EXPECT_THAT(web_error(t, "    scale: 9223372036854775808\n"),
              EndsWith(":4:12: services.web.scale: invalid integer: \"9223372036854775808\": value out of range"));
  EXPECT_THAT(web_error(t, "    healthcheck:\n      retries: 2147483648\n"),
              EndsWith(":5:16: services.web.healthcheck.retries: must be less than or equal to 2147483647"));
  EXPECT_THAT(web_error(t, "    deploy:\n      restart_policy: {max_attempts: -1}\n"),
              EndsWith(":5:38: services.web.deploy.restart_policy.max_attempts: must be greater than or equal to 0"));
  EXPECT_THAT(web_error(t, "    oom_score_adj: 1001\n"),
              EndsWith(":4:20: services.web.oom_score_adj: must be less than or equal to 1000"));
  EXPECT_THAT(web_error(t, "    cpu_count: -1\n"),
              EndsWith(":4:16: services.web.cpu_count: must be greater than or equal to 0"));
  EXPECT_EQ(web_error(t, "    pids_limit: -9223372036854775808\n    oom_score_adj: -1000\n"), "");
}

TEST(ByteSize, SizesFitAnInt64AndAreNotNegative) {
  temp_project t;
  EXPECT_EQ(web(t, "    shm_size: 8191p\n").shm_size, 9222246136947933184);
  EXPECT_THAT(web_error(t, "    shm_size: 99999999999999999999g\n"),
              EndsWith(":4:15: services.web.shm_size: invalid size: \"99999999999999999999g\": value out of range"));
  EXPECT_THAT(web_error(t, "    shm_size: 8192p\n"),
              EndsWith(":4:15: services.web.shm_size: invalid size: \"8192p\": value out of range"));
  EXPECT_THAT(web_error(t, "    mem_limit: -5\n"),
              EndsWith(":4:16: services.web.mem_limit: must be greater than or equal to 0"));
  EXPECT_EQ(web_error(t, "    memswap_limit: -1\n"), "");
  EXPECT_THAT(web_error(t, "    memswap_limit: -2\n"),
              EndsWith(":4:20: services.web.memswap_limit: must be -1 (unlimited) or greater than or equal to 0"));
  EXPECT_THAT(
      web_error(t, "    deploy:\n      resources:\n        limits: {memory: 9999999999p}\n"),
      EndsWith(":6:26: services.web.deploy.resources.limits.memory: invalid size: \"9999999999p\": value out of "
               "range"));
}

TEST(FloatRange, CpusAreAFiniteFloat32AndNotNegative) {
  temp_project t;
  for (const char* bad : {"inf", "nan", "\"-inf\""})
    EXPECT_THAT(web_error(t, std::string("    cpus: ") + bad + "\n"),
                ::testing::HasSubstr(":4:11: services.web.cpus: invalid number: "));
  EXPECT_THAT(web_error(t, "    cpus: 1e39\n"),
              EndsWith(":4:11: services.web.cpus: invalid number: \"1e39\": value out of range"));
  EXPECT_THAT(web_error(t, "    cpus: -2\n"), EndsWith(":4:11: services.web.cpus: must be greater than or equal to 0"));
  EXPECT_EQ(web(t, "    cpus: 0.5\n").name, "web");
}

TEST(DurationRange, DurationsFitAnInt64OfNanosecondsAndTheEnginesUnits) {
  temp_project t;
  EXPECT_TRUE(web(t, "    healthcheck:\n      interval: 2562047h\n").health->interval.has_value());
  EXPECT_THAT(web_error(t, "    healthcheck:\n      interval: 2562048h\n"),
              EndsWith(":5:17: services.web.healthcheck.interval: invalid duration: \"2562048h\""));
  EXPECT_THAT(web_error(t, "    stop_grace_period: 999999999999h\n"),
              EndsWith(":4:24: services.web.stop_grace_period: invalid duration: \"999999999999h\""));
  EXPECT_THAT(web_error(t, "    stop_grace_period: " + std::string(5000, '9') + "s\n"),
              ::testing::HasSubstr("services.web.stop_grace_period: invalid duration"));
  // stop_grace_period becomes the engine's StopTimeout, an int of seconds.
  EXPECT_EQ(web(t, "    stop_grace_period: 2147483647s\n").stop_grace_period, std::chrono::seconds(2147483647));
  EXPECT_THAT(web_error(t, "    stop_grace_period: 2147483648s\n"),
              EndsWith(":4:24: services.web.stop_grace_period: must be at most 2147483647s"));
  // The engine refuses a healthcheck duration that is set but under 1ms.
  EXPECT_THAT(web_error(t, "    healthcheck:\n      interval: 500us\n"),
              EndsWith(":5:17: services.web.healthcheck.interval: Interval in Healthcheck cannot be less than 1ms"));
  EXPECT_THAT(
      web_error(t, "    healthcheck:\n      start_period: -1s\n"),
      EndsWith(":5:21: services.web.healthcheck.start_period: StartPeriod in Healthcheck cannot be less than 1ms"));
  EXPECT_EQ(web_error(t, "    healthcheck:\n      interval: 0s\n      timeout: 1ms\n"), "");
}

TEST(Ulimits, SoftMayNotExceedHard) {
  temp_project t;
  EXPECT_THAT(web_error(t, "    ulimits:\n      nofile: {soft: 20000, hard: 10000}\n"),
              EndsWith(":5:22: services.web.ulimits.nofile.soft: ulimit soft limit must be less than or equal to hard "
                       "limit: 20000 > 10000"));
  EXPECT_THAT(web_error(t, "    ulimits:\n      nofile: {soft: -1, hard: 10000}\n"),
              EndsWith("ulimit soft limit must be less than or equal to hard limit: -1 (unlimited) > 10000"));
  EXPECT_EQ(web_error(t, "    ulimits:\n      nofile: {soft: 10000, hard: -1}\n      nproc: 65535\n"), "");
}
