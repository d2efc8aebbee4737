// A strict, bounded HTTP/1.1 request parser for the web workflow: request line, headers, Content-Length body.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cpy::firmware {

struct HttpHeader {
  std::string name;  ///< as sent; compare case-insensitively
  std::string value;
};

struct HttpRequest {
  std::string method;
  std::string target;  ///< origin-form, still percent-encoded: "/fs/lib/a%20b.py"
  std::vector<HttpHeader> headers;
  std::uint64_t content_length = 0;
  std::string body;

  /// The value of the first header called `name` (case-insensitive), if any.
  const std::string* header(std::string_view name) const;
  /// True when the client sent `Expect: 100-continue`.
  bool expects_continue() const;
};

struct HttpLimits {
  std::size_t max_request_line = 2048;
  std::size_t max_head_bytes = 8192;  ///< request line, headers and the blank line
  std::size_t max_headers = 64;
  std::uint64_t max_body = 64ull * 1024 * 1024;
};

enum class ParseState { head, body, complete, failed };

/// Feed it the bytes of one connection; it stops at the end of the first request (one request per connection).
class HttpRequestParser {
 public:
  explicit HttpRequestParser(HttpLimits limits = {}) : m_limits(limits) {}

  /// Consumes bytes that belong to the request; returns how many were used (the rest is past its end).
  std::size_t feed(std::string_view bytes);
  ParseState state() const { return m_state; }
  /// The head is parsed (state body or complete): method, target and headers are valid.
  bool head_done() const { return m_state == ParseState::body || m_state == ParseState::complete; }
  const HttpRequest& request() const { return m_request; }
  /// When failed: the status to answer (400, 413, 414, 431, 501) and a short reason.
  int error_status() const { return m_error_status; }
  const std::string& error_reason() const { return m_error_reason; }

 private:
  std::size_t feed_head(std::string_view bytes);
  void parse_head();
  bool parse_request_line(std::string_view line);
  bool parse_header_line(std::string_view line);
  bool apply_content_length();
  void fail(int status, std::string reason);

  HttpLimits m_limits;
  ParseState m_state = ParseState::head;
  std::string m_head;
  HttpRequest m_request;
  int m_error_status = 0;
  std::string m_error_reason;
};

/// "%41b" -> "Ab"; nothing for a bad escape ("%4", "%zz") or an encoded NUL.
std::optional<std::string> percent_decode(std::string_view text);

/// ASCII case-insensitive equality (header names, tokens).
bool equals_ignoring_case(std::string_view a, std::string_view b);

}  // namespace cpy::firmware
