// libFuzzer target: the web workflow's request parser must end in a state or a 4xx/5xx for any bytes, give
// the same result however the bytes are split, never read past a request, and never let a path leave the drive.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "firmware/supervisor/http_request.hpp"
#include "firmware/supervisor/web_workflow.hpp"

using namespace cpy::firmware;

namespace {

HttpLimits small_limits() {
  HttpLimits limits;
  limits.max_request_line = 256;
  limits.max_head_bytes = 1024;
  limits.max_headers = 16;
  limits.max_body = 4096;
  return limits;
}

void check_same(const HttpRequestParser& a, const HttpRequestParser& b) {
  if (a.state() != b.state() || a.error_status() != b.error_status()) std::abort();
  if (!a.head_done()) return;
  const HttpRequest& x = a.request();
  const HttpRequest& y = b.request();
  if (x.method != y.method || x.target != y.target || x.body != y.body || x.headers.size() != y.headers.size())
    std::abort();
}

void check_path(std::string_view target) {
  auto decoded = percent_decode(target);
  if (!decoded) return;
  auto path = fs_drive_path(*decoded);
  if (!path) return;
  if (path->front() != '/' || path->find("/../") != std::string::npos || path->ends_with("/..") ||
      path->find("//") != std::string::npos)
    std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::size_t split = data[0] % size;
  const std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  HttpRequestParser whole(small_limits());
  const std::size_t used = whole.feed(bytes);
  if (used > bytes.size()) std::abort();
  HttpRequestParser parts(small_limits());
  const std::size_t first = parts.feed(bytes.substr(0, split));
  if (first == split) parts.feed(bytes.substr(split));
  check_same(whole, parts);
  if (whole.state() == ParseState::failed && (whole.error_status() < 400 || whole.error_status() > 599)) std::abort();
  if (whole.state() == ParseState::complete && whole.request().body.size() != whole.request().content_length)
    std::abort();
  if (whole.head_done()) check_path(whole.request().target);
  check_path(bytes);
  return 0;
}
