#pragma once
// libcurl, loaded (dlopen of libcurl.so.4) the first time a tcp/TLS transport is made instead of
// linked. Linked, it and the ~30 libraries it needs load into every run of every command — `config`,
// `ps` over the unix socket — for ~7 MiB of memory and several ms of start-up, to serve only
// tcp:// and TLS hosts. libcurl's ABI has been libcurl.so.4 since 2006. Private to the engine client.
#ifndef CURL_DISABLE_TYPECHECK
#define CURL_DISABLE_TYPECHECK  // calls go through the pointers below, not curl.h's checking macros
#endif
#include <curl/curl.h>

namespace stackctl::engine::detail {

struct curl_library {
  decltype(&::curl_global_init) global_init;
  decltype(&::curl_easy_init) easy_init;
  decltype(&::curl_easy_cleanup) easy_cleanup;
  decltype(&::curl_easy_reset) easy_reset;
  decltype(&::curl_easy_setopt) easy_setopt;
  decltype(&::curl_easy_getinfo) easy_getinfo;
  decltype(&::curl_easy_strerror) easy_strerror;
  decltype(&::curl_multi_init) multi_init;
  decltype(&::curl_multi_cleanup) multi_cleanup;
  decltype(&::curl_multi_add_handle) multi_add_handle;
  decltype(&::curl_multi_remove_handle) multi_remove_handle;
  decltype(&::curl_multi_perform) multi_perform;
  decltype(&::curl_multi_poll) multi_poll;
  decltype(&::curl_multi_wakeup) multi_wakeup;
  decltype(&::curl_multi_info_read) multi_info_read;
  decltype(&::curl_slist_append) slist_append;
  decltype(&::curl_slist_free_all) slist_free_all;
};

// Loads libcurl and runs curl_global_init once per process (thread-safe). Throws
// engine_error(connection) naming the library when it is missing or too old.
const curl_library& libcurl();

}  // namespace stackctl::engine::detail
