"""A scripted CircuitPython board on a pseudo-terminal, speaking the console protocol of device-protocol.md §2.

It plays the board for end-to-end tests of `cpytool exec/run/modules/info/reset/fs/deploy/repl` until the virtual
board (`cpytool board start`) can take its place: tests obtain a board only through `start_board()`, so switching
means changing that one function.

The peer runs the Python it receives with the host's Python, inside a namespace whose `os`, `open`, `board`,
`microcontroller`, `supervisor` and `sys.implementation` act like a CircuitPython board with `drive` as its
CIRCUITPY folder. Output is cooked (\\n -> \\r\\n) like the real console.
"""
import builtins
import io
import os
import select
import sys
import threading
import time
import traceback
import types
from pathlib import Path

from harness import open_pty

BANNER = "Adafruit CircuitPython 9.2.8 on 2025-05-28; Raspberry Pi Pico with rp2040"
RAW_BANNER = "raw REPL; CTRL-B to exit\r\n>"
MODULES = ["__future__", "__main__", "_asyncio", "adafruit_hid/__init__", "adafruit_hid/keyboard", "array",
           "board", "builtins", "collections", "digitalio", "gc", "math", "microcontroller", "neopixel", "os",
           "supervisor", "sys", "time"]


def modules_text(names):
    """help('modules') laid out as §3 describes: column-major, 4 columns of 18."""
    rows = (len(names) + 3) // 4
    lines = []
    for r in range(rows):
        items = [names[r + c * rows] for c in range(4) if r + c * rows < len(names)]
        line = ""
        for i, item in enumerate(items):
            line += item
            if i < len(items) - 1:
                pad = 18 - len(item)
                while pad < 1:
                    pad += 18
                line += " " * pad
        lines.append(line)
    return "\n".join(lines) + "\nPlus any modules on the filesystem\n"


class Interrupted(BaseException):
    pass


class FakeBoard:
    """paste: "yes" (raw-paste offered), "no" (answers R\\x00) or "old" (firmware without raw-paste)."""

    def __init__(self, drive, paste="yes", board_id="raspberry_pi_pico", uid="E6647C15675E522D", status_bar=True):
        self.drive = Path(drive)
        self.paste = paste
        self.board_id = board_id
        self.uid = uid
        self.status_bar = status_bar
        self.master, self.port = open_pty()
        self.mode = "idle"  # code.py has finished: "Press any key to enter the REPL", auto-reload armed
        self.buffer = bytearray()
        self.events = []            # (kind, detail) in order
        self.credit_violations = 0  # raw-paste bytes sent beyond the granted window
        self.unplug_marker = None   # code containing this text makes the board vanish mid-run
        self.lock = threading.Lock()
        self.interrupt = threading.Event()
        self.running = None
        self.closed = False
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.watcher = threading.Thread(target=self._watch_drive, daemon=True)

    # --- plumbing -------------------------------------------------------------------------------------------
    def start(self):
        self.thread.start()
        self.watcher.start()
        return self

    def stop(self):
        self.unplug()

    def wait_for(self, kind, timeout=3.0):
        """The detail of the first event of `kind`, waiting for it to happen; None when it does not."""
        end = time.time() + timeout
        while time.time() < end:
            for k, detail in list(self.events):
                if k == kind:
                    return detail if detail is not None else True
            time.sleep(0.02)
        return None

    def unplug(self):
        with self.lock:
            if not self.closed:
                self.closed = True
                os.close(self.master)
                self.events.append(("unplugged", None))

    def send(self, text):
        data = text.encode() if isinstance(text, str) else text
        with self.lock:
            if self.closed:
                return
            try:
                os.write(self.master, data)
            except OSError:
                pass

    def cooked(self, text):
        self.send(text.replace("\r\n", "\n").replace("\n", "\r\n"))

    def _serve(self):
        while not self.closed:
            try:
                # never block in read: closing the fd under a blocked read would not hang up the port
                with self.lock:
                    if self.closed:
                        return
                    ready, _, _ = select.select([self.master], [], [], 0)
                if not ready:
                    time.sleep(0.005)
                    continue
                data = os.read(self.master, 4096)
            except OSError:
                # EIO while no process has the port open: wait for the host to (re)open it
                time.sleep(0.01)
                continue
            if not data:
                return
            for b in data:
                self._byte(b)

    def _watch_drive(self):
        last = self._snapshot()
        while not self.closed:
            time.sleep(0.01)
            now = self._snapshot()
            if now != last and self.mode not in ("raw", "paste", "friendly", "running"):
                self.events.append(("changed_outside_repl", None))
            last = now

    def _snapshot(self):
        out = {}
        try:
            for p in self.drive.rglob("*"):
                out[str(p)] = p.stat().st_size
        except OSError:
            pass  # the drive is being removed at the end of a test
        return out

    # --- console state machine (§2.3-2.6) --------------------------------------------------------------------
    def _byte(self, b):
        if self.running is not None:
            if b == 3:
                self.interrupt.set()
            return  # bytes arriving while code runs are dropped, as Ctrl-C flushes the FIFO
        handler = {"friendly": self._friendly, "raw": self._raw, "paste": self._paste, "idle": self._idle}[self.mode]
        handler(b)

    def _banner(self):
        if self.status_bar:
            self.send("\x1b]0;\U0001f40d REPL | 9.2.8\x1b\\")
        self.send("\r\n" + BANNER + "\r\n>>> ")

    def _idle(self, b):
        if b == 4:
            self._reload()
            return
        self.mode = "friendly"
        self._banner()

    def _friendly(self, b):
        if b == 1:
            self.send("\r\n")
            self.mode = "raw"
            self.buffer.clear()
            self.events.append(("raw", None))
            self.send(RAW_BANNER)
        elif b == 2:
            self.send("\r\n")
            self._banner()
        elif b == 3 or b == 13:
            self.send("\r\n>>> ")
        elif b == 4:
            self.send("\r\n")
            self._reload()
        else:
            self.send(bytes([b]))

    def _raw(self, b):
        if b == 1 and self.buffer == b"\x05A" and self.paste != "old":
            self.buffer.clear()
            self._raw_paste_request()
        elif b == 1:
            self.buffer.clear()
            self.send(RAW_BANNER)
        elif b == 2:
            self.mode = "friendly"
            self.buffer.clear()
            self.send("\r\n")
            self._banner()
        elif b == 3:
            self.buffer.clear()
        elif b == 4 and not self.buffer:
            self.send("OK\r\nsoft reboot\r\n")
            self.events.append(("soft_reset", None))
            self.send(RAW_BANNER)
        elif b == 4:
            code = self.buffer.decode(errors="replace")
            self.buffer.clear()
            self.send("OK")
            self._start(code)
        else:
            self.buffer.append(b)

    def _raw_paste_request(self):
        """\x05 A \x01 at the raw prompt (§2.6)."""
        if self.paste == "no":
            self.send("R\x00")
            return
        self.send(b"R\x01\x80\x00\x01")
        self.events.append(("raw_paste", None))
        self.mode = "paste"
        self.paste_data = bytearray()
        self.paste_credit = 256
        self.paste_consumed = 0

    def _paste(self, b):
        if b == 4:
            self.send("\x04")
            code = self.paste_data.decode(errors="replace")
            self.mode = "raw"
            self._start(code)
            return
        if b == 3:
            self.mode = "raw"
            self.send("\x04")
            return
        self.paste_data.append(b)
        self.paste_credit -= 1
        if self.paste_credit < 0:
            self.credit_violations += 1
        self.paste_consumed += 1
        if self.paste_consumed % 128 == 0:
            self.paste_credit += 128
            self.send(b"\x01")

    # --- running code -----------------------------------------------------------------------------------------
    def _start(self, code):
        self.interrupt.clear()
        self.running = threading.Thread(target=self._run_code, args=(code,), daemon=True)
        self.mode_before = self.mode
        self.mode = "running"
        self.running.start()

    def _run_code(self, code):
        self.events.append(("exec", code))
        if self.unplug_marker and self.unplug_marker in code:
            self.cooked("partial output\n")
            time.sleep(0.2)
            self.unplug()
            return
        out = Cooked(self)
        err = ""
        try:
            self._execute(code, out)
        except SystemExit:
            pass
        except BaseException as e:  # noqa: B902 - the board reports every exception
            err = self._traceback(e)
        self.send(b"\x04")
        self.cooked(err)
        self.mode = "raw"
        self.running = None
        self.send(b"\x04>")

    def _traceback(self, e):
        if isinstance(e, Interrupted):
            return "Traceback (most recent call last):\n  File \"<stdin>\", line 1, in <module>\nKeyboardInterrupt: \n"
        lines = ["Traceback (most recent call last):"]
        for frame in traceback.extract_tb(e.__traceback__):
            if frame.filename == "<stdin>":
                lines.append(f'  File "<stdin>", line {frame.lineno}, in {frame.name}')
        text = str(e)
        lines.append(type(e).__name__ + (": " + text if text else ""))
        return "\n".join(lines) + "\n"

    def _execute(self, code, out):
        namespace = {"__builtins__": self._builtins(out), "__name__": "__main__"}
        compiled = compile(code, "<stdin>", "exec")

        def tracer(frame, event, arg):
            if self.interrupt.is_set():
                self.interrupt.clear()
                raise Interrupted()
            return tracer

        sys.settrace(tracer)
        try:
            exec(compiled, namespace)
        finally:
            sys.settrace(None)

    def _builtins(self, out):
        names = dict(vars(builtins))
        names["print"] = lambda *a, **k: builtins.print(*a, **{**k, "file": out})
        names["open"] = lambda path, mode="r", *a, **k: open(self._local(path), mode, *a, **k)
        names["help"] = lambda what=None: out.write(modules_text(MODULES) if what == "modules" else "help\n")
        modules = self._modules()

        def fake_import(name, globals=None, locals=None, fromlist=(), level=0):
            if name in modules:
                return modules[name]
            return __import__(name, globals, locals, fromlist, level)

        names["__import__"] = fake_import
        return names

    def _local(self, path):
        path = str(path)
        return str(self.drive / path.lstrip("/"))

    def _modules(self):
        board = types.SimpleNamespace(board_id=self.board_id)
        run_mode = types.SimpleNamespace(NORMAL="NORMAL", SAFE_MODE="SAFE_MODE", UF2="UF2", BOOTLOADER="BOOTLOADER")
        micro = types.SimpleNamespace(cpu=types.SimpleNamespace(uid=bytes.fromhex(self.uid)), RunMode=run_mode)
        micro.on_next_reset = lambda mode: self.events.append(("on_next_reset", mode))
        micro.reset = self._hard_reset
        supervisor = types.SimpleNamespace(runtime=types.SimpleNamespace(safe_mode_reason="supervisor.SafeModeReason.NONE"))
        impl = types.SimpleNamespace(name="circuitpython", version=(9, 2, 8, ""), _mpy=774,
                                     _machine="Raspberry Pi Pico with rp2040")
        fake_sys = types.SimpleNamespace(implementation=impl, platform="RP2040", exit=sys.exit, path=["", "/", "/lib"])
        local = self._local
        fake_os = types.SimpleNamespace(
            listdir=lambda p="/": sorted(os.listdir(local(p))),
            stat=lambda p: self._stat(local(p)),
            mkdir=lambda p: os.mkdir(local(p)),
            rmdir=lambda p: os.rmdir(local(p)),
            remove=lambda p: os.remove(local(p)),
            rename=lambda a, b: os.rename(local(a), local(b)),
            sync=lambda: None,
            uname=lambda: types.SimpleNamespace(sysname="rp2040", nodename="rp2040", release="9.2.8",
                                                version="9.2.8 on 2025-05-28", machine="Raspberry Pi Pico with rp2040"),
        )
        return {"board": board, "microcontroller": micro, "supervisor": supervisor, "sys": fake_sys, "os": fake_os}

    @staticmethod
    def _stat(path):
        s = os.stat(path)
        mode = 0x4000 if os.path.isdir(path) else 0x8000
        return (mode, 0, 0, 0, 0, 0, s.st_size, int(s.st_mtime), int(s.st_mtime), int(s.st_mtime))

    def _hard_reset(self):
        self.events.append(("hard_reset", None))
        time.sleep(0.05)
        self.unplug()
        raise SystemExit

    def _reload(self):
        """Ctrl-D at the friendly prompt: soft reboot, run code.py, then wait for a key (§2.3)."""
        snapshot = {p.relative_to(self.drive).as_posix(): p.read_bytes() for p in self.drive.rglob("*") if p.is_file()}
        self.events.append(("reload", snapshot))
        self.send("soft reboot\r\n\r\n\x1b[2K\x1b[0GAuto-reload is on.\r\n\x1b[2K\x1b[0Gcode.py output:\r\n")
        self.send("\r\nCode done running.\r\n\r\nPress any key to enter the REPL. Use CTRL-D to reload.\r\n")
        self.mode = "idle"


class Cooked(io.TextIOBase):
    def __init__(self, board):
        self.board = board

    def write(self, text):
        self.board.cooked(text)
        return len(text)


def start_board(drive, **kwargs):
    """The one place tests get a board from: a FakeBoard now, the virtual board once issue 7 lands."""
    return FakeBoard(drive, **kwargs).start()
