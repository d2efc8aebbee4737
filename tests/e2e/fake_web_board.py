"""A loopback web-workflow server (device-protocol.md §7): /cp/version.json and the /fs/ API with Basic auth.

Files live in `drive`. `usb_owns_drive = True` makes writes answer 409; `requests` records (method, path).
"""
import base64
import http.server
import json
import shutil
import threading
import urllib.parse
from pathlib import Path


class FakeWebBoard:
    def __init__(self, drive, password="secret"):
        self.drive = Path(drive)
        self.password = password
        self.usb_owns_drive = False
        self.requests = []
        self.auth_headers = []
        board = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def _reply(self, status, body=b"", content_type="text/plain"):
                self.send_response(status)
                if status == 401:
                    self.send_header("WWW-Authenticate", 'Basic realm="CircuitPython"')
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Connection", "close")
                self.end_headers()
                self.wfile.write(body)
                self.close_connection = True

            def _authorized(self):
                header = self.headers.get("Authorization", "")
                board.auth_headers.append(header)
                expected = "Basic " + base64.b64encode((":" + board.password).encode()).decode()
                return header == expected

            def _local(self):
                path = urllib.parse.unquote(urllib.parse.urlparse(self.path).path)
                return board.drive / path[len("/fs/"):], path.endswith("/")

            def _start(self, method):
                board.requests.append((method, self.path))
                if self.path == "/cp/version.json" and method == "GET":
                    doc = {"web_api_version": 4, "version": "9.2.8", "build_date": "2025-05-28",
                           "board_name": "QT Py ESP32-S3", "mcu_name": "ESP32S3", "board_id": "adafruit_qtpy_esp32s3",
                           "creator_id": 0, "creation_id": 0, "hostname": "cpy-test", "port": 80,
                           "UID": "A1B2C3D4E5F6", "ip": "127.0.0.1"}
                    self._reply(200, json.dumps(doc).encode(), "application/json")
                    return None
                if not self.path.startswith("/fs/"):
                    self._reply(404)
                    return None
                if not self._authorized():
                    self._reply(401)
                    return None
                if method in ("PUT", "DELETE", "MOVE") and board.usb_owns_drive:
                    self._reply(409, b"USB storage active.")
                    return None
                return self._local()

            def do_GET(self):
                target = self._start("GET")
                if target is None:
                    return
                local, is_dir = target
                if is_dir:
                    if not local.is_dir():
                        self._reply(404)
                        return
                    files = [{"name": p.name, "directory": p.is_dir(), "modified_ns": int(p.stat().st_mtime) * 10**9,
                              "file_size": 0 if p.is_dir() else p.stat().st_size} for p in sorted(local.iterdir())]
                    doc = {"free": 100, "total": 200, "block_size": 512, "writable": True, "files": files}
                    self._reply(200, json.dumps(doc).encode(), "application/json")
                elif local.is_file():
                    self._reply(200, local.read_bytes(), "application/octet-stream")
                else:
                    self._reply(404)

            def do_PUT(self):
                target = self._start("PUT")
                length = int(self.headers.get("Content-Length", "0"))
                body = self.rfile.read(length) if length else b""
                if target is None:
                    return
                local, is_dir = target
                if is_dir:
                    existed = local.is_dir()
                    local.mkdir(parents=True, exist_ok=True)
                    self._reply(204 if existed else 201)
                    return
                if not local.parent.is_dir():
                    self._reply(404)
                    return
                existed = local.exists()
                local.write_bytes(body)
                self._reply(204 if existed else 201)

            def do_DELETE(self):
                target = self._start("DELETE")
                if target is None:
                    return
                local, _ = target
                if local.is_dir():
                    shutil.rmtree(local)
                elif local.is_file():
                    local.unlink()
                else:
                    self._reply(404)
                    return
                self._reply(204)

            def do_MOVE(self):
                target = self._start("MOVE")
                if target is None:
                    return
                local, _ = target
                dest = urllib.parse.unquote(self.headers.get("X-Destination", ""))
                new = board.drive / dest[len("/fs/"):]
                if not local.exists():
                    self._reply(404)
                elif new.exists():
                    self._reply(412)
                else:
                    local.rename(new)
                    self._reply(201)

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.host = f"127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()
