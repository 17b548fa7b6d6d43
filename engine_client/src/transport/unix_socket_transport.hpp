#pragma once
// HTTP/1.1 to the daemon's unix socket on plain POSIX sockets. The daemon speaks a small, well-known
// dialect (Content-Length or chunked replies, no compression, no redirects), and doing it here
// keeps libcurl — and the thirty libraries it loads, ~7 MiB of every process — out of the common
// case. Keep-alive through a small pool of idle connections: a request takes one (or connects)
// and gives it back when the reply was read to its end. Private to the engine client.
#include <chrono>
#include <mutex>
#include <string>
#include <vector>

#include "stackctl/engine/docker_host.hpp"
#include "transport/transport.hpp"
#include "transport/unique_fd.hpp"

namespace stackctl::engine::detail {

class unix_socket_transport final : public transport {
 public:
  unix_socket_transport(docker_host host, std::chrono::milliseconds connect_timeout);

  http_response perform(const http_request& request) override;
  std::unique_ptr<hijacked_stream> upgrade(const http_request& request, http_response& response) override;

 private:
  unique_fd connect_socket(const http_request& request) const;
  unique_fd take_idle();
  void give_back(unique_fd connection);

  docker_host host_;
  std::string where_;  // "unix:///var/run/docker.sock", for messages
  std::chrono::milliseconds connect_timeout_;
  std::string user_agent_;
  std::mutex pool_mutex_;
  std::vector<unique_fd> idle_;
};

}  // namespace stackctl::engine::detail
