"""End-to-end test helpers: the cpytool binary, a loopback fake-GitHub server, fake CIRCUITPY drives, pty pairs."""
import atexit
import http.server
import os
import pty
import shutil
import subprocess
import tempfile
import threading
import time
import tty
import unittest
from pathlib import Path

CPYTOOL = os.environ.get("CPYTOOL", "cpytool")
SHARED = Path(os.environ.get("CPY_SHARED_DIR", Path(__file__).resolve().parents[2].parent / "shared"))


_SCRATCH = None


def _scratch_root():
    """One temporary folder per test process for throwaway caches, removed when the process exits."""
    global _SCRATCH
    if _SCRATCH is None:
        _SCRATCH = tempfile.mkdtemp(prefix="cpytool-e2e-")
        atexit.register(shutil.rmtree, _SCRATCH, True)
    return _SCRATCH


def run(args, *, env=None, cwd=None, input=None, timeout=60, check=None):
    """Run cpytool with `args`; returns CompletedProcess with text stdout/stderr."""
    full_env = dict(os.environ)
    if "CPYTOOL_CACHE_DIR" not in full_env and not (env and "CPYTOOL_CACHE_DIR" in env):
        full_env["CPYTOOL_CACHE_DIR"] = tempfile.mkdtemp(prefix="cache-", dir=_scratch_root())
    full_env["NO_COLOR"] = "1"
    if env:
        full_env.update(env)
    result = subprocess.run([CPYTOOL, *args], env=full_env, cwd=cwd, input=input, capture_output=True,
                            text=isinstance(input, str) or input is None, timeout=timeout)
    if check is not None and result.returncode != check:
        raise AssertionError(f"cpytool {' '.join(args)} exited {result.returncode}, expected {check}\n"
                             f"stdout:\n{result.stdout}\nstderr:\n{result.stderr}")
    return result


def start_board(drive, *extra, timeout=30):
    """Starts `cpytool board start --drive DRIVE EXTRA...` (binary pipes); returns (process, announcements) once it
    has printed its uid line. The announcements map each "key: value" line (serial, drive, uid, web) to its value."""
    proc = subprocess.Popen([CPYTOOL, "board", "start", "--drive", str(drive), *extra],
                            env=dict(os.environ, NO_COLOR="1"), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    info = {}
    deadline = time.time() + timeout
    while "uid" not in info:
        if time.time() > deadline or proc.poll() is not None:
            err = proc.stderr.read().decode(errors="replace") if proc.poll() is not None else ""
            stop_board(proc)
            raise AssertionError(f"the virtual board did not start: {info} {err}")
        line = proc.stdout.readline().decode().strip()
        if ": " in line:
            key, value = line.split(": ", 1)
            info[key] = value
    return proc, info


def stop_board(proc, wait=15):
    """Terminates a board process (killing it after `wait` seconds) and closes its pipes; returns its exit status."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(wait)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    for pipe in (proc.stdout, proc.stderr):
        if pipe and not pipe.closed:
            pipe.close()
    return proc.returncode


class FakeGitHub:
    """A loopback HTTP server laid out like GitHub releases, serving files from `root`.

    root/<owner>/<repo>/releases/download/<tag>/<asset>   assets
    root/<owner>/<repo>/latest                            text file holding the latest tag
    GET /<owner>/<repo>/releases/latest  -> 302 to /<owner>/<repo>/releases/tag/<tag>
    Faults: `fail[path] = status` answers that status; `truncate[path] = n` sends only n bytes of the body.
    `requests` records every path asked for.
    """

    def __init__(self, root):
        self.root = Path(root)
        self.fail = {}
        self.truncate = {}
        self.requests = []
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                server.requests.append(self.path)
                path = self.path.split("?")[0]
                if path in server.fail:
                    self.send_error(server.fail[path])
                    return
                parts = path.strip("/").split("/")
                if len(parts) == 4 and parts[2:] == ["releases", "latest"]:
                    latest = server.root / parts[0] / parts[1] / "latest"
                    if not latest.is_file():
                        self.send_error(404)
                        return
                    tag = latest.read_text().strip()
                    self.send_response(302)
                    self.send_header("Location", f"/{parts[0]}/{parts[1]}/releases/tag/{tag}")
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                if len(parts) == 5 and parts[2:4] == ["releases", "tag"]:
                    self._send(b"<html>release " + parts[4].encode() + b"</html>", path)
                    return
                file = (server.root / path.lstrip("/")).resolve()
                if not str(file).startswith(str(server.root.resolve())) or not file.is_file():
                    self.send_error(404)
                    return
                self._send(file.read_bytes(), path)

            def _send(self, body, path):
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if path in server.truncate:
                    body = body[: server.truncate[path]]
                try:
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def publish(self, owner_repo, tag, assets):
        """Publish `assets` ({name: bytes or Path}) as release `tag` of owner/repo and make it the latest."""
        folder = self.root / owner_repo / "releases" / "download" / tag
        folder.mkdir(parents=True, exist_ok=True)
        for name, content in assets.items():
            if isinstance(content, (str, Path)) and Path(content).is_file():
                shutil.copy(content, folder / name)
            else:
                (folder / name).write_bytes(content)
        (self.root / owner_repo / "latest").write_text(tag)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


def make_circuitpy(folder, version="10.0.3", board_id="adafruit_feather_rp2040", uid="DE6270B1E31B5A2F",
                   line_ending="\r\n"):
    """A fake CIRCUITPY drive: boot_out.txt as a board writes it, an empty lib/ and a code.py."""
    folder = Path(folder)
    (folder / "lib").mkdir(parents=True, exist_ok=True)
    lines = [f"Adafruit CircuitPython {version} on 2025-06-01; Adafruit Feather RP2040 with rp2040",
             f"Board ID:{board_id}", f"UID:{uid}"]
    (folder / "boot_out.txt").write_bytes(line_ending.join(lines).encode() + line_ending.encode())
    (folder / "code.py").write_text('print("Hello World!")\n')
    return folder


def open_pty():
    """A pseudo-terminal pair in raw mode: (master_fd, slave_path). Close master_fd when done."""
    master, slave = pty.openpty()
    tty.setraw(slave)
    path = os.ttyname(slave)
    os.close(slave)
    return master, path


def is_root():
    return hasattr(os, "geteuid") and os.geteuid() == 0


class TempDirTestCase(unittest.TestCase):
    """A test case with a fresh temporary folder in self.tmp, removed afterwards."""

    def setUp(self):
        self._tmp = tempfile.TemporaryDirectory(prefix="cpytool-e2e-")
        self.tmp = Path(self._tmp.name)

    def tearDown(self):
        self._tmp.cleanup()
