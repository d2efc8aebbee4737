// Board file helpers, the web workflow client against a fake Http, deploy planning and safe copies.
#include <doctest/doctest.h>

#include <algorithm>

#include <unistd.h>
#include <filesystem>
#include <fstream>

#include "device/board_files.hpp"
#include "device/deploy.hpp"
#include "device/serial/repl_files.hpp"
#include "device/web/web_files.hpp"

using namespace cpy;
using namespace cpy::device;
namespace fs = std::filesystem;

namespace {

struct Call {
  std::string url;
  std::string method;
  std::vector<std::string> headers;
};

class FakeHttp final : public Http {
 public:
  std::vector<Call> calls;
  long status = 200;
  std::string body;
  Result<HttpResponse> fetch(const HttpRequest& request) override {
    calls.push_back({request.url, "GET", {}});
    return HttpResponse{status, {}, body, 0};
  }
  Result<HttpResponse> send(const HttpRequest& request, const HttpSend& send) override {
    calls.push_back({request.url, send.method, send.headers});
    return HttpResponse{status, {}, body, 0};
  }
};

fs::path temp_dir(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("cpytool-device-test-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

void write(const fs::path& file, const std::string& text) {
  fs::create_directories(file.parent_path());
  std::ofstream(file, std::ios::binary) << text;
}

}  // namespace

TEST_CASE("CRC-32, base64 and URL paths match their standards") {
  CHECK(crc32("123456789") == 0xCBF43926u);
  CHECK(base64(":secret") == "OnNlY3JldA==");
  CHECK(base64(":ab") == "OmFi");
  CHECK(url_path("/lib/my file.py") == "/lib/my%20file.py");
  CHECK(normalize_board_path("lib//a/./b/") == "/lib/a/b");
  CHECK(normalize_board_path("") == "/");
  CHECK(python_string("it's\n\\") == "'it\\'s\\x0a\\\\'");
}

TEST_CASE("web workflow requests carry Basic auth with an empty user and never the password in the URL") {
  FakeHttp http;
  http.status = 201;
  WebFiles files(http, {"192.168.1.5:8080", "hunter2"});
  REQUIRE(files.write("/lib/a b.py", "x").ok());
  REQUIRE(http.calls.size() == 1);
  CHECK(http.calls[0].url == "http://192.168.1.5:8080/fs/lib/a%20b.py");
  CHECK(http.calls[0].method == "PUT");
  CHECK(http.calls[0].url.find("hunter2") == std::string::npos);
  CHECK(std::find(http.calls[0].headers.begin(), http.calls[0].headers.end(),
                  "Authorization: Basic " + base64(":hunter2")) != http.calls[0].headers.end());
  CHECK(files.request_count() == 1);
}

TEST_CASE("a wrong web workflow password and a USB-owned drive are explained") {
  FakeHttp http;
  WebFiles files(http, {"cpy.local", "wrong"});
  http.status = 401;
  auto denied = files.read("/code.py");
  REQUIRE_FALSE(denied.ok());
  CHECK(denied.error().message.find("password") != std::string::npos);
  CHECK(denied.error().message.find("wrong") == std::string::npos);
  http.status = 409;
  auto busy = files.remove("/code.py");
  REQUIRE_FALSE(busy.ok());
  CHECK(busy.error().message.find("USB") != std::string::npos);
}

TEST_CASE("web folder listings of API v4 and of 8.x are both read, and version.json is fetched once") {
  FakeHttp http;
  WebFiles files(http, {"cpy.local", "pw"});
  http.body =
      R"({"free":1,"total":2,"block_size":512,"writable":true,"files":[{"name":"lib","directory":true,"modified_ns":2000000000,"file_size":0},{"name":"code.py","directory":false,"modified_ns":0,"file_size":22}]})";
  auto v4 = files.list("/");
  REQUIRE(v4.ok());
  REQUIRE(v4->size() == 2);
  CHECK((*v4)[0].directory);
  CHECK((*v4)[0].mtime == 2);
  CHECK((*v4)[1].size == 22);
  CHECK(http.calls.back().url == "http://cpy.local/fs/");
  http.body = R"([{"name":"x.py","directory":false,"modified_ns":0,"file_size":3}])";
  auto v1 = files.list("/lib");
  REQUIRE(v1.ok());
  CHECK(v1->at(0).name == "x.py");
  http.body = R"({"web_api_version":4,"version":"9.2.8","board_id":"adafruit_qtpy_esp32s3"})";
  REQUIRE(files.version().ok());
  REQUIRE(files.version().ok());
  CHECK(files.request_count() == 3);
}

TEST_CASE("deploy sends code.py last and skips hidden files and caches") {
  const fs::path project = temp_dir("plan");
  write(project / "code.py", "print(1)\n");
  write(project / "lib" / "a.py", "A = 1\n");
  write(project / "z.txt", "z");
  write(project / ".git" / "HEAD", "ref");
  write(project / "lib" / "__pycache__" / "a.cpython-311.pyc", "x");
  auto plan = plan_deploy(project);
  REQUIRE(plan.ok());
  std::vector<std::string> paths;
  for (const auto& f : *plan) paths.push_back(f.board_path);
  CHECK(paths == std::vector<std::string>{"/lib/a.py", "/z.txt", "/code.py"});
  fs::remove_all(project);
}

TEST_CASE("deploy to a drive writes through a temporary name and leaves unchanged files alone") {
  const fs::path project = temp_dir("project");
  const fs::path drive = temp_dir("drive");
  write(project / "code.py", "print(1)\n");
  write(project / "lib" / "a.py", "A = 1\n");
  write(drive / "lib" / "a.py", "A = 1\n");
  auto plan = plan_deploy(project);
  REQUIRE(plan.ok());
  auto written = copy_to_drive(*plan, drive);
  REQUIRE(written.ok());
  REQUIRE(written->size() == 1);
  CHECK(written->front().board_path == "/code.py");
  std::ifstream in(drive / "code.py");
  std::string text((std::istreambuf_iterator<char>(in)), {});
  CHECK(text == "print(1)\n");
  for (const auto& e : fs::recursive_directory_iterator(drive))
    CHECK(e.path().string().find(".cpytool-tmp") == std::string::npos);
  fs::remove_all(project);
  fs::remove_all(drive);
}

TEST_CASE("a missing project folder is bad input") {
  auto plan = plan_deploy("/nonexistent/cpytool/project");
  REQUIRE_FALSE(plan.ok());
  CHECK(plan.error().code == ExitCode::bad_input);
}
