// The web workflow's replies over a real folder drive: auth, /cp/ JSON, the /fs/ API and its status codes.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <random>

#include "firmware/ports/host/folder_drive.hpp"
#include "firmware/supervisor/web_workflow.hpp"

using namespace cpy::firmware;
namespace fs = std::filesystem;

namespace {

const std::string k_auth = "Basic " + base64_encode(":s3cret");

struct Board {
  fs::path root;
  host::FolderDrive drive;
  BoardIdentity identity;
  WebWorkflow web;

  Board() : root(fresh_dir()), drive(root), identity(make_identity()), web(identity, drive, config()) {
    REQUIRE(drive.prepare().ok());
  }
  ~Board() {
    std::error_code ec;
    fs::remove_all(root, ec);
  }

  static fs::path fresh_dir() {
    std::random_device rd;
    return fs::temp_directory_path() / ("cpy-web-test-" + std::to_string(rd()) + std::to_string(rd()));
  }
  static BoardIdentity make_identity() {
    BoardIdentity id;
    id.version_tag = "10.2.0-cpytool.test";
    id.build_date = "2026-11-26";
    id.board_name = "cpytool virtual board";
    id.mcu_name = "host";
    id.board_id = "cpytool_virtual_board";
    id.uid = {0xDE, 0xAD, 0xBE, 0xEF, 0x01, 0x02, 0x03, 0x04};
    return id;
  }
  static WebWorkflowConfig config() {
    WebWorkflowConfig c;
    c.password = "s3cret";
    c.instance_name = "virtual";
    c.hostname = "cpy-020304";
    c.port = 8080;
    return c;
  }

  HttpResponse send(std::string method, std::string target, std::vector<HttpHeader> headers = {}, std::string body = {},
                    bool auth = true) {
    HttpRequest r;
    r.method = std::move(method);
    r.target = std::move(target);
    r.headers = std::move(headers);
    r.headers.push_back({"Host", "127.0.0.1:8080"});
    if (auth) r.headers.push_back({"Authorization", k_auth});
    r.content_length = body.size();
    r.body = std::move(body);
    return web.handle(r);
  }
  std::string file(const std::string& rel) {
    std::ifstream in(root / rel, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }
};

}  // namespace

TEST_CASE("version.json has the board's keys in the documented order, without auth") {
  Board b;
  HttpResponse r = b.send("GET", "/cp/version.json", {}, {}, false);
  CHECK(r.status == 200);
  CHECK(r.framing == BodyFraming::chunked);
  CHECK(*r.header("Content-Type") == "application/json");
  CHECK(r.body ==
        R"({"web_api_version":4,"version":"10.2.0-cpytool.test","build_date":"2026-11-26","board_name":"virtual",)"
        R"("mcu_name":"host","board_id":"cpytool_virtual_board","creator_id":0,"creation_id":0,)"
        R"("hostname":"cpy-020304","port":8080,"UID":"DEADBEEF01020304","ip":"127.0.0.1"})");
}

TEST_CASE("devices.json is empty and diskinfo.json lists the drive as writable until USB owns it") {
  Board b;
  CHECK(b.send("GET", "/cp/devices.json", {}, {}, false).body == R"({"total":0,"devices":[]})");
  HttpResponse disk = b.send("GET", "/cp/diskinfo.json", {}, {}, false);
  CHECK(disk.body.starts_with(R"([{"root":"/","free":)"));
  CHECK(disk.body.ends_with(R"("block_size":512,"writable":true}])"));
  b.web.set_usb_drive(UsbDrive::owned_by_host);
  CHECK(b.send("GET", "/cp/diskinfo.json").body.ends_with(R"("writable":false}])"));
}

TEST_CASE("other methods on /cp/ are 405 and OPTIONS is a CORS preflight") {
  Board b;
  CHECK(b.send("PUT", "/cp/version.json").status == 405);
  HttpResponse pre = b.send("OPTIONS", "/cp/version.json", {}, {}, false);
  CHECK(pre.status == 204);
  CHECK(pre.header("Access-Control-Allow-Methods"));
  CHECK(b.send("GET", "/cp/nothing.json").status == 404);
}

TEST_CASE("/fs/ needs exactly Basic base64(':' + password); a wrong or missing one is 401 with the realm") {
  Board b;
  HttpResponse missing = b.send("GET", "/fs/", {{"Accept", "application/json"}}, {}, false);
  CHECK(missing.status == 401);
  CHECK(*missing.header("WWW-Authenticate") == "Basic realm=\"CircuitPython\"");
  HttpResponse wrong =
      b.send("GET", "/fs/", {{"Accept", "application/json"}, {"Authorization", "Basic " + base64_encode("x:s3cret")}},
             {}, false);
  CHECK(wrong.status == 401);
  CHECK(b.send("GET", "/fs/", {{"Accept", "application/json"}}).status == 200);
}

TEST_CASE("every reply carries the CORS headers; a foreign http:// origin is 403") {
  Board b;
  HttpResponse r = b.send("GET", "/cp/version.json", {{"Origin", "https://code.circuitpython.org"}});
  CHECK(*r.header("Access-Control-Allow-Origin") == "https://code.circuitpython.org");
  CHECK(*r.header("Access-Control-Allow-Credentials") == "true");
  CHECK(*r.header("Vary") == "Origin, Accept, Upgrade");
  CHECK(*b.send("GET", "/cp/version.json").header("Access-Control-Allow-Origin") == "*");
  CHECK(b.send("GET", "/cp/version.json", {{"Origin", "http://evil.example"}}).status == 403);
  CHECK(b.send("GET", "/cp/version.json", {{"Origin", "http://localhost:3000"}}).status == 200);
  CHECK(b.send("GET", "/cp/version.json", {{"Origin", "http://127.0.0.1:8080"}}).status == 200);
}

TEST_CASE("circuitpython.local is redirected to the board's own name") {
  Board b;
  HttpRequest r;
  r.method = "GET";
  r.target = "/cp/version.json";
  r.headers = {{"Host", "circuitpython.local:8080"}};
  HttpResponse redirect = b.web.handle(r);
  CHECK(redirect.status == 307);
  CHECK(*redirect.header("Location") == "http://cpy-020304.local:8080/cp/version.json");
}

TEST_CASE("a folder listing is JSON with name, directory, modified_ns and file_size") {
  Board b;
  HttpResponse r = b.send("GET", "/fs/", {{"Accept", "application/json"}});
  CHECK(r.status == 200);
  CHECK(r.body.find(R"({"name":"code.py","directory":false,"modified_ns":)") != std::string::npos);
  CHECK(r.body.find(R"("file_size":22})") != std::string::npos);
  CHECK(r.body.find(R"({"name":"lib","directory":true,)") != std::string::npos);
  CHECK(r.body.find(R"("writable":true,"files":[)") != std::string::npos);
  CHECK(b.send("GET", "/fs/", {}).status == 200);  // HTML for the root only
  CHECK(b.send("GET", "/fs/lib/", {}).status == 404);
  CHECK(b.send("GET", "/fs/nope/", {{"Accept", "application/json"}}).status == 404);
}

TEST_CASE("PUT writes a file: 201 when new, 204 when replaced, 404 without its folder; X-Timestamp sets the time") {
  Board b;
  HttpResponse created = b.send("PUT", "/fs/lib/a%20b.py", {{"X-Timestamp", "1700000001999"}}, "x = 1\n");
  CHECK(created.status == 201);
  CHECK(created.drive_changed);
  CHECK(b.file("lib/a b.py") == "x = 1\n");
  CHECK(b.drive.stat("/lib/a b.py").mtime == 1700000000);
  CHECK(b.send("PUT", "/fs/lib/a%20b.py", {}, "x = 2\n").status == 204);
  CHECK(b.file("lib/a b.py") == "x = 2\n");
  CHECK(b.send("PUT", "/fs/missing/a.py", {}, "x").status == 404);
  CHECK(b.drive.list("/lib").value() == std::vector<std::string>{"a b.py"});  // no temp file left
}

TEST_CASE("GET of a file returns its bytes with a content type by extension") {
  Board b;
  HttpResponse r = b.send("GET", "/fs/code.py");
  CHECK(r.status == 200);
  CHECK(r.body == "print(\"Hello World!\")\n");
  CHECK(*r.header("Content-Type") == "text/plain;charset=UTF-8");
  b.send("PUT", "/fs/x.bin", {}, std::string("\0\1", 2));
  CHECK(*b.send("GET", "/fs/x.bin").header("Content-Type") == "application/octet-stream");
  CHECK(b.send("GET", "/fs/none.py").status == 404);
}

TEST_CASE("PUT of a folder creates its parents: 201, then 204 when it exists") {
  Board b;
  CHECK(b.send("PUT", "/fs/lib/pkg/sub/").status == 201);
  CHECK(fs::is_directory(b.root / "lib/pkg/sub"));
  CHECK(b.send("PUT", "/fs/lib/pkg/sub/").status == 204);
  CHECK(b.send("PUT", "/fs/code.py/x/").status == 404);
}

TEST_CASE("DELETE removes files and folders recursively: 204, then 404") {
  Board b;
  b.send("PUT", "/fs/lib/pkg/sub/");
  b.send("PUT", "/fs/lib/pkg/sub/m.py", {}, "m");
  CHECK(b.send("DELETE", "/fs/lib/pkg/").status == 204);
  CHECK_FALSE(fs::exists(b.root / "lib/pkg"));
  CHECK(b.send("DELETE", "/fs/lib/pkg/").status == 404);
  CHECK(b.send("DELETE", "/fs/code.py").status == 204);
  CHECK(b.send("DELETE", "/fs/").status == 400);
}

TEST_CASE("MOVE renames to X-Destination: 201, 404 when missing, 412 when the destination exists") {
  Board b;
  b.send("PUT", "/fs/a.py", {}, "a");
  b.send("PUT", "/fs/b.py", {}, "b");
  CHECK(b.send("MOVE", "/fs/a.py", {{"X-Destination", "/fs/lib/c%20d.py"}}).status == 201);
  CHECK(b.file("lib/c d.py") == "a");
  CHECK(b.send("MOVE", "/fs/a.py", {{"X-Destination", "/fs/x.py"}}).status == 404);
  CHECK(b.send("MOVE", "/fs/b.py", {{"X-Destination", "/fs/code.py"}}).status == 412);
  CHECK(b.send("MOVE", "/fs/b.py", {{"X-Destination", "/fs/no/b.py"}}).status == 404);
  CHECK(b.send("MOVE", "/fs/b.py", {}).status == 400);
  CHECK(b.send("MOVE", "/fs/lib/", {{"X-Destination", "/fs/lib/inner/"}}).status == 400);
}

TEST_CASE("while USB owns the drive every write is 409 'USB storage active.' and reads still work") {
  Board b;
  b.web.set_usb_drive(UsbDrive::owned_by_host);
  const std::vector<std::pair<std::string, std::string>> writes = {
      {"PUT", "/fs/a.py"}, {"PUT", "/fs/d/"}, {"DELETE", "/fs/code.py"}};
  for (const auto& [method, target] : writes) {
    HttpResponse r = b.send(method, target, {{"X-Destination", "/fs/z.py"}}, "x");
    CHECK(r.status == 409);
    CHECK(r.body == "USB storage active.");
    CHECK_FALSE(r.drive_changed);
  }
  CHECK(b.send("MOVE", "/fs/code.py", {{"X-Destination", "/fs/z.py"}}).status == 409);
  CHECK(fs::exists(b.root / "code.py"));
  CHECK(b.send("GET", "/fs/code.py").status == 200);
}

TEST_CASE("paths that leave the drive or hold dot segments are 400") {
  Board b;
  CHECK(b.send("GET", "/fs/../etc/passwd").status == 400);
  CHECK(b.send("GET", "/fs/%2e%2e/x").status == 400);
  CHECK(b.send("GET", "/fs/lib//x").status == 400);
  CHECK(b.send("PUT", "/fs/./a.py", {}, "x").status == 400);
  CHECK(b.send("GET", "/fs/%zz").status == 400);
  CHECK(fs_drive_path("/fs/") == std::optional<std::string>("/"));
  CHECK(fs_drive_path("/fs/lib/") == std::optional<std::string>("/lib"));
  CHECK(fs_drive_path("/fs/lib/a.py") == std::optional<std::string>("/lib/a.py"));
}

TEST_CASE("with Expect: 100-continue the head alone decides 401, 409, 404 and 417") {
  Board b;
  HttpRequest head;
  head.method = "PUT";
  head.target = "/fs/lib/a.py";
  head.headers = {{"Host", "h"}, {"Expect", "100-continue"}};
  head.content_length = 10;
  CHECK(b.web.check_before_body(head)->status == 401);
  head.headers.push_back({"Authorization", k_auth});
  CHECK_FALSE(b.web.check_before_body(head));
  head.content_length = std::uint64_t{1} << 62;
  CHECK(b.web.check_before_body(head)->status == 417);
  head.content_length = 10;
  head.target = "/fs/none/a.py";
  CHECK(b.web.check_before_body(head)->status == 404);
  b.web.set_usb_drive(UsbDrive::owned_by_host);
  CHECK(b.web.check_before_body(head)->status == 409);
}

TEST_CASE("base64 pads like the standard alphabet") {
  CHECK(base64_encode("") == "");
  CHECK(base64_encode(":") == "Og==");
  CHECK(base64_encode(":s") == "OnM=");
  CHECK(base64_encode(":s3") == "OnMz");
}
