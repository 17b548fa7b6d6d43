#include "client_core.hpp"

#include <stdexcept>
#include <utility>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "stackctl/engine/error.hpp"
#include "stackctl/engine/http_error.hpp"
#include "stackctl/engine/negotiation.hpp"
#include "transport/connection_errors.hpp"

namespace stackctl::engine::detail {

client_core::client_core(client_options options)
    : options_(std::move(options)),
      host_(parse_docker_host(options_.host, options_.tls.has_value())),
      transport_(make_transport(host_, options_.tls, options_.connect_timeout)) {}

http_response client_core::ping() {
  http_request head;
  head.method = "HEAD";
  head.target = "/_ping";
  head.timeout = options_.request_timeout;
  http_response response = transport_->perform(head);
  if (response.status == 200) return response;

  http_request get = head;
  get.method = "GET";
  response = transport_->perform(get);
  // Like the Go client, a daemon in trouble (500) still tells its version in the headers.
  if (response.status == 200 || response.header("api-version") != nullptr) return response;
  throw http_error(response.status, response.body, "GET", "/_ping");
}

api_version client_core::version() {
  if (options_.pinned_version) return negotiate_api_version(std::nullopt, options_.pinned_version);
  std::lock_guard lock(version_mutex_);
  if (version_) return *version_;
  const http_response response = ping();
  std::optional<api_version> daemon;
  if (const std::string* text = response.header("api-version"); text != nullptr && !text->empty()) {
    try {
      daemon = api_version::parse(*text);
    } catch (const std::invalid_argument&) {
      throw engine_error(error_kind::version,
                         fmt::format("the Docker daemon reported an invalid API version \"{}\"", *text));
    }
  }
  version_ = negotiate_api_version(daemon, std::nullopt);
  return *version_;
}

http_request client_core::request(std::string method, std::string_view endpoint) {
  http_request request;
  request.method = std::move(method);
  request.target = fmt::format("/v{}{}", version().to_string(), endpoint);
  request.timeout = options_.request_timeout;
  return request;
}

http_response client_core::send(const http_request& request, bool not_modified_ok) {
  http_response response = transport_->perform(request);
  if (response.cancelled) return response;
  const bool ok = (response.status >= 200 && response.status < 300) || (not_modified_ok && response.status == 304);
  if (!ok) throw http_error(response.status, response.body, request.method, path_of(request));
  return response;
}

std::unique_ptr<hijacked_stream> client_core::upgrade(const http_request& request) {
  http_response response;
  auto stream = transport_->upgrade(request, response);
  if (stream) return stream;
  if (response.cancelled)
    throw engine_error(error_kind::cancelled, "the stream was cancelled before it started", 0, request.method,
                       path_of(request));
  if (is_success(response.status))
    throw engine_error(error_kind::server, "the Docker daemon did not switch to a raw stream", response.status,
                       request.method, path_of(request));
  throw http_error(response.status, response.body, request.method, path_of(request));
}

nlohmann::json client_core::send_json(const http_request& request) {
  const http_response response = send(request);
  auto json = nlohmann::json::parse(response.body, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded()) {
    throw engine_error(
        error_kind::server,
        fmt::format("the Docker daemon sent a reply that is not JSON for {} {}", request.method, path_of(request)),
        response.status, request.method, path_of(request));
  }
  return json;
}

void set_json_body(http_request& request, const nlohmann::json& body) {
  request.body = body.dump();
  request.content_type = "application/json";
}

}  // namespace stackctl::engine::detail
