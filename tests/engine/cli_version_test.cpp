// `stackctl version` against the real daemon, as a user runs it.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "engine_fixture.hpp"
#include "process.hpp"
#include "stackctl/engine/client_version.hpp"

namespace stackctl::testing {
namespace {

using ::testing::HasSubstr;

class cli_version_test : public engine_test {};

TEST_F(cli_version_test, PrintsClientEngineAndNegotiatedVersions) {
  const auto result = run_process({STACKCTL_BINARY, "version"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.out, HasSubstr(fmt::format("stackctl version {}", engine::client_version())));
  EXPECT_THAT(result.out, HasSubstr(docker.system().version().version));
  EXPECT_THAT(result.out, HasSubstr("Negotiated API:       " + docker.negotiated_version().to_string()));
  EXPECT_TRUE(result.err.empty()) << result.err;
}

TEST_F(cli_version_test, PinnedApiVersionIsUsed) {
  const auto result = run_process({STACKCTL_BINARY, "version", "--format", "json"}, {}, {"DOCKER_API_VERSION=1.40"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.out, HasSubstr(R"("negotiated_api_version": "1.40")"));
}

TEST_F(cli_version_test, AnEngineThatDoesNotAnswerIsOneClearLine) {
  temp_dir dir;
  const auto socket = (dir.path() / "none.sock").string();
  const auto result = run_process({STACKCTL_BINARY, "version"}, {}, {"DOCKER_HOST=unix://" + socket});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.err,
            fmt::format("stackctl: cannot connect to the Docker daemon at unix://{} — is it running?\n", socket));
}

}  // namespace
}  // namespace stackctl::testing
