#include "transport/curl_library.hpp"

#include <dlfcn.h>

#include <string>

#include <fmt/format.h>

#include "stackctl/engine/error.hpp"

namespace stackctl::engine::detail {

namespace {

constexpr const char* kLibraryName = "libcurl.so.4";

[[noreturn]] void unavailable(const std::string& why) {
  throw engine_error(error_kind::connection,
                     fmt::format("tcp:// and TLS Docker hosts need libcurl ({}): {} — install libcurl4 "
                                 "(Debian: apt-get install libcurl4)",
                                 kLibraryName, why));
}

template <typename Function>
void resolve(void* library, const char* name, Function& out) {
  void* symbol = ::dlsym(library, name);
  if (symbol == nullptr) unavailable(fmt::format("it has no {} (libcurl 7.68 or newer is needed)", name));
  out = reinterpret_cast<Function>(symbol);
}

curl_library load() {
  void* library = ::dlopen(kLibraryName, RTLD_NOW | RTLD_LOCAL);  // never closed: curl lives as long as the process
  if (library == nullptr) {
    const char* error = ::dlerror();
    unavailable(error != nullptr ? error : "dlopen failed");
  }
  curl_library api{};
  resolve(library, "curl_global_init", api.global_init);
  resolve(library, "curl_easy_init", api.easy_init);
  resolve(library, "curl_easy_cleanup", api.easy_cleanup);
  resolve(library, "curl_easy_reset", api.easy_reset);
  resolve(library, "curl_easy_setopt", api.easy_setopt);
  resolve(library, "curl_easy_getinfo", api.easy_getinfo);
  resolve(library, "curl_easy_strerror", api.easy_strerror);
  resolve(library, "curl_multi_init", api.multi_init);
  resolve(library, "curl_multi_cleanup", api.multi_cleanup);
  resolve(library, "curl_multi_add_handle", api.multi_add_handle);
  resolve(library, "curl_multi_remove_handle", api.multi_remove_handle);
  resolve(library, "curl_multi_perform", api.multi_perform);
  resolve(library, "curl_multi_poll", api.multi_poll);
  resolve(library, "curl_multi_wakeup", api.multi_wakeup);
  resolve(library, "curl_multi_info_read", api.multi_info_read);
  resolve(library, "curl_slist_append", api.slist_append);
  resolve(library, "curl_slist_free_all", api.slist_free_all);
  const CURLcode result = api.global_init(CURL_GLOBAL_ALL);
  if (result != CURLE_OK) unavailable(fmt::format("curl_global_init failed: {}", api.easy_strerror(result)));
  return api;
}

}  // namespace

const curl_library& libcurl() {
  static const curl_library api = load();  // a failed load throws and is retried by the next call
  return api;
}

}  // namespace stackctl::engine::detail
