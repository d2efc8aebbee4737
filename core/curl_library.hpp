// libcurl, loaded on first use: linking it costs ~30 ms at every start (its TLS stack initialises at load time),
// while most commands never touch the network.
#pragma once

#include <curl/curl.h>

#include "core/result.hpp"

namespace cpy {

struct CurlLibrary {
  CURLcode (*global_init)(long flags);
  CURL* (*easy_init)();
  CURLcode (*easy_setopt)(CURL* handle, CURLoption option, ...);
  CURLcode (*easy_perform)(CURL* handle);
  CURLcode (*easy_getinfo)(CURL* handle, CURLINFO info, ...);
  void (*easy_cleanup)(CURL* handle);
  const char* (*easy_strerror)(CURLcode code);
  curl_slist* (*slist_append)(curl_slist* list, const char* text);
  void (*slist_free_all)(curl_slist* list);
};

/// The process-wide libcurl, opened and globally initialised once; an error when it cannot be loaded.
Result<const CurlLibrary*> curl_library();

}  // namespace cpy
