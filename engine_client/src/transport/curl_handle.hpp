#pragma once
// RAII owners of libcurl objects (like cpr's CurlHolder): an easy handle and a header list.
// Private to the engine client.
#include "transport/curl_library.hpp"

#include <memory>
#include <string>

namespace stackctl::engine::detail {

class curl_handle {
 public:
  curl_handle();  // throws std::runtime_error when curl_easy_init fails
  ~curl_handle();
  curl_handle(curl_handle&& other) noexcept : handle_(other.handle_) { other.handle_ = nullptr; }
  curl_handle& operator=(curl_handle&& other) noexcept;
  curl_handle(const curl_handle&) = delete;
  curl_handle& operator=(const curl_handle&) = delete;

  CURL* get() const noexcept { return handle_; }

 private:
  CURL* handle_ = nullptr;
};

// A multi handle driving one easy handle at a time. Transfers run through it (not
// curl_easy_perform) so a stop request can wake a blocked poll at once (curl_multi_wakeup);
// the multi handle owns the connection cache, so it stays paired with its easy handle.
class curl_multi {
 public:
  curl_multi();  // throws std::runtime_error when curl_multi_init fails
  ~curl_multi();
  curl_multi(curl_multi&& other) noexcept : handle_(other.handle_) { other.handle_ = nullptr; }
  curl_multi& operator=(curl_multi&& other) noexcept;
  curl_multi(const curl_multi&) = delete;
  curl_multi& operator=(const curl_multi&) = delete;

  CURLM* get() const noexcept { return handle_; }

 private:
  CURLM* handle_ = nullptr;
};

class curl_header_list {
 public:
  curl_header_list() = default;
  ~curl_header_list() {
    if (list_ != nullptr) libcurl().slist_free_all(list_);
  }
  curl_header_list(const curl_header_list&) = delete;
  curl_header_list& operator=(const curl_header_list&) = delete;

  void append(const std::string& line);  // "Name: value"
  curl_slist* get() const noexcept { return list_; }

 private:
  curl_slist* list_ = nullptr;
};

}  // namespace stackctl::engine::detail
