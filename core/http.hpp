// The HTTP interface the host layers use (HEAD for redirects, GET to memory or to a file), and its options.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "core/progress.hpp"
#include "core/result.hpp"

namespace cpy {

enum class Redirects { follow, keep };

struct HttpRequest {
  std::string url;
  Redirects redirects = Redirects::follow;
  bool head_only = false;
  /// When set, the body is written to this file instead of memory.
  std::string to_file;
  ProgressSink* progress = nullptr;
  std::string progress_label;
};

/// What a request sends beyond a plain GET (the web workflow's PUT/DELETE/MOVE with Basic auth).
struct HttpSend {
  std::string method = "GET";  // sent verbatim: "PUT", "DELETE", "MOVE"
  /// Extra headers, one "Name: value" each (may hold credentials: never logged).
  std::vector<std::string> headers;
  std::string body;  // sent with a Content-Length unless the method is GET or DELETE
};

struct HttpResponse {
  long status = 0;
  std::string location;  // the Location header of a redirect, when redirects are kept
  std::string body;      // empty when written to a file
  std::uint64_t bytes = 0;
};

struct HttpOptions {
  std::chrono::milliseconds connect_timeout{10000};
  std::chrono::milliseconds total_timeout{120000};
  int retries = 2;                         // extra attempts after a network error or a 5xx
  std::chrono::milliseconds backoff{250};  // doubled after each attempt
};

class Http {
 public:
  virtual ~Http() = default;
  /// Network failures are errors (ExitCode::network); any HTTP status is a response.
  virtual Result<HttpResponse> fetch(const HttpRequest& request) = 0;
  /// `request` with another method, headers and a body. Clients that cannot do it say so.
  virtual Result<HttpResponse> send(const HttpRequest& request, const HttpSend&) {
    return make_error(ExitCode::not_implemented, "this HTTP client cannot send " + request.url);
  }
};

/// The libcurl client: HTTPS with certificate verification, proxy variables honoured, retries with back-off.
std::unique_ptr<Http> make_curl_http(const HttpOptions& options);

/// HttpOptions from the environment: CPYTOOL_HTTP_TIMEOUT (seconds), CPYTOOL_HTTP_RETRIES.
HttpOptions http_options_from_env();

}  // namespace cpy
