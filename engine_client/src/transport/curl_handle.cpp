#include "transport/curl_handle.hpp"

#include <stdexcept>

namespace stackctl::engine::detail {

curl_handle::curl_handle() {
  handle_ = libcurl().easy_init();
  if (handle_ == nullptr) throw std::runtime_error("curl_easy_init failed");
}

curl_handle::~curl_handle() {
  if (handle_ != nullptr) libcurl().easy_cleanup(handle_);
}

curl_handle& curl_handle::operator=(curl_handle&& other) noexcept {
  if (this != &other) {
    if (handle_ != nullptr) libcurl().easy_cleanup(handle_);
    handle_ = other.handle_;
    other.handle_ = nullptr;
  }
  return *this;
}

curl_multi::curl_multi() {
  handle_ = libcurl().multi_init();
  if (handle_ == nullptr) throw std::runtime_error("curl_multi_init failed");
}

curl_multi::~curl_multi() {
  if (handle_ != nullptr) libcurl().multi_cleanup(handle_);
}

curl_multi& curl_multi::operator=(curl_multi&& other) noexcept {
  if (this != &other) {
    if (handle_ != nullptr) libcurl().multi_cleanup(handle_);
    handle_ = other.handle_;
    other.handle_ = nullptr;
  }
  return *this;
}

void curl_header_list::append(const std::string& line) {
  curl_slist* next = libcurl().slist_append(list_, line.c_str());
  if (next == nullptr) throw std::bad_alloc();
  list_ = next;
}

}  // namespace stackctl::engine::detail
