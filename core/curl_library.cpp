// Opens libcurl at run time and resolves the handful of entry points the HTTP client uses.
#include "core/curl_library.hpp"

#include "core/shared_library.hpp"

namespace cpy {

namespace {

Result<const CurlLibrary*> load() {
  static CurlLibrary lib{};
  CPY_TRY(SharedLibrary so, SharedLibrary::open({"libcurl.so.4", "libcurl.so"}, "libcurl4"));
  const bool ok = so.resolve("curl_global_init", lib.global_init) && so.resolve("curl_easy_init", lib.easy_init) &&
                  so.resolve("curl_easy_setopt", lib.easy_setopt) &&
                  so.resolve("curl_easy_perform", lib.easy_perform) &&
                  so.resolve("curl_easy_getinfo", lib.easy_getinfo) &&
                  so.resolve("curl_easy_cleanup", lib.easy_cleanup) &&
                  so.resolve("curl_easy_strerror", lib.easy_strerror) &&
                  so.resolve("curl_slist_append", lib.slist_append) &&
                  so.resolve("curl_slist_free_all", lib.slist_free_all);
  if (!ok) return make_error(ExitCode::failure, "the installed libcurl lacks a function cpytool needs");
  if (lib.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
    return make_error(ExitCode::network, "libcurl failed to initialise");
  return &lib;
}

}  // namespace

Result<const CurlLibrary*> curl_library() { return load_once(&load); }

}  // namespace cpy
