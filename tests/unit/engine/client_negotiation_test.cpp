#include <gtest/gtest.h>

#include "stackctl/engine/error.hpp"
#include "stackctl/engine/negotiation.hpp"

namespace stackctl::engine {
namespace {

TEST(Negotiation, OlderDaemonWins) {
  EXPECT_EQ(negotiate_api_version(api_version{1, 41}, std::nullopt), (api_version{1, 41}));
}

TEST(Negotiation, NewerDaemonIsSpokenToAtOurMaximum) {
  EXPECT_EQ(negotiate_api_version(api_version{1, 52}, std::nullopt), kMaxApiVersion);
  EXPECT_EQ(negotiate_api_version(api_version{2, 0}, std::nullopt), kMaxApiVersion);
}

TEST(Negotiation, ExactlyTheMinimumIsAccepted) {
  EXPECT_EQ(negotiate_api_version(kMinApiVersion, std::nullopt), kMinApiVersion);
}

TEST(Negotiation, TooOldDaemonIsAClearVersionError) {
  try {
    negotiate_api_version(api_version{1, 39}, std::nullopt);
    FAIL() << "expected an error";
  } catch (const engine_error& e) {
    EXPECT_EQ(e.kind(), error_kind::version);
    EXPECT_NE(e.message().find("1.39"), std::string::npos) << e.message();
    EXPECT_NE(e.message().find(kMinApiVersion.to_string()), std::string::npos) << e.message();
  }
}

TEST(Negotiation, MissingHeaderCountsAsAncient) {
  EXPECT_THROW(negotiate_api_version(std::nullopt, std::nullopt), engine_error);
}

TEST(Negotiation, PinnedVersionWinsWithoutADaemon) {
  EXPECT_EQ(negotiate_api_version(std::nullopt, api_version{1, 41}), (api_version{1, 41}));
  EXPECT_EQ(negotiate_api_version(api_version{1, 44}, api_version{1, 40}), (api_version{1, 40}));
  // A pin above what we model is the user's explicit choice.
  EXPECT_EQ(negotiate_api_version(std::nullopt, api_version{1, 50}), (api_version{1, 50}));
}

TEST(Negotiation, PinnedBelowMinimumIsRefused) {
  try {
    negotiate_api_version(api_version{1, 41}, api_version{1, 24});
    FAIL() << "expected an error";
  } catch (const engine_error& e) {
    EXPECT_EQ(e.kind(), error_kind::version);
    EXPECT_NE(e.message().find("DOCKER_API_VERSION"), std::string::npos) << e.message();
  }
}

}  // namespace
}  // namespace stackctl::engine
