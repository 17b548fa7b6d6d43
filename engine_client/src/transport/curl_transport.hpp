#pragma once
// The libcurl transport for tcp(+TLS) (it can also speak to a unix socket, which only tests use):
// HTTP/1.1, keep-alive through a small pool of idle easy handles (a request takes one and returns
// it, so a handle is never shared by two threads and its connection is reused). Private to the
// engine client.
#include <chrono>
#include <mutex>
#include <optional>
#include <vector>

#include "stackctl/engine/client_options.hpp"
#include "stackctl/engine/docker_host.hpp"
#include "transport/curl_handle.hpp"
#include "transport/http_message.hpp"
#include "transport/transport.hpp"

namespace stackctl::engine::detail {

class curl_transport final : public transport {
 public:
  curl_transport(docker_host host, std::optional<tls_options> tls, std::chrono::milliseconds connect_timeout);

  http_response perform(const http_request& request) override;

 private:
  // An easy handle and the multi handle that drives it (and keeps its connections).
  struct handle_pair {
    curl_handle easy;
    curl_multi multi;
  };

  handle_pair acquire();
  void release(handle_pair handles);
  // Runs the transfer; returns its result, or CURLE_ABORTED_BY_CALLBACK when `stop` fired.
  static CURLcode run(handle_pair& handles, const std::stop_token& stop);

  docker_host host_;
  std::optional<tls_options> tls_;
  std::chrono::milliseconds connect_timeout_;
  std::string url_prefix_;
  std::string user_agent_;
  std::mutex pool_mutex_;
  std::vector<handle_pair> idle_;
};

}  // namespace stackctl::engine::detail
