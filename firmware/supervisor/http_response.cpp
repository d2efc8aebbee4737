// Reply serialization: status line with its reason phrase, framing headers, chunked JSON bodies.
#include "firmware/supervisor/http_response.hpp"

#include <cstdio>

namespace cpy::firmware {

HttpResponse& HttpResponse::with(std::string name, std::string value) {
  headers.push_back({std::move(name), std::move(value)});
  return *this;
}

const std::string* HttpResponse::header(std::string_view name) const {
  for (const auto& h : headers)
    if (equals_ignoring_case(h.name, name)) return &h.value;
  return nullptr;
}

namespace {
struct Reason {
  int status;
  std::string_view text;
};
constexpr Reason k_reasons[] = {
    {100, "Continue"},
    {200, "OK"},
    {201, "Created"},
    {204, "No Content"},
    {307, "Temporary Redirect"},
    {400, "Bad Request"},
    {401, "Unauthorized"},
    {403, "Forbidden"},
    {404, "Not Found"},
    {405, "Method Not Allowed"},
    {408, "Request Timeout"},
    {409, "Conflict"},
    {411, "Length Required"},
    {412, "Precondition Failed"},
    {413, "Payload Too Large"},
    {414, "URI Too Long"},
    {417, "Expectation Failed"},
    {431, "Request Header Fields Too Large"},
    {500, "Internal Server Error"},
    {501, "Not Implemented"},
};
}  // namespace

std::string_view reason_phrase(int status) {
  for (const Reason& r : k_reasons)
    if (r.status == status) return r.text;
  return "Unknown";
}

std::string serialize(const HttpResponse& response) {
  std::string out = "HTTP/1.1 " + std::to_string(response.status) + " " + std::string(reason_phrase(response.status));
  out += "\r\n";
  for (const auto& h : response.headers) out += h.name + ": " + h.value + "\r\n";
  const bool no_body = response.status == 204 || response.status < 200;
  const bool chunked = response.framing == BodyFraming::chunked && !no_body;
  if (chunked) {
    out += "Transfer-Encoding: chunked\r\n";
  } else if (!no_body) {
    out += "Content-Length: " + std::to_string(response.body.size()) + "\r\n";
  }
  out += "Connection: close\r\n\r\n";
  if (no_body) return out;
  if (!chunked) return out + response.body;
  if (!response.body.empty()) {
    char size[20];
    std::snprintf(size, sizeof size, "%zX\r\n", response.body.size());
    out += size + response.body + "\r\n";
  }
  return out + "0\r\n\r\n";
}

}  // namespace cpy::firmware
