#include "transport/curl_transport.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <charconv>
#include <exception>
#include <stop_token>
#include <utility>

#include <fmt/format.h>

#include "stackctl/engine/client_version.hpp"
#include "stackctl/engine/error.hpp"
#include "transport/connection_errors.hpp"

namespace stackctl::engine::detail {

namespace {

constexpr std::size_t kMaxIdleHandles = 8;

struct transfer_state {
  const http_request* request = nullptr;
  http_response* response = nullptr;
  std::exception_ptr error;  // thrown by a user callback; rethrown after curl returns
};

std::size_t on_header(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* state = static_cast<transfer_state*>(user);
  const std::size_t total = size * count;
  std::string_view line(buffer, total);
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
  if (line.substr(0, 5) == "HTTP/") {
    // A new status line (e.g. after "100 Continue") starts a fresh header set.
    state->response->headers.clear();
    const auto space = line.find(' ');
    if (space != std::string_view::npos) {
      std::string_view code = line.substr(space + 1, 3);
      long status = 0;
      std::from_chars(code.data(), code.data() + code.size(), status);
      state->response->status = status;
    }
    return total;
  }
  if (line.empty()) {  // the end of a head: the final one unless interim (1xx)
    const long status = state->response->status;
    if (state->request->on_head && (status < 100 || status >= 200)) {
      try {
        state->request->on_head(*state->response);
      } catch (...) {
        state->error = std::current_exception();
        return 0;  // CURLE_WRITE_ERROR ends the transfer
      }
    }
    return total;
  }
  state->response->add_header_line(line);
  return total;
}

std::size_t on_write(char* data, std::size_t size, std::size_t count, void* user) {
  auto* state = static_cast<transfer_state*>(user);
  const std::size_t total = size * count;
  try {
    deliver_body(*state->request, *state->response, std::string_view(data, total));
  } catch (...) {
    state->error = std::current_exception();
    return 0;  // CURLE_WRITE_ERROR ends the transfer
  }
  return total;
}

std::size_t on_read(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* state = static_cast<transfer_state*>(user);
  try {
    return state->request->body_reader(buffer, size * count);
  } catch (...) {
    state->error = std::current_exception();
    return CURL_READFUNC_ABORT;
  }
}

template <typename T>
void set(CURL* curl, CURLoption option, T value) {
  const CURLcode rc = libcurl().easy_setopt(curl, option, value);
  if (rc != CURLE_OK) {
    throw engine_error(error_kind::connection,
                       fmt::format("libcurl rejected an option: {}", libcurl().easy_strerror(rc)));
  }
}

}  // namespace

curl_transport::curl_transport(docker_host host, std::optional<tls_options> tls,
                               std::chrono::milliseconds connect_timeout)
    : host_(std::move(host)),
      tls_(std::move(tls)),
      connect_timeout_(connect_timeout),
      user_agent_(fmt::format("stackctl/{}", client_version())) {
  if (tls_ && host_.kind == docker_host::transport_kind::tcp) host_.tls = true;
  url_prefix_ = host_.url_prefix();
  libcurl();  // load it now: a missing libcurl is an error of making the client, not of a call
}

curl_transport::handle_pair curl_transport::acquire() {
  {
    std::lock_guard lock(pool_mutex_);
    if (!idle_.empty()) {
      handle_pair handles = std::move(idle_.back());
      idle_.pop_back();
      return handles;
    }
  }
  return handle_pair{};
}

void curl_transport::release(handle_pair handles) {
  std::lock_guard lock(pool_mutex_);
  if (idle_.size() < kMaxIdleHandles) idle_.push_back(std::move(handles));
}

CURLcode curl_transport::run(handle_pair& handles, const std::stop_token& stop) {
  CURLM* multi = handles.multi.get();
  CURL* easy = handles.easy.get();
  if (libcurl().multi_add_handle(multi, easy) != CURLM_OK) return CURLE_FAILED_INIT;

  std::atomic<bool> stopped{false};
  CURLcode result = CURLE_OK;
  {
    // Wakes curl_multi_poll from whichever thread requests the stop.
    std::stop_callback wake(stop, [&] {
      stopped = true;
      libcurl().multi_wakeup(multi);
    });
    for (;;) {
      int running = 0;
      if (libcurl().multi_perform(multi, &running) != CURLM_OK) {
        result = CURLE_FAILED_INIT;
        break;
      }
      if (running == 0) {
        int left = 0;
        result = CURLE_FAILED_INIT;
        while (CURLMsg* message = libcurl().multi_info_read(multi, &left)) {
          if (message->msg == CURLMSG_DONE && message->easy_handle == easy) result = message->data.result;
        }
        break;
      }
      if (stopped) {
        result = CURLE_ABORTED_BY_CALLBACK;
        break;
      }
      if (libcurl().multi_poll(multi, nullptr, 0, 1000, nullptr) != CURLM_OK) {
        result = CURLE_FAILED_INIT;
        break;
      }
    }
  }  // ~stop_callback waits for a callback running on another thread
  // Removing an unfinished transfer closes its connection, which also cancels the work
  // daemon-side (a pull, an import).
  libcurl().multi_remove_handle(multi, easy);
  return result;
}

http_response curl_transport::perform(const http_request& request) {
  http_response response;
  if (request.stop.stop_requested()) {
    response.cancelled = true;
    return response;
  }

  handle_pair handles = acquire();
  CURL* curl = handles.easy.get();
  // Reset drops every option of the previous request but keeps the connection cache.
  libcurl().easy_reset(curl);

  transfer_state state;
  state.request = &request;
  state.response = &response;
  char error_buffer[CURL_ERROR_SIZE] = {};

  const std::string url = url_prefix_ + request.target;
  set(curl, CURLOPT_URL, url.c_str());
  set(curl, CURLOPT_ERRORBUFFER, error_buffer);
  set(curl, CURLOPT_NOSIGNAL, 1L);
  set(curl, CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_1_1));
  set(curl, CURLOPT_USERAGENT, user_agent_.c_str());
  set(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(connect_timeout_.count()));
  set(curl, CURLOPT_TIMEOUT_MS, request.timeout ? static_cast<long>(request.timeout->count()) : 0L);
  set(curl, CURLOPT_HEADERFUNCTION, &on_header);
  set(curl, CURLOPT_HEADERDATA, &state);
  set(curl, CURLOPT_WRITEFUNCTION, &on_write);
  set(curl, CURLOPT_WRITEDATA, &state);

  if (host_.kind == docker_host::transport_kind::unix_socket) {
    set(curl, CURLOPT_UNIX_SOCKET_PATH, host_.socket_path.c_str());
  } else {
    set(curl, CURLOPT_TCP_KEEPALIVE, 1L);
    set(curl, CURLOPT_PROXY, "");  // the daemon is never reached through an HTTP proxy
    if (tls_) {
      if (!tls_->ca_file.empty()) set(curl, CURLOPT_CAINFO, tls_->ca_file.c_str());
      if (!tls_->cert_file.empty()) set(curl, CURLOPT_SSLCERT, tls_->cert_file.c_str());
      if (!tls_->key_file.empty()) set(curl, CURLOPT_SSLKEY, tls_->key_file.c_str());
      set(curl, CURLOPT_SSL_VERIFYPEER, tls_->verify ? 1L : 0L);
      set(curl, CURLOPT_SSL_VERIFYHOST, tls_->verify ? 2L : 0L);
    }
  }

  curl_header_list headers;
  for (const auto& [name, value] : request.headers) headers.append(name + ": " + value);
  headers.append("Expect:");  // no 100-continue round trip for uploads

  const bool sends_body = request.method == "POST" || request.method == "PUT";
  if (request.method == "HEAD") {
    set(curl, CURLOPT_NOBODY, 1L);
  } else if (request.method == "GET") {
    set(curl, CURLOPT_HTTPGET, 1L);
  } else if (sends_body) {
    set(curl, CURLOPT_POST, 1L);
    if (request.body_reader) {
      set(curl, CURLOPT_READFUNCTION, &on_read);
      set(curl, CURLOPT_READDATA, &state);
      if (request.body_size) {
        set(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(*request.body_size));
      } else {
        headers.append("Transfer-Encoding: chunked");
      }
    } else {
      // Always give POST a body, even an empty one: a bare CURLOPT_POST would read stdin.
      set(curl, CURLOPT_POSTFIELDS, request.body.data());
      set(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
    }
    if (request.method != "POST") set(curl, CURLOPT_CUSTOMREQUEST, request.method.c_str());
  } else {
    set(curl, CURLOPT_CUSTOMREQUEST, request.method.c_str());
  }
  if (!request.content_type.empty()) headers.append("Content-Type: " + request.content_type);
  set(curl, CURLOPT_HTTPHEADER, headers.get());

  const CURLcode rc = run(handles, request.stop);
  long os_errno = 0;
  libcurl().easy_getinfo(curl, CURLINFO_OS_ERRNO, &os_errno);
  // Give the handle back (with its live connection) before anything can throw.
  libcurl().easy_setopt(curl, CURLOPT_ERRORBUFFER, nullptr);
  libcurl().easy_setopt(curl, CURLOPT_HTTPHEADER, nullptr);
  release(std::move(handles));

  if (rc == CURLE_OK) return response;
  if (state.error) std::rethrow_exception(state.error);
  if (rc == CURLE_ABORTED_BY_CALLBACK && request.stop.stop_requested()) {
    response.cancelled = true;
    return response;
  }

  const std::string detail = error_buffer[0] != '\0' ? error_buffer : libcurl().easy_strerror(rc);
  const std::string where = host_.to_string();
  switch (rc) {
    case CURLE_COULDNT_CONNECT:
    case CURLE_COULDNT_RESOLVE_HOST: {
      int err = static_cast<int>(os_errno);
      if (host_.kind == docker_host::transport_kind::unix_socket && err == 0) {
        // libcurl did not say why: look at the socket ourselves.
        struct stat info {};
        if (::stat(host_.socket_path.c_str(), &info) != 0 || ::access(host_.socket_path.c_str(), R_OK | W_OK) != 0)
          err = errno;
      }
      throw cannot_connect(where, err, request);
    }
    case CURLE_OPERATION_TIMEDOUT: throw timed_out(where, request, response.status != 0, detail);
    case CURLE_GOT_NOTHING:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_PARTIAL_FILE:
    case CURLE_WRITE_ERROR:
    case CURLE_ABORTED_BY_CALLBACK: throw connection_lost(where, request, detail);
    default:
      throw engine_error(error_kind::connection,
                         fmt::format("cannot talk to the Docker daemon at {} ({} {}): {}", where, request.method,
                                     path_of(request), detail),
                         0, request.method, path_of(request));
  }
}

}  // namespace stackctl::engine::detail
