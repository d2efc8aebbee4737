"""The virtual board's web workflow on loopback (`board start` with CIRCUITPY_WEB_API_PASSWORD, --web-port 0),
driven by cpytool's own web client (`fs --host`) and by raw HTTP for the status codes of device-protocol.md §7."""
import base64
import http.client
import json
import os
import select
import socket
import time
import tty
import unittest
from pathlib import Path

from bundle_fixtures import LibraryEnv, with_versions
from harness import TempDirTestCase, run, start_board, stop_board

PASSWORD = "s3cret pass"
AUTH = "Basic " + base64.b64encode((":" + PASSWORD).encode()).decode()


class WebBoard:
    """A running `cpytool board start` with the web workflow on; `host` is "127.0.0.1:PORT"."""

    def __init__(self, drive, *extra, password=PASSWORD, log=None):
        drive = Path(drive)
        drive.mkdir(parents=True, exist_ok=True)
        settings = f'CIRCUITPY_WEB_API_PASSWORD = "{password}"\n' if password else ""
        (drive / "settings.toml").write_text(settings)
        if not (drive / "code.py").exists():
            (drive / "code.py").write_text('print("Hello World!")\n')
        (drive / "lib").mkdir(exist_ok=True)
        self.log = Path(log) if log else None
        args = ["--web-port", "0", *extra]
        if self.log:
            args += ["--web-log", str(self.log)]
        self.proc, self.info = start_board(drive, *args)
        self.host = self.info.get("web", "").removeprefix("http://")
        self.port = int(self.host.rsplit(":", 1)[1]) if self.host else None
        self._settle(drive)

    @staticmethod
    def _settle(drive):
        """Waits for the hard boot (boot_out.txt) and the first code.py run to end, so that the tests' first
        writes do not interrupt that run (their reloads are then ordinary soft reboots)."""
        boot_out = drive / "boot_out.txt"
        deadline = time.time() + 15
        while not (boot_out.exists() and boot_out.stat().st_size) and time.time() < deadline:
            time.sleep(0.05)
        time.sleep(0.5)

    def request(self, method, path, body=None, headers=None, auth=True):
        """One HTTP request on a fresh connection: (status, headers dict, body bytes)."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        hdrs = dict(headers or {})
        if auth:
            hdrs.setdefault("Authorization", AUTH)
        conn.request(method, path, body=body, headers=hdrs)
        resp = conn.getresponse()
        data = resp.read()
        conn.close()
        return resp.status, {k.lower(): v for k, v in resp.getheaders()}, data

    def raw(self, data, read_timeout=15):
        """Sends bytes as they are; returns everything the board answers until it closes the connection."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=read_timeout) as s:
            s.sendall(data)
            chunks = []
            while True:
                try:
                    chunk = s.recv(65536)
                except ConnectionResetError:
                    break
                if not chunk:
                    break
                chunks.append(chunk)
        return b"".join(chunks)

    def log_lines(self):
        return self.log.read_text().splitlines() if self.log and self.log.exists() else []

    def close(self):
        """Stops the board; returns its exit status if it had already ended by itself (a crash), else None."""
        early = self.proc.poll()
        if early is not None:
            early = f"{early}: {self.proc.stderr.read().decode(errors='replace')[-2000:]}"
        stop_board(self.proc)
        return early


class BoardWebTestCase(TempDirTestCase):
    board_args = ()

    def setUp(self):
        super().setUp()
        self.drive = self.tmp / "CIRCUITPY"
        self.board = WebBoard(self.drive, *self.board_args, log=self.tmp / "web.log")

    def tearDown(self):
        early_exit = self.board.close()  # before the folder goes away
        super().tearDown()
        self.assertIsNone(early_exit, "the board ended by itself during the test")

    def cpytool(self, *args, password=PASSWORD, check=None):
        env = {"CPYTOOL_WEB_PASSWORD": password, "CIRCUP_WEBWORKFLOW_PASSWORD": "", "CPYTOOL_HTTP_RETRIES": "0"}
        return run(["fs", "--host", self.board.host, *args], env=env, timeout=60, check=check)

    def logged_since(self, mark):
        """Request lines the board logged after `mark` lines had been logged."""
        deadline = time.time() + 10
        lines = self.board.log_lines()
        while len(lines) <= mark and time.time() < deadline:
            time.sleep(0.05)
            lines = self.board.log_lines()
        return lines[mark:]


class ClientTest(BoardWebTestCase):
    def test_board_announces_its_web_url_on_loopback(self):
        self.assertRegex(self.board.info["web"], r"^http://127\.0\.0\.1:\d+$")
        self.assertNotEqual(self.board.port, 80)

    def test_ls_lists_the_drive_in_one_request(self):
        r = run(["--json", "fs", "--host", self.board.host, "ls", "/"], env={"CPYTOOL_WEB_PASSWORD": PASSWORD},
                timeout=60, check=0)
        entries = {(e["name"], e["directory"]) for e in json.loads(r.stdout)}
        self.assertTrue({("code.py", False), ("lib", True), ("settings.toml", False),
                         ("boot_out.txt", False)} <= entries, entries)
        self.assertEqual(self.logged_since(0), ["GET /fs/ 200"])

    def test_put_cat_get_mv_mkdir_rm_round_trip(self):
        local = self.tmp / "my file.py"
        local.write_bytes(b"x = 1\r\n\x00\xff")
        self.cpytool("put", str(local), "/lib/", check=0)
        self.assertEqual((self.drive / "lib" / "my file.py").read_bytes(), b"x = 1\r\n\x00\xff")
        self.cpytool("get", "/lib/my file.py", str(self.tmp / "back.py"), check=0)
        self.assertEqual((self.tmp / "back.py").read_bytes(), b"x = 1\r\n\x00\xff")
        self.assertEqual(self.cpytool("cat", "/code.py", check=0).stdout, 'print("Hello World!")\n')
        self.cpytool("mv", "/lib/my file.py", "/lib/b.py", check=0)
        self.assertFalse((self.drive / "lib" / "my file.py").exists())
        self.assertTrue((self.drive / "lib" / "b.py").is_file())
        self.cpytool("mkdir", "/lib/pkg/sub", check=0)
        self.assertTrue((self.drive / "lib" / "pkg" / "sub").is_dir())
        self.cpytool("rm", "/lib", check=0)
        self.assertFalse((self.drive / "lib").exists())
        methods = [line.split()[0] for line in self.board.log_lines()]
        self.assertIn("MOVE", methods)
        self.assertIn("DELETE", methods)
        self.assertTrue(all(PASSWORD not in line for line in self.board.log_lines()))

    def test_listing_reports_sizes_and_whole_second_times_of_the_drive(self):
        (self.drive / "lib" / "m.py").write_bytes(b"12345")
        r = run(["--json", "fs", "--host", self.board.host, "ls", "/lib"], env={"CPYTOOL_WEB_PASSWORD": PASSWORD},
                timeout=60, check=0)
        doc = json.loads(r.stdout)
        self.assertEqual([(e["name"], e["size"]) for e in doc if e["name"] == "m.py"], [("m.py", 5)])

    def test_wrong_password_is_a_clear_error_exit_1_and_never_printed(self):
        r = self.cpytool("ls", password="not-it")
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertIn("password", r.stderr)
        self.assertNotIn("not-it", r.stderr + r.stdout)
        self.assertEqual(self.logged_since(0), ["GET /fs/ 401"])

    def test_missing_file_is_an_io_error(self):
        r = self.cpytool("cat", "/nope.py")
        self.assertEqual(r.returncode, 6, r.stderr)
        self.assertIn("no such file", r.stderr)

    def test_deploy_over_the_web_to_the_virtual_board(self):
        project = self.tmp / "project"
        (project / "lib").mkdir(parents=True)
        (project / "code.py").write_text("print(2)\n")
        (project / "lib" / "util.py").write_text("U = 1\n")
        r = run(["deploy", str(project), "--host", self.board.host], env={"CPYTOOL_WEB_PASSWORD": PASSWORD},
                timeout=60, check=0)
        self.assertIn("deployed", r.stdout)
        self.assertEqual((self.drive / "code.py").read_text(), "print(2)\n")
        self.assertTrue((self.drive / "lib" / "util.py").is_file())
        puts = [line.split()[1] for line in self.board.log_lines() if line.startswith("PUT ") and
                not line.split()[1].endswith("/")]
        self.assertEqual(puts[-1], "/fs/code.py")


class UsbOwnsDriveTest(BoardWebTestCase):
    board_args = ("--usb-owns-drive",)

    def test_writes_answer_409_which_cpytool_explains(self):
        local = self.tmp / "a.py"
        local.write_text("a = 1\n")
        r = self.cpytool("put", str(local), "/a.py")
        self.assertEqual(r.returncode, 6, r.stderr)
        self.assertIn("USB", r.stderr)
        self.assertFalse((self.drive / "a.py").exists())
        self.assertIn("PUT /fs/a.py 409", self.board.log_lines())

    def test_reads_still_work_and_diskinfo_says_not_writable(self):
        self.assertEqual(self.cpytool("cat", "/code.py", check=0).stdout, 'print("Hello World!")\n')
        status, _, body = self.board.request("GET", "/cp/diskinfo.json", auth=False)
        self.assertEqual(status, 200)
        self.assertFalse(json.loads(body)[0]["writable"])

    def test_delete_and_move_are_409_with_the_board_message(self):
        for method, headers in (("DELETE", {}), ("MOVE", {"X-Destination": "/fs/x.py"})):
            status, _, body = self.board.request(method, "/fs/code.py", headers=headers)
            self.assertEqual((status, body), (409, b"USB storage active."))
        self.assertTrue((self.drive / "code.py").is_file())


class ProtocolTest(BoardWebTestCase):
    def test_version_json_names_the_board_and_its_port(self):
        status, headers, body = self.board.request("GET", "/cp/version.json", auth=False)
        self.assertEqual(status, 200)
        self.assertEqual(headers["content-type"], "application/json")
        self.assertEqual(headers["transfer-encoding"], "chunked")
        doc = json.loads(body)
        self.assertEqual(list(doc), ["web_api_version", "version", "build_date", "board_name", "mcu_name",
                                     "board_id", "creator_id", "creation_id", "hostname", "port", "UID", "ip"])
        self.assertEqual(doc["web_api_version"], 4)
        self.assertEqual(doc["port"], self.board.port)
        self.assertEqual(doc["UID"], self.board.info["uid"])
        self.assertEqual(doc["board_id"], self.board.info["board_id"])
        self.assertEqual(doc["ip"], "127.0.0.1")
        self.assertRegex(doc["version"], r"^10\.\d+\.\d+-cpytool\.")
        self.assertIn(doc["version"], (self.drive / "boot_out.txt").read_text())

    def test_devices_and_diskinfo(self):
        status, _, body = self.board.request("GET", "/cp/devices.json", auth=False)
        self.assertEqual((status, json.loads(body)), (200, {"total": 0, "devices": []}))
        status, _, body = self.board.request("GET", "/cp/diskinfo.json", auth=False)
        disk = json.loads(body)
        self.assertEqual(status, 200)
        self.assertEqual(set(disk[0]), {"root", "free", "total", "block_size", "writable"})
        self.assertTrue(disk[0]["writable"])

    def test_auth_is_basic_with_an_empty_user(self):
        status, headers, _ = self.board.request("GET", "/fs/", headers={"Accept": "application/json"}, auth=False)
        self.assertEqual(status, 401)
        self.assertEqual(headers["www-authenticate"], 'Basic realm="CircuitPython"')
        wrong_user = "Basic " + base64.b64encode(("admin:" + PASSWORD).encode()).decode()
        status, _, _ = self.board.request("GET", "/fs/", headers={"Accept": "application/json",
                                                                  "Authorization": wrong_user})
        self.assertEqual(status, 401)
        status, headers, body = self.board.request("GET", "/fs/", headers={"Accept": "application/json"})
        self.assertEqual(status, 200)
        listing = json.loads(body)
        self.assertEqual(set(listing), {"free", "total", "block_size", "writable", "files"})
        code = [f for f in listing["files"] if f["name"] == "code.py"][0]
        st = os.stat(self.drive / "code.py")
        self.assertEqual(code, {"name": "code.py", "directory": False, "modified_ns": int(st.st_mtime) * 10**9,
                                "file_size": st.st_size})

    def test_status_codes_of_the_file_api(self):
        req = self.board.request
        self.assertEqual(req("PUT", "/fs/new.py", body=b"n = 1\n")[0], 201)
        self.assertEqual(req("PUT", "/fs/new.py", body=b"n = 2\n")[0], 204)
        self.assertEqual(req("PUT", "/fs/missing/new.py", body=b"x")[0], 404)
        self.assertEqual(req("PUT", "/fs/d1/d2/")[0], 201)
        self.assertEqual(req("PUT", "/fs/d1/d2/")[0], 204)
        self.assertEqual(req("MOVE", "/fs/new.py", headers={"X-Destination": "/fs/d1/moved.py"})[0], 201)
        self.assertEqual(req("MOVE", "/fs/new.py", headers={"X-Destination": "/fs/d1/moved.py"})[0], 404)
        self.assertEqual(req("MOVE", "/fs/code.py", headers={"X-Destination": "/fs/d1/moved.py"})[0], 412)
        self.assertEqual(req("DELETE", "/fs/d1/")[0], 204)
        self.assertEqual(req("DELETE", "/fs/d1/")[0], 404)
        self.assertEqual(req("GET", "/fs/nothing.py")[0], 404)
        self.assertEqual(req("GET", "/fs/lib/", headers={})[0], 404)
        self.assertEqual(req("POST", "/cp/version.json")[0], 405)
        self.assertEqual(req("GET", "/fs/../../etc/passwd")[0], 400)
        self.assertEqual(req("GET", "/nowhere")[0], 404)
        status, headers, body = req("GET", "/fs/code.py")
        self.assertEqual((status, headers["content-type"], body),
                         (200, "text/plain;charset=UTF-8", b'print("Hello World!")\n'))

    def test_put_with_x_timestamp_sets_the_file_time_to_even_seconds(self):
        status, _, _ = self.board.request("PUT", "/fs/t.py", body=b"t", headers={"X-Timestamp": "1700000001999"})
        self.assertEqual(status, 201)
        self.assertEqual(int(os.stat(self.drive / "t.py").st_mtime), 1700000000)
        self.assertEqual([p.name for p in self.drive.iterdir() if p.name.startswith(".t.py")], [])

    def test_options_is_a_cors_preflight_without_auth(self):
        status, headers, _ = self.board.request("OPTIONS", "/fs/", auth=False,
                                                headers={"Origin": "https://code.circuitpython.org"})
        self.assertEqual(status, 204)
        self.assertEqual(headers["access-control-allow-methods"], "GET, OPTIONS, PUT, DELETE, MOVE")
        self.assertEqual(headers["access-control-allow-origin"], "https://code.circuitpython.org")
        self.assertEqual(headers["access-control-allow-credentials"], "true")
        status, _, _ = self.board.request("GET", "/cp/version.json", headers={"Origin": "http://evil.example"})
        self.assertEqual(status, 403)

    def test_circuitpython_local_redirects_to_the_board_hostname(self):
        answer = self.board.raw(b"GET /cp/version.json HTTP/1.1\r\nHost: circuitpython.local\r\n\r\n")
        self.assertTrue(answer.startswith(b"HTTP/1.1 307 Temporary Redirect\r\n"), answer)
        self.assertRegex(answer.decode(), rf"\r\nLocation: http://cpy-[0-9a-f]{{6}}\.local:{self.board.port}/cp/version\.json\r\n")

    def test_malformed_requests_get_400_431_and_501(self):
        self.assertTrue(self.board.raw(b"GET / HTTP/1.0\r\nHost: x\r\n\r\n").startswith(b"HTTP/1.1 501 "))
        self.assertTrue(self.board.raw(b"GET / HTTP/1.1\r\nHost x\r\n\r\n").startswith(b"HTTP/1.1 400 "))
        big = b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 20000 + b"\r\n\r\n"
        self.assertTrue(self.board.raw(big).startswith(b"HTTP/1.1 431 "))
        chunked = b"PUT /fs/a.py HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n1\r\na\r\n0\r\n\r\n"
        self.assertTrue(self.board.raw(chunked).startswith(b"HTTP/1.1 501 "))
        self.assertFalse((self.drive / "a.py").exists())
        # The board still answers after all that.
        self.assertEqual(self.board.request("GET", "/cp/version.json", auth=False)[0], 200)

    def test_expect_100_continue_gets_continue_then_the_final_status(self):
        head = (f"PUT /fs/e.py HTTP/1.1\r\nHost: x\r\nAuthorization: {AUTH}\r\nExpect: 100-continue\r\n"
                f"Content-Length: 4\r\n\r\n").encode()
        with socket.create_connection(("127.0.0.1", self.board.port), timeout=15) as s:
            s.sendall(head)
            first = s.recv(4096)
            self.assertEqual(first, b"HTTP/1.1 100 Continue\r\n\r\n")
            s.sendall(b"e=1\n")
            rest = b""
            while chunk := s.recv(4096):
                rest += chunk
        self.assertTrue(rest.startswith(b"HTTP/1.1 201 Created\r\n"), rest)
        self.assertEqual((self.drive / "e.py").read_bytes(), b"e=1\n")

    def test_expect_with_a_wrong_password_is_refused_before_the_body(self):
        head = (b"PUT /fs/e.py HTTP/1.1\r\nHost: x\r\nAuthorization: Basic Og==\r\nExpect: 100-continue\r\n"
                b"Content-Length: 4\r\n\r\n")
        self.assertTrue(self.board.raw(head).startswith(b"HTTP/1.1 401 Unauthorized\r\n"))
        self.assertFalse((self.drive / "e.py").exists())

    def test_each_request_gets_its_own_connection_closed_after_the_reply(self):
        answer = self.board.raw(b"GET /cp/devices.json HTTP/1.1\r\nHost: x\r\n\r\n"
                                b"GET /cp/devices.json HTTP/1.1\r\nHost: x\r\n\r\n")
        self.assertEqual(answer.count(b"HTTP/1.1 200 OK"), 1)
        self.assertIn(b"\r\nConnection: close\r\n", answer)


class NoPasswordTest(TempDirTestCase):
    def test_without_a_password_in_settings_toml_there_is_no_web_server(self):
        board = WebBoard(self.tmp / "CIRCUITPY", password=None)
        board.close()
        self.assertNotIn("web", board.info)

    def test_a_port_that_is_taken_fails_with_a_hint(self):
        with socket.socket() as taken:
            taken.bind(("127.0.0.1", 0))
            taken.listen(1)
            port = taken.getsockname()[1]
            drive = self.tmp / "CIRCUITPY"
            drive.mkdir()
            (drive / "settings.toml").write_text(f'CIRCUITPY_WEB_API_PASSWORD = "p"\nCIRCUITPY_WEB_API_PORT = {port}\n')
            r = run(["board", "start", "--drive", str(drive)], timeout=30)
        self.assertEqual(r.returncode, 6, r.stderr)
        self.assertIn(f"127.0.0.1:{port}", r.stderr)
        self.assertIn("--web-port 0", r.stderr)


class AutoReloadTest(BoardWebTestCase):
    def test_a_web_write_reloads_code_py(self):
        fd = os.open(self.board.info["serial"], os.O_RDWR | os.O_NOCTTY)
        self.addCleanup(os.close, fd)
        tty.setraw(fd)
        seen = b""
        deadline = time.time() + 30
        # Writes during boot (or in the REPL) are dropped like on a board: wait for the idle prompt first.
        while b"Press any key" not in seen and time.time() < deadline:
            ready, _, _ = select.select([fd], [], [], 1)
            if ready:
                seen += os.read(fd, 4096)
        self.assertIn(b"Press any key", seen)
        status, _, _ = self.board.request("PUT", "/fs/code.py", body=b'print("written over the web")\n')
        self.assertEqual(status, 204)
        seen = b""
        deadline = time.time() + 30
        while b"written over the web" not in seen and time.time() < deadline:
            ready, _, _ = select.select([fd], [], [], 1)
            if ready:
                seen += os.read(fd, 4096)
        self.assertIn(b"code.py output:\r\nwritten over the web\r\n", seen)


class LibrariesOverWebTest(TempDirTestCase):
    """The library commands against the virtual board's web workflow, bundles from a loopback fake GitHub."""

    def setUp(self):
        super().setUp()
        self.w = LibraryEnv(self.tmp)
        self.addCleanup(self.w.close)
        self.w.publish("20260101")
        self.drive = self.tmp / "BOARD"
        self.board = WebBoard(self.drive, *self.board_args(), log=self.tmp / "web.log")

    def board_args(self):
        return ("--usb-owns-drive",) if "409" in self._testMethodName else ()

    def tearDown(self):
        self.board.close()
        super().tearDown()

    def lib(self, *args, password=PASSWORD, check=None):
        return self.w.cpytool(*args, "--host", self.board.host, path=False, check=check,
                              env={"CPYTOOL_WEB_PASSWORD": password, "CIRCUP_WEBWORKFLOW_PASSWORD": ""})

    def files(self):
        return sorted(str(p.relative_to(self.drive / "lib")) for p in (self.drive / "lib").rglob("*") if p.is_file())

    def test_install_freeze_list_uninstall_with_bounded_requests(self):
        self.lib("install", "adafruit_register", check=0)
        self.assertEqual(self.files(), ["adafruit_bus_device/__init__.mpy", "adafruit_bus_device/core.mpy",
                                        "adafruit_register/__init__.mpy", "adafruit_register/core.mpy"])
        self.assertEqual(self.lib("freeze", check=0).stdout.splitlines(),
                         ["adafruit_bus_device==5.2.10", "adafruit_register==1.10.0"])
        self.lib("list", "--all", check=0)  # warms the version cache
        before = len(self.board.log_lines())
        r = self.lib("--json", "list", "--all", check=0)
        self.assertEqual(sorted(m["name"] for m in json.loads(r.stdout)["modules"]),
                         ["adafruit_bus_device", "adafruit_register"])
        requests = self.board.log_lines()[before:]
        self.assertLessEqual(len(requests), 4, requests)
        self.assertEqual(sum(line.startswith("GET /cp/version.json ") for line in requests), 1, requests)
        self.lib("uninstall", "adafruit_register", check=0)
        self.assertEqual(self.files(), ["adafruit_bus_device/__init__.mpy", "adafruit_bus_device/core.mpy"])

    def test_example_copies_over_the_web_and_refuses_to_overwrite(self):
        r = self.lib("example", "bme280_simpletest", check=0)
        self.assertIn(f"to http://{self.board.host}/bme280_simpletest.py", r.stdout)
        self.assertEqual((self.drive / "bme280_simpletest.py").read_text(), "import adafruit_bme280\nprint('bme280')\n")
        (self.drive / "code.py").write_text("print('mine')\n")
        r = self.lib("example", "bme280/bme280_simpletest", "--rename", check=1)
        self.assertIn("already exists", r.stderr)
        self.assertEqual((self.drive / "code.py").read_text(), "print('mine')\n")
        self.lib("example", "bme280_simpletest", "--rename", "--overwrite", check=0)
        self.assertIn("import adafruit_bme280", (self.drive / "code.py").read_text())
        self.assertEqual([p.name for p in self.drive.iterdir() if p.name.startswith(".") and p.suffix == ".py"], [])

    def test_doctor_checks_the_board_over_the_web(self):
        self.lib("install", "adafruit_register", check=0)
        (self.drive / "lib" / ".core.mpy.cpytool-tmp").write_bytes(b"half")
        r = self.lib("--json", "doctor", check=0)
        doc = json.loads(r.stdout)
        self.assertTrue(doc["ok"], doc)
        by_check = {c["check"]: c for c in doc["checks"]}
        self.assertIn(f"http://{self.board.host}", by_check["board"]["detail"])
        self.assertEqual(by_check["lib/"]["detail"], "2 libraries installed")
        self.assertIn(".core.mpy.cpytool-tmp", by_check["leftover temp file"]["detail"])
        r = self.lib("--json", "doctor", password="wrong", check=1)
        self.assertFalse(json.loads(r.stdout)["ok"])

    def requests_during(self, *args):
        before = len(self.board.log_lines())
        result = self.lib(*args, check=0)
        return result, self.board.log_lines()[before:]

    def test_warm_list_asks_two_requests_however_many_packages(self):
        self.lib("install", "adafruit_register", "adafruit_bme280", "adafruit_display_text", check=0)
        self.assertEqual(sorted(p.name for p in (self.drive / "lib").iterdir()),
                         ["adafruit_bitmap_font", "adafruit_bme280", "adafruit_bus_device", "adafruit_display_text",
                          "adafruit_register"])
        self.lib("list", "--all", check=0)
        r, requests = self.requests_during("--json", "list", "--all")
        doc = json.loads(r.stdout)
        self.assertEqual({m["name"]: m["installed"] for m in doc["modules"]},
                         {"adafruit_bitmap_font": "2.1.3", "adafruit_bme280": "2.6.28", "adafruit_bus_device": "5.2.10",
                          "adafruit_display_text": "3.2.2", "adafruit_register": "1.10.0"})
        self.assertEqual(doc["outdated"], [])
        self.assertEqual(len(requests), 2, requests)
        self.assertTrue(requests[0].startswith("GET /cp/version.json "), requests)
        self.assertTrue(requests[1].startswith("GET /fs/lib/ "), requests)

    def test_update_over_the_web_replaces_the_files_of_an_outdated_library(self):
        self.lib("install", "adafruit_register", check=0)
        self.w.publish("20260202", with_versions(adafruit_register="1.11.0"))
        listed = json.loads(self.lib("--json", "list", check=0).stdout)
        self.assertEqual(listed["outdated"], ["adafruit_register"])
        self.lib("update", "--all", check=0)
        init = (self.drive / "lib" / "adafruit_register" / "__init__.mpy").read_bytes()
        self.assertIn(b"1.11.0", init)
        self.assertEqual(json.loads(self.lib("--json", "list", check=0).stdout)["outdated"], [])
        leftovers = [p.name for p in (self.drive / "lib").rglob(".*")]
        self.assertEqual(leftovers, [], "staged files left behind")

    def test_install_auto_reads_code_py_from_the_board(self):
        (self.drive / "code.py").write_text("import neopixel\nimport helper\n")
        (self.drive / "helper.py").write_text("import adafruit_lis3dh\n")
        time.sleep(1.5)  # let the reload these writes cause settle
        r = self.lib("--json", "install", "--auto", check=0)
        names = sorted(m["name"] for m in json.loads(r.stdout)["installed"])
        self.assertEqual(names, ["adafruit_bus_device", "adafruit_lis3dh", "adafruit_pixelbuf", "neopixel"])
        self.assertIn("neopixel.mpy", self.files())

    def test_dry_run_over_the_web_writes_nothing(self):
        r, requests = self.requests_during("install", "--dry-run", "neopixel")
        self.assertIn("add", r.stdout)
        self.assertEqual(self.files(), [])
        self.assertFalse([line for line in requests if not line.startswith("GET ")], requests)

    def test_install_with_a_wrong_password_fails_clearly(self):
        r = self.lib("install", "neopixel", password="wrong-one")
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertIn("password", r.stderr)
        self.assertNotIn("wrong-one", r.stdout + r.stderr)
        self.assertEqual(self.files(), [])

    def test_install_409_when_usb_owns_the_drive(self):
        r = self.lib("install", "neopixel")
        self.assertEqual(r.returncode, 6, r.stderr)
        self.assertIn("USB", r.stderr)
        self.assertEqual(self.files(), [])


if __name__ == "__main__":
    unittest.main()
