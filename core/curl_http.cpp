// Http over libcurl: verification on, proxies from the environment, retries with back-off on failures and 5xx.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <thread>

#include "core/curl_library.hpp"
#include "core/http.hpp"
#include "core/log.hpp"

namespace cpy {

namespace {

struct Transfer {
  std::string body;
  std::FILE* file = nullptr;
  bool write_failed = false;
  std::string location;
  const HttpRequest* request = nullptr;
  curl_slist* headers = nullptr;
};

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const std::size_t n = size * count;
  if (!t->file) {
    t->body.append(data, n);
    return n;
  }
  if (std::fwrite(data, 1, n, t->file) != n) {
    t->write_failed = true;
    return 0;
  }
  return n;
}

int on_progress(void* user, curl_off_t total, curl_off_t done, curl_off_t, curl_off_t) {
  auto* t = static_cast<Transfer*>(user);
  if (t->request->progress && done > 0)
    t->request->progress->progress(t->request->progress_label, static_cast<std::uint64_t>(done),
                                   static_cast<std::uint64_t>(total));
  return 0;
}

bool retryable(CURLcode code) {
  return code == CURLE_COULDNT_CONNECT || code == CURLE_OPERATION_TIMEDOUT || code == CURLE_RECV_ERROR ||
         code == CURLE_SEND_ERROR || code == CURLE_GOT_NOTHING || code == CURLE_PARTIAL_FILE ||
         code == CURLE_COULDNT_RESOLVE_HOST;
}

class CurlHttp final : public Http {
 public:
  explicit CurlHttp(const HttpOptions& options) : m_options(options) {}

  Result<HttpResponse> send(const HttpRequest& request, const HttpSend& send) override {
    m_send = &send;
    auto result = fetch(request);
    m_send = nullptr;
    return result;
  }

  Result<HttpResponse> fetch(const HttpRequest& request) override {
    auto delay = m_options.backoff;
    for (int attempt = 0;; ++attempt) {
      auto result = attempt_once(request);
      const bool last = attempt >= m_options.retries;
      const bool again = !result.ok() ? m_last_retryable : result->status >= 500;
      if (last || !again) return result;
      log::info("retrying " + request.url + " in " + std::to_string(delay.count()) + " ms");
      std::this_thread::sleep_for(delay);
      delay *= 2;
    }
  }

 private:
  Result<HttpResponse> attempt_once(const HttpRequest& request) {
    m_last_retryable = false;
    if (!m_curl) {
      auto library = curl_library();
      if (!library.ok()) return library.error();
      m_curl = *library;
    }
    Transfer t;
    t.request = &request;
    if (!request.to_file.empty()) {
      t.file = std::fopen(request.to_file.c_str(), "wb");
      if (!t.file) return make_error(ExitCode::io, "cannot write " + request.to_file);
    }
    CURL* curl = m_curl->easy_init();
    if (!curl) return make_error(ExitCode::network, "cannot start an HTTP client");
    configure(curl, request, t);
    const CURLcode code = m_curl->easy_perform(curl);
    long status = 0;
    m_curl->easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    char* location = nullptr;
    m_curl->easy_getinfo(curl, CURLINFO_REDIRECT_URL, &location);
    if (location) t.location = location;
    m_curl->easy_cleanup(curl);
    m_curl->slist_free_all(t.headers);
    if (t.file && std::fclose(t.file) != 0) t.write_failed = true;
    if (t.write_failed) return make_error(ExitCode::io, "cannot write " + request.to_file + " (disk full?)");
    m_last_retryable = retryable(code);
    if (code != CURLE_OK) return network_error(request.url, code);
    HttpResponse response{status, t.location, std::move(t.body), 0};
    if (!request.to_file.empty()) response.bytes = std::filesystem::file_size(request.to_file);
    return response;
  }

  void configure(CURL* curl, const HttpRequest& request, Transfer& t) {
    m_curl->easy_setopt(curl, CURLOPT_URL, request.url.c_str());
    m_curl->easy_setopt(curl, CURLOPT_FOLLOWLOCATION, request.redirects == Redirects::follow ? 1L : 0L);
    m_curl->easy_setopt(curl, CURLOPT_MAXREDIRS, 10L);
    m_curl->easy_setopt(curl, CURLOPT_NOBODY, request.head_only ? 1L : 0L);
    m_curl->easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
    m_curl->easy_setopt(curl, CURLOPT_WRITEDATA, &t);
    m_curl->easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, on_progress);
    m_curl->easy_setopt(curl, CURLOPT_XFERINFODATA, &t);
    m_curl->easy_setopt(curl, CURLOPT_NOPROGRESS, request.progress ? 0L : 1L);
    m_curl->easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(m_options.connect_timeout.count()));
    m_curl->easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(m_options.total_timeout.count()));
    m_curl->easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
    m_curl->easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
    m_curl->easy_setopt(curl, CURLOPT_USERAGENT, "cpytool");
    m_curl->easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    m_curl->easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");
    configure_method(curl, t);
    // libcurl reads http_proxy, https_proxy and no_proxy itself when CURLOPT_PROXY is not set.
  }

  void configure_method(CURL* curl, Transfer& t) const {
    if (!m_send) return;
    for (const auto& header : m_send->headers) t.headers = m_curl->slist_append(t.headers, header.c_str());
    if (t.headers) m_curl->easy_setopt(curl, CURLOPT_HTTPHEADER, t.headers);
    m_curl->easy_setopt(curl, CURLOPT_CUSTOMREQUEST, m_send->method.c_str());
    if (m_send->method == "GET" || m_send->method == "DELETE") return;
    m_curl->easy_setopt(curl, CURLOPT_POSTFIELDS, m_send->body.data());
    m_curl->easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(m_send->body.size()));
  }

  Error network_error(const std::string& url, CURLcode code) {
    return make_error(ExitCode::network, std::string(m_curl->easy_strerror(code)) + " (" + url + ")",
                      "check the network connection, or use --offline to work from the cache");
  }

  HttpOptions m_options;
  const CurlLibrary* m_curl = nullptr;  // loaded by the first request
  bool m_last_retryable = false;
  const HttpSend* m_send = nullptr;  // set only while send() runs
};

}  // namespace

std::unique_ptr<Http> make_curl_http(const HttpOptions& options) { return std::make_unique<CurlHttp>(options); }

HttpOptions http_options_from_env() {
  HttpOptions options;
  if (const char* t = std::getenv("CPYTOOL_HTTP_TIMEOUT"))
    options.total_timeout = std::chrono::milliseconds(static_cast<long>(std::atof(t) * 1000));
  if (const char* r = std::getenv("CPYTOOL_HTTP_RETRIES")) options.retries = std::atoi(r);
  return options;
}

}  // namespace cpy
