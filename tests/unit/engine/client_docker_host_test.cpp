#include <gtest/gtest.h>

#include "stackctl/engine/docker_host.hpp"
#include "stackctl/engine/error.hpp"

namespace stackctl::engine {
namespace {

using kind = docker_host::transport_kind;

TEST(DockerHost, EmptyMeansTheDefaultSocket) {
  const docker_host host = parse_docker_host("");
  EXPECT_EQ(host.kind, kind::unix_socket);
  EXPECT_EQ(host.socket_path, "/var/run/docker.sock");
  EXPECT_EQ(host.to_string(), "unix:///var/run/docker.sock");
  EXPECT_EQ(host.url_prefix(), "http://api.moby.localhost");
}

TEST(DockerHost, UnixPath) {
  const docker_host host = parse_docker_host("unix:///run/user/1000/docker.sock");
  EXPECT_EQ(host.kind, kind::unix_socket);
  EXPECT_EQ(host.socket_path, "/run/user/1000/docker.sock");
  EXPECT_FALSE(host.tls);
}

TEST(DockerHost, UnixNeedsAnAbsolutePath) {
  EXPECT_THROW(parse_docker_host("unix://"), engine_error);
  EXPECT_THROW(parse_docker_host("unix://relative.sock"), engine_error);
}

TEST(DockerHost, TcpWithPortAndBasePath) {
  const docker_host host = parse_docker_host("tcp://10.0.0.5:2377/proxy/docker/");
  EXPECT_EQ(host.kind, kind::tcp);
  EXPECT_EQ(host.hostname, "10.0.0.5");
  EXPECT_EQ(host.port, 2377);
  EXPECT_EQ(host.base_path, "/proxy/docker");
  EXPECT_EQ(host.url_prefix(), "http://10.0.0.5:2377/proxy/docker");
  EXPECT_EQ(host.to_string(), "tcp://10.0.0.5:2377/proxy/docker");
}

TEST(DockerHost, TcpDefaultPortDependsOnTls) {
  EXPECT_EQ(parse_docker_host("tcp://docker.example").port, 2375);
  const docker_host secure = parse_docker_host("tcp://docker.example", /*tls=*/true);
  EXPECT_EQ(secure.port, 2376);
  EXPECT_TRUE(secure.tls);
  EXPECT_EQ(secure.url_prefix(), "https://docker.example:2376");
}

TEST(DockerHost, HttpsSchemeTurnsTlsOn) {
  const docker_host host = parse_docker_host("https://docker.example");
  EXPECT_TRUE(host.tls);
  EXPECT_EQ(host.port, 2376);
}

TEST(DockerHost, Ipv6Literal) {
  const docker_host host = parse_docker_host("tcp://[::1]:2375");
  EXPECT_EQ(host.hostname, "[::1]");
  EXPECT_EQ(host.port, 2375);
  EXPECT_EQ(parse_docker_host("tcp://[fe80::1]").port, 2375);
}

TEST(DockerHost, EmptyTcpHostIsLocalhost) { EXPECT_EQ(parse_docker_host("tcp://:2375").hostname, "127.0.0.1"); }

TEST(DockerHost, SurroundingWhitespaceIsIgnored) { EXPECT_EQ(parse_docker_host("  tcp://h:1\n").port, 1); }

TEST(DockerHost, BadPortsAreRejected) {
  EXPECT_THROW(parse_docker_host("tcp://h:"), engine_error);
  EXPECT_THROW(parse_docker_host("tcp://h:abc"), engine_error);
  EXPECT_THROW(parse_docker_host("tcp://h:70000"), engine_error);
  EXPECT_THROW(parse_docker_host("tcp://h:0"), engine_error);
}

engine_error error_of(std::string_view text) {
  try {
    parse_docker_host(text);
  } catch (const engine_error& e) {
    return e;
  }
  ADD_FAILURE() << "no error for " << text;
  return engine_error(error_kind::invalid, "");
}

TEST(DockerHost, SshIsRefusedWithAHint) {
  const engine_error e = error_of("ssh://me@build-host");
  EXPECT_EQ(e.kind(), error_kind::connection);
  EXPECT_NE(e.message().find("ssh:// is not supported"), std::string::npos) << e.message();
  EXPECT_NE(e.message().find("DOCKER_HOST=unix://"), std::string::npos) << e.message();
}

TEST(DockerHost, NpipeFdAndUnknownSchemesAreRefused) {
  EXPECT_NE(error_of("npipe:////./pipe/docker_engine").message().find("npipe"), std::string::npos);
  EXPECT_EQ(error_of("fd://").kind(), error_kind::connection);
  EXPECT_NE(error_of("ftp://x").message().find("unsupported scheme"), std::string::npos);
  EXPECT_NE(error_of("/var/run/docker.sock").message().find("expected unix:///path"), std::string::npos);
}

}  // namespace
}  // namespace stackctl::engine
