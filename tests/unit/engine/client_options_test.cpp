#include <gtest/gtest.h>

#include <cstdlib>
#include <map>
#include <optional>
#include <string>

#include "stackctl/engine/client_options.hpp"
#include "stackctl/engine/error.hpp"

namespace stackctl::engine {
namespace {

// Sets/unsets the DOCKER_* variables for one test and restores them afterwards.
class ClientOptionsFromEnv : public ::testing::Test {
 protected:
  static constexpr const char* kNames[] = {"DOCKER_HOST", "DOCKER_API_VERSION", "DOCKER_CERT_PATH", "DOCKER_TLS_VERIFY",
                                           "HOME"};

  void SetUp() override {
    for (const char* name : kNames) {
      const char* value = std::getenv(name);
      saved_[name] = value ? std::optional<std::string>(value) : std::nullopt;
      if (std::string(name) != "HOME") ::unsetenv(name);
    }
  }
  void TearDown() override {
    for (const auto& [name, value] : saved_) {
      if (value) {
        ::setenv(name.c_str(), value->c_str(), 1);
      } else {
        ::unsetenv(name.c_str());
      }
    }
  }
  static void set(const char* name, const char* value) { ::setenv(name, value, 1); }

  std::map<std::string, std::optional<std::string>> saved_;
};

TEST_F(ClientOptionsFromEnv, NothingSetGivesDefaults) {
  const client_options options = client_options::from_env();
  EXPECT_EQ(options.host, "");
  EXPECT_FALSE(options.pinned_version);
  EXPECT_FALSE(options.tls);
  EXPECT_EQ(options.connect_timeout, std::chrono::seconds(10));
  EXPECT_EQ(options.request_timeout, std::chrono::seconds(60));
}

TEST_F(ClientOptionsFromEnv, HostAndPinnedVersion) {
  set("DOCKER_HOST", "tcp://10.1.2.3:2375");
  set("DOCKER_API_VERSION", "1.41");
  const client_options options = client_options::from_env();
  EXPECT_EQ(options.host, "tcp://10.1.2.3:2375");
  ASSERT_TRUE(options.pinned_version);
  EXPECT_EQ(*options.pinned_version, (api_version{1, 41}));
}

TEST_F(ClientOptionsFromEnv, EmptyApiVersionMeansNegotiate) {
  set("DOCKER_API_VERSION", "");
  EXPECT_FALSE(client_options::from_env().pinned_version);
}

TEST_F(ClientOptionsFromEnv, InvalidApiVersionIsAVersionError) {
  set("DOCKER_API_VERSION", "latest");
  try {
    client_options::from_env();
    FAIL() << "expected an error";
  } catch (const engine_error& e) {
    EXPECT_EQ(e.kind(), error_kind::version);
    EXPECT_NE(e.message().find("DOCKER_API_VERSION"), std::string::npos);
  }
}

TEST_F(ClientOptionsFromEnv, CertPathWithoutVerifySkipsVerification) {
  set("DOCKER_CERT_PATH", "/etc/docker/certs/");
  const client_options options = client_options::from_env();
  ASSERT_TRUE(options.tls);
  EXPECT_EQ(options.tls->ca_file, "/etc/docker/certs/ca.pem");
  EXPECT_EQ(options.tls->cert_file, "/etc/docker/certs/cert.pem");
  EXPECT_EQ(options.tls->key_file, "/etc/docker/certs/key.pem");
  EXPECT_FALSE(options.tls->verify);
}

TEST_F(ClientOptionsFromEnv, CertPathWithVerify) {
  set("DOCKER_CERT_PATH", "/certs");
  set("DOCKER_TLS_VERIFY", "1");
  const client_options options = client_options::from_env();
  ASSERT_TRUE(options.tls);
  EXPECT_TRUE(options.tls->verify);
  EXPECT_EQ(options.tls->ca_file, "/certs/ca.pem");
}

TEST_F(ClientOptionsFromEnv, VerifyAloneUsesHomeDockerDir) {
  set("HOME", "/home/ops");
  set("DOCKER_TLS_VERIFY", "1");
  const client_options options = client_options::from_env();
  ASSERT_TRUE(options.tls);
  EXPECT_EQ(options.tls->cert_file, "/home/ops/.docker/cert.pem");
  EXPECT_TRUE(options.tls->verify);
}

TEST_F(ClientOptionsFromEnv, EmptyVerifyIsFalse) {
  set("DOCKER_TLS_VERIFY", "");
  EXPECT_FALSE(client_options::from_env().tls);
}

}  // namespace
}  // namespace stackctl::engine
