// The web workflow's HTTP request parser: well-formed requests in any split, and every rejection with its status.
#include <doctest/doctest.h>

#include <string>

#include "firmware/supervisor/http_request.hpp"
#include "firmware/supervisor/http_response.hpp"

using namespace cpy::firmware;

namespace {

HttpRequestParser parse(std::string_view bytes, HttpLimits limits = {}) {
  HttpRequestParser parser(limits);
  parser.feed(bytes);
  return parser;
}

int status_of(std::string_view bytes, HttpLimits limits = {}) {
  HttpRequestParser parser = parse(bytes, limits);
  return parser.state() == ParseState::failed ? parser.error_status() : 0;
}

}  // namespace

TEST_CASE("a GET with headers parses into method, target and case-insensitive headers") {
  auto p = parse("GET /fs/lib/a%20b.py HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nAuthorization:  Basic OnM= \r\n\r\n");
  REQUIRE(p.state() == ParseState::complete);
  CHECK(p.request().method == "GET");
  CHECK(p.request().target == "/fs/lib/a%20b.py");
  REQUIRE(p.request().header("authorization"));
  CHECK(*p.request().header("AUTHORIZATION") == "Basic OnM=");
  CHECK(p.request().header("Accept") == nullptr);
  CHECK(p.request().body.empty());
}

TEST_CASE("a PUT body is read up to Content-Length and bytes after it are not consumed") {
  const std::string wire = "PUT /fs/x HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhelloEXTRA";
  HttpRequestParser parser;
  CHECK(parser.feed(wire) == wire.size() - 5);
  REQUIRE(parser.state() == ParseState::complete);
  CHECK(parser.request().body == "hello");
  CHECK(parser.request().content_length == 5);
}

TEST_CASE("the same request fed one byte at a time parses identically") {
  const std::string wire =
      "PUT /fs/code.py HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 11\r\n\r\nprint(1)\r\n\n";
  HttpRequestParser parser;
  bool saw_body_state = false;
  for (char c : wire) {
    parser.feed(std::string_view(&c, 1));
    saw_body_state |= parser.state() == ParseState::body;
  }
  REQUIRE(parser.state() == ParseState::complete);
  CHECK(saw_body_state);
  CHECK(parser.request().expects_continue());
  CHECK(parser.request().body == "print(1)\r\n\n");
}

TEST_CASE("the head is done before the body arrives, so 100-continue can be decided") {
  HttpRequestParser parser;
  parser.feed("PUT /fs/a HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\n");
  CHECK(parser.state() == ParseState::body);
  CHECK(parser.head_done());
  parser.feed("abc");
  CHECK(parser.state() == ParseState::complete);
}

TEST_CASE("an incomplete head waits for more bytes") {
  auto p = parse("GET / HTTP/1.1\r\nHost: h\r\n");
  CHECK(p.state() == ParseState::head);
  CHECK_FALSE(p.head_done());
}

TEST_CASE("other HTTP versions are answered 501 like the board") {
  CHECK(status_of("GET / HTTP/1.0\r\nHost: h\r\n\r\n") == 501);
  CHECK(status_of("GET / HTTP/2.0\r\nHost: h\r\n\r\n") == 501);
}

TEST_CASE("malformed request lines are 400") {
  CHECK(status_of("GET  / HTTP/1.1\r\nHost: h\r\n\r\n") == 400);
  CHECK(status_of("GET /\r\nHost: h\r\n\r\n") == 400);
  CHECK(status_of("GET http://h/ HTTP/1.1\r\nHost: h\r\n\r\n") == 400);
  CHECK(status_of("G(T / HTTP/1.1\r\nHost: h\r\n\r\n") == 400);
  CHECK(status_of("GET /a\x01 HTTP/1.1\r\nHost: h\r\n\r\n") == 400);
  CHECK(status_of("GET / HTTP/1.1\nHost: h\r\n\r\n") == 400);
}

TEST_CASE("malformed header lines are 400") {
  CHECK(status_of("GET / HTTP/1.1\r\nHost: h\r\nNoColon\r\n\r\n") == 400);
  CHECK(status_of("GET / HTTP/1.1\r\nHost: h\r\nBad Name: v\r\n\r\n") == 400);
  CHECK(status_of("GET / HTTP/1.1\r\nHost: h\r\nX: a\r\n folded\r\n\r\n") == 400);
  CHECK(status_of("GET / HTTP/1.1\r\nHost: h\r\nX: a\x7f\r\n\r\n") == 400);
  CHECK(status_of("GET / HTTP/1.1\r\nHost: h\r\nX: a\rb\r\n\r\n") == 400);
  CHECK(status_of("GET / HTTP/1.1\r\nX: 1\r\n\r\n") == 400);  // no Host
}

TEST_CASE("Content-Length must be digits, and duplicates must agree") {
  CHECK(status_of("PUT / HTTP/1.1\r\nHost: h\r\nContent-Length: -1\r\n\r\n") == 400);
  CHECK(status_of("PUT / HTTP/1.1\r\nHost: h\r\nContent-Length: 1x\r\n\r\n") == 400);
  CHECK(status_of("PUT / HTTP/1.1\r\nHost: h\r\nContent-Length: \r\n\r\n") == 400);
  CHECK(status_of("PUT / HTTP/1.1\r\nHost: h\r\nContent-Length: 99999999999999999999\r\n\r\n") == 400);
  CHECK(status_of("PUT / HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab") == 400);
  auto same = parse("PUT / HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\ncontent-length: 2\r\n\r\nab");
  CHECK(same.state() == ParseState::complete);
}

TEST_CASE("chunked uploads are not supported (501)") {
  CHECK(status_of("PUT /fs/a HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n") == 501);
}

TEST_CASE("limits: long request line 414, large head 431, too many headers 431, large body 413") {
  HttpLimits small;
  small.max_request_line = 64;
  small.max_head_bytes = 256;
  small.max_headers = 4;
  small.max_body = 100;
  CHECK(status_of("GET /" + std::string(100, 'a') + " HTTP/1.1\r\nHost: h\r\n\r\n", small) == 414);
  CHECK(status_of("GET /" + std::string(100, 'a'), small) == 414);  // no line end yet
  CHECK(status_of("GET / HTTP/1.1\r\nHost: h\r\nX: " + std::string(300, 'v'), small) == 431);
  CHECK(status_of("GET / HTTP/1.1\r\nHost: h\r\nX: " + std::string(240, 'v') + "\r\n\r\n", small) == 431);
  std::string many = "GET / HTTP/1.1\r\nHost: h\r\n";
  for (int i = 0; i < 5; ++i) many += "X" + std::to_string(i) + ": v\r\n";
  CHECK(status_of(many + "\r\n", small) == 431);
  CHECK(status_of("PUT / HTTP/1.1\r\nHost: h\r\nContent-Length: 101\r\n\r\n", small) == 413);
  CHECK(status_of("PUT / HTTP/1.1\r\nHost: h\r\nContent-Length: 100\r\n\r\n", small) == 0);
}

TEST_CASE("the parser never buffers more head than its limit, however much is fed") {
  HttpLimits small;
  small.max_head_bytes = 128;
  HttpRequestParser parser(small);
  const std::string flood(1 << 20, 'a');
  parser.feed("GET / HTTP/1.1\r\nHost: h\r\nX: ");
  parser.feed(flood);
  CHECK(parser.state() == ParseState::failed);
  CHECK(parser.error_status() == 431);
}

TEST_CASE("percent-decoding turns escapes into bytes and refuses bad ones and NUL") {
  CHECK(percent_decode("/fs/a%20b%2Fc%e2%9c%93") == std::optional<std::string>("/fs/a b/c\xe2\x9c\x93"));
  CHECK_FALSE(percent_decode("/fs/%2"));
  CHECK_FALSE(percent_decode("/fs/%zz"));
  CHECK_FALSE(percent_decode("/fs/%00"));
  CHECK(percent_decode("") == std::optional<std::string>(""));
}

TEST_CASE("replies carry their reason phrase, framing and Connection: close") {
  HttpResponse ok;
  ok.body = "abc";
  ok.with("Content-Type", "text/plain");
  CHECK(serialize(ok) ==
        "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc");
  HttpResponse none;
  none.status = 204;
  CHECK(serialize(none) == "HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n");
  HttpResponse json;
  json.body = std::string(26, 'j');
  json.framing = BodyFraming::chunked;
  CHECK(serialize(json) == "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n1A\r\n" +
                               std::string(26, 'j') + "\r\n0\r\n\r\n");
  CHECK(reason_phrase(431) == "Request Header Fields Too Large");
}
