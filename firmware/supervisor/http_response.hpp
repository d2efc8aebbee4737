// An HTTP/1.1 reply of the web workflow and its bytes on the wire (one request per connection: always closed).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "firmware/supervisor/http_request.hpp"

namespace cpy::firmware {

enum class BodyFraming { content_length, chunked };

struct HttpResponse {
  int status = 200;
  std::vector<HttpHeader> headers;
  std::string body;
  BodyFraming framing = BodyFraming::content_length;
  /// A write that succeeded: auto-reload is triggered once the reply is sent.
  bool drive_changed = false;

  HttpResponse& with(std::string name, std::string value);
  const std::string* header(std::string_view name) const;
};

/// "Not Found" for 404; "Unknown" for codes the web workflow never sends.
std::string_view reason_phrase(int status);

/// Status line, headers (plus Content-Length or Transfer-Encoding, and Connection: close), blank line, body.
std::string serialize(const HttpResponse& response);

/// The interim reply to `Expect: 100-continue`.
inline constexpr std::string_view k_continue_reply = "HTTP/1.1 100 Continue\r\n\r\n";

}  // namespace cpy::firmware
