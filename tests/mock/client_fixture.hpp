#pragma once
// A mock engine and a stackctl engine client pointed at it. The client is declared after the
// engine so it is destroyed first (its keep-alive connections close before the server stops).
#include <chrono>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include <stackctl/engine/client.hpp>
#include <stackctl/engine/error.hpp>
#include <stackctl/mock_engine/mock_engine.hpp>

namespace stackctl::mock_engine::testing {

// ctest runs the client tests twice: over a unix socket (the client's own socket transport) and,
// with STACKCTL_MOCK_TRANSPORT=tcp, over tcp (the client's libcurl transport).
inline bool over_tcp() {
  const char* transport = std::getenv("STACKCTL_MOCK_TRANSPORT");
  return transport != nullptr && std::string_view(transport) == "tcp";
}

inline mock_options engine_at(std::string api_version) {
  mock_options options;
  options.api_version = std::move(api_version);
  options.tcp = over_tcp();
  return options;
}

inline engine::client_options client_for(const mock_engine& engine,
                                         std::chrono::milliseconds request_timeout = std::chrono::seconds{10},
                                         std::optional<engine::api_version> pinned = std::nullopt) {
  engine::client_options options;
  options.host = engine.docker_host();
  options.request_timeout = request_timeout;
  options.connect_timeout = std::chrono::seconds{5};
  options.pinned_version = pinned;
  return options;
}

// Runs `call`, expecting an engine_error; returns it (a default-constructed one with kind
// `cancelled` and an ADD_FAILURE when nothing or something else was thrown).
template <class Call>
engine::engine_error catch_engine_error(Call&& call) {
  try {
    call();
  } catch (const engine::engine_error& e) {
    return e;
  } catch (const std::exception& e) {
    ADD_FAILURE() << "expected engine_error, got: " << e.what();
    return engine::engine_error(engine::error_kind::cancelled, "wrong exception");
  }
  ADD_FAILURE() << "expected engine_error, nothing was thrown";
  return engine::engine_error(engine::error_kind::cancelled, "nothing thrown");
}

class client_test : public ::testing::Test {
 protected:
  mock_engine engine{engine_at("1.41")};
  engine::client docker{client_for(engine)};

  std::string v(std::string_view endpoint) const { return engine.api_path(endpoint); }

  void TearDown() override { EXPECT_TRUE(engine.verify_ok()) << engine.report(); }
};

}  // namespace stackctl::mock_engine::testing
