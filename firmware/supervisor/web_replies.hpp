// Reply builders shared by the web workflow's routing and file API files.
#pragma once

#include <string>
#include <string_view>

#include "firmware/supervisor/http_response.hpp"
#include "firmware/supervisor/json_writer.hpp"

namespace cpy::firmware::web {

inline HttpResponse status_only(int status) {
  HttpResponse r;
  r.status = status;
  return r;
}

inline HttpResponse unauthorized() {
  return status_only(401).with("WWW-Authenticate", "Basic realm=\"CircuitPython\"");
}

inline HttpResponse usb_conflict() {
  HttpResponse r = status_only(409);
  r.body = "USB storage active.";
  r.with("Content-Type", "text/plain");
  return r;
}

inline HttpResponse method_not_allowed(std::string_view methods) {
  return status_only(405).with("Allow", std::string(methods));
}

/// CORS preflight (OPTIONS): no auth needed.
inline HttpResponse preflight(std::string_view methods) {
  return status_only(204)
      .with("Access-Control-Allow-Methods", std::string(methods))
      .with("Access-Control-Allow-Headers", "X-Timestamp, X-Destination, Content-Type, Authorization")
      .with("Access-Control-Expose-Headers", "Access-Control-Allow-Methods");
}

/// JSON goes out chunked, as the board sends it.
inline HttpResponse json_reply(const JsonWriter& json) {
  HttpResponse r;
  r.body = json.text();
  r.framing = BodyFraming::chunked;
  r.with("Content-Type", "application/json");
  return r;
}

inline HttpResponse html_reply(std::string body) {
  HttpResponse r;
  r.body = std::move(body);
  r.with("Content-Type", "text/html;charset=UTF-8");
  return r;
}

}  // namespace cpy::firmware::web
