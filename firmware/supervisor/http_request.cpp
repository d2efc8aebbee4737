// HttpRequestParser: the head is collected up to the blank line within fixed limits, then checked field by field.
#include "firmware/supervisor/http_request.hpp"

#include <algorithm>

namespace cpy::firmware {

namespace {

constexpr std::string_view k_crlf = "\r\n";
constexpr std::string_view k_end_of_head = "\r\n\r\n";
constexpr std::size_t k_max_length_digits = 18;

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

/// RFC 9110 tchar: the characters of methods and header names.
bool is_token_char(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

bool is_token(std::string_view s) { return !s.empty() && std::all_of(s.begin(), s.end(), is_token_char); }

/// Visible ASCII, spaces and tabs, and bytes >= 0x80 (obs-text); no other control characters.
bool is_field_value(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) {
    auto u = static_cast<unsigned char>(c);
    return u == '\t' || (u >= 0x20 && u != 0x7f);
  });
}

/// Origin-form targets only: "/" then visible ASCII (no spaces, controls or raw non-ASCII bytes).
bool is_origin_form(std::string_view s) {
  if (s.empty() || s.front() != '/') return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    auto u = static_cast<unsigned char>(c);
    return u > 0x20 && u < 0x7f;
  });
}

std::string_view trim_ows(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  c = lower(c);
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

}  // namespace

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return lower(x) == lower(y); });
}

const std::string* HttpRequest::header(std::string_view name) const {
  for (const auto& h : headers)
    if (equals_ignoring_case(h.name, name)) return &h.value;
  return nullptr;
}

bool HttpRequest::expects_continue() const {
  const std::string* expect = header("Expect");
  return expect && equals_ignoring_case(*expect, "100-continue");
}

std::size_t HttpRequestParser::feed(std::string_view bytes) {
  std::size_t used = 0;
  if (m_state == ParseState::head) used = feed_head(bytes);
  if (m_state != ParseState::body) return used;
  std::uint64_t missing = m_request.content_length - m_request.body.size();
  std::size_t take = static_cast<std::size_t>(std::min<std::uint64_t>(missing, bytes.size() - used));
  m_request.body.append(bytes.substr(used, take));
  if (m_request.body.size() == m_request.content_length) m_state = ParseState::complete;
  return used + take;
}

std::size_t HttpRequestParser::feed_head(std::string_view bytes) {
  const std::size_t before = m_head.size();
  // Never hold more than the limit (plus the terminator) while waiting for the blank line.
  const std::size_t room = m_limits.max_head_bytes + k_end_of_head.size() - before;
  m_head.append(bytes.substr(0, std::min(room, bytes.size())));
  const std::size_t search_from = before >= 3 ? before - 3 : 0;
  const std::size_t end = m_head.find(k_end_of_head, search_from);
  const std::size_t line_end = m_head.find(k_crlf);
  if (line_end == std::string::npos ? m_head.size() > m_limits.max_request_line
                                    : line_end > m_limits.max_request_line) {
    fail(414, "request line too long");
    return bytes.size();
  }
  if (end == std::string::npos) {
    if (m_head.size() > m_limits.max_head_bytes) fail(431, "request head too large");
    return std::min(room, bytes.size());
  }
  if (end + k_end_of_head.size() > m_limits.max_head_bytes) {
    fail(431, "request head too large");
    return bytes.size();
  }
  m_head.resize(end + k_crlf.size());  // keep the last header's CRLF, drop the blank line
  parse_head();
  return end + k_end_of_head.size() - before;
}

void HttpRequestParser::parse_head() {
  std::string_view head = m_head;
  std::size_t eol = head.find(k_crlf);
  if (!parse_request_line(head.substr(0, eol))) return;
  head.remove_prefix(eol + k_crlf.size());
  while (!head.empty()) {
    eol = head.find(k_crlf);
    if (!parse_header_line(head.substr(0, eol))) return;
    head.remove_prefix(eol + k_crlf.size());
  }
  if (!m_request.header("Host")) return fail(400, "missing Host header");
  if (m_request.header("Transfer-Encoding")) return fail(501, "chunked request bodies are not supported");
  if (!apply_content_length()) return;
  m_head.clear();
  m_state = m_request.content_length == 0 ? ParseState::complete : ParseState::body;
}

bool HttpRequestParser::parse_request_line(std::string_view line) {
  if (line.find_first_of("\r\n") != std::string_view::npos) return fail(400, "bare CR or LF"), false;
  const std::size_t sp1 = line.find(' ');
  const std::size_t sp2 = sp1 == std::string_view::npos ? sp1 : line.find(' ', sp1 + 1);
  if (sp2 == std::string_view::npos || line.find(' ', sp2 + 1) != std::string_view::npos)
    return fail(400, "malformed request line"), false;
  std::string_view method = line.substr(0, sp1);
  std::string_view target = line.substr(sp1 + 1, sp2 - sp1 - 1);
  std::string_view version = line.substr(sp2 + 1);
  if (!is_token(method)) return fail(400, "malformed method"), false;
  if (!is_origin_form(target)) return fail(400, "malformed request target"), false;
  if (version != "HTTP/1.1") return fail(501, "only HTTP/1.1 is supported"), false;
  m_request.method = method;
  m_request.target = target;
  return true;
}

bool HttpRequestParser::parse_header_line(std::string_view line) {
  if (line.find_first_of("\r\n") != std::string_view::npos) return fail(400, "bare CR or LF"), false;
  if (!line.empty() && (line.front() == ' ' || line.front() == '\t'))
    return fail(400, "folded header lines are not allowed"), false;
  const std::size_t colon = line.find(':');
  if (colon == std::string_view::npos || !is_token(line.substr(0, colon)))
    return fail(400, "malformed header line"), false;
  std::string_view value = trim_ows(line.substr(colon + 1));
  if (!is_field_value(value)) return fail(400, "control character in a header value"), false;
  if (m_request.headers.size() == m_limits.max_headers) return fail(431, "too many header lines"), false;
  m_request.headers.push_back({std::string(line.substr(0, colon)), std::string(value)});
  return true;
}

bool HttpRequestParser::apply_content_length() {
  std::optional<std::uint64_t> length;
  for (const auto& h : m_request.headers) {
    if (!equals_ignoring_case(h.name, "Content-Length")) continue;
    const std::string& v = h.value;
    if (v.empty() || v.size() > k_max_length_digits ||
        !std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; }))
      return fail(400, "malformed Content-Length"), false;
    std::uint64_t n = std::stoull(v);
    if (length && *length != n) return fail(400, "conflicting Content-Length headers"), false;
    length = n;
  }
  m_request.content_length = length.value_or(0);
  if (m_request.content_length > m_limits.max_body) return fail(413, "request body too large"), false;
  return true;
}

void HttpRequestParser::fail(int status, std::string reason) {
  m_state = ParseState::failed;
  m_error_status = status;
  m_error_reason = std::move(reason);
}

std::optional<std::string> percent_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out += text[i];
      continue;
    }
    if (i + 2 >= text.size()) return std::nullopt;
    int hi = hex_value(text[i + 1]), lo = hex_value(text[i + 2]);
    if (hi < 0 || lo < 0 || (hi == 0 && lo == 0)) return std::nullopt;
    out += static_cast<char>(hi * 16 + lo);
    i += 2;
  }
  return out;
}

}  // namespace cpy::firmware
