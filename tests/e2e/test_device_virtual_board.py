"""cpytool's device link (exec, run, modules, info, reset, repl, deploy, fs) against the real virtual board
(`cpytool board start`) over its pseudo-terminal.

test_device_serial.py keeps the scripted peer for what this board cannot produce: firmware without raw-paste, a
board unplugged mid-command, a reset into the bootloader.

A test may hold a "monitor" descriptor on the board's pty to read the console transcript around a command. It reads
only while no cpytool command runs, so the command sees every byte it waits for; the transcript then shows what the
board printed after the command let go of the port (a soft reboot, a code.py run). Text the board prints while a
command still reads (right after a reset) may go to the command, so resets are proven by files boot.py and
code.py write, not by the transcript."""
import json
import os
import pty
import re
import select
import shutil
import signal
import subprocess
import tempfile
import time
import tty
import unittest
from pathlib import Path

from harness import CPYTOOL, TempDirTestCase, run, start_board, stop_board

LC = b"\x1b[2K\x1b[0G"
PRESS_ANY_KEY = b"\r\nPress any key to enter the REPL. Use CTRL-D to reload.\r\n"
VERSION_LINE = re.compile(r"^Adafruit CircuitPython (\S+) on (\d{4}-\d{2}-\d{2}); (.+) with (\S+)$")
BOARD_START_TIMEOUT = 30
COMMAND_TIMEOUT = 90


class VirtualBoard:
    """A running `cpytool board start`: its announcements (serial, drive, uid) and an optional monitor."""

    def __init__(self, drive, *extra):
        self.proc, self.info = start_board(drive, *extra, timeout=BOARD_START_TIMEOUT)
        self.monitor_fd = None
        self.transcript = b""
        self.port = self.info["serial"]

    def open_monitor(self):
        """Opens the console like a terminal left connected; from then on the board prints its transcript."""
        self.monitor_fd = os.open(self.port, os.O_RDWR | os.O_NOCTTY)
        tty.setraw(self.monitor_fd)

    def read_until(self, marker, timeout=30):
        """Transcript up to and including `marker`, consumed from the monitor."""
        deadline = time.time() + timeout
        while marker not in self.transcript:
            left = deadline - time.time()
            if left <= 0:
                raise AssertionError(f"timed out waiting for {marker!r}; the board printed {self.transcript!r}")
            ready, _, _ = select.select([self.monitor_fd], [], [], left)
            if ready:
                self.transcript += os.read(self.monitor_fd, 4096)
        end = self.transcript.index(marker) + len(marker)
        head, self.transcript = self.transcript[:end], self.transcript[end:]
        return head

    def collect(self, seconds):
        """Everything the monitor receives within `seconds` (plus what was already there)."""
        deadline = time.time() + seconds
        while time.time() < deadline:
            ready, _, _ = select.select([self.monitor_fd], [], [], max(0.0, deadline - time.time()))
            if ready:
                self.transcript += os.read(self.monitor_fd, 4096)
        data, self.transcript = self.transcript, b""
        return data

    def close(self):
        if self.monitor_fd is not None:
            os.close(self.monitor_fd)
            self.monitor_fd = None
        stop_board(self.proc)


class VirtualBoardTestCase(TempDirTestCase):
    """One fresh board per test, CIRCUITPY in self.drive; `cpytool()` runs a command against its port."""

    board_args = ()
    monitor = False

    def setUp(self):
        super().setUp()
        self.drive = self.tmp / "CIRCUITPY"
        self.prepare_drive()
        self.board = VirtualBoard(self.drive, *self.board_args)
        self.addCleanup(self.board.close)  # when setUp fails below; tearDown closes it first otherwise
        if self.monitor:
            self.board.open_monitor()
            self.board.read_until(PRESS_ANY_KEY)

    def tearDown(self):
        self.board.close()  # before the drive folder goes
        super().tearDown()

    def prepare_drive(self):
        """Files the board finds at its first boot (the default is a fresh CIRCUITPY)."""

    def cpytool(self, *args, check=None, **kwargs):
        env = {"CPYTOOL_PORT": self.board.port, "CPYTOOL_SYSFS_ROOT": str(self.tmp / "no-sysfs"),
               "CPYTOOL_MOUNTS": str(self.tmp / "no-mounts"), "CPYTOOL_MOUNT_ROOTS": str(self.tmp / "no-mounts")}
        env.update(kwargs.pop("env", {}))
        return run(list(args), env=env, timeout=COMMAND_TIMEOUT, check=check, **kwargs)


def runs_logged(drive):
    """Lines code.py appended to /runs.txt, one per run."""
    path = drive / "runs.txt"
    return path.read_text().splitlines() if path.exists() else []


REMOUNT_BOOT_PY = "import storage\nstorage.remount('/', readonly=False)\n"


def fresh_drive(drive, boot_py=None):
    """The files of a fresh CIRCUITPY, and a boot.py when given."""
    (drive / "lib").mkdir(parents=True, exist_ok=True)
    (drive / "code.py").write_text('print("Hello World!")\n')
    (drive / "settings.toml").write_text("")
    if boot_py:
        (drive / "boot.py").write_text(boot_py)


class ExecAndRun(VirtualBoardTestCase):
    def test_exec_prints_the_output_with_lf_line_endings(self):
        r = self.cpytool("exec", "print('hi'); print(6 * 7)", check=0)
        self.assertEqual(r.stdout, "hi\n42\n")
        self.assertEqual(r.stderr, "")

    def test_exec_that_raises_exits_1_with_the_traceback_on_stderr(self):
        r = self.cpytool("exec", "print('before')\n1 // 0", check=1)
        self.assertEqual(r.stdout, "before\n")
        self.assertEqual(r.stderr, 'Traceback (most recent call last):\n  File "<stdin>", line 2, in <module>\n'
                                   "ZeroDivisionError: divide by zero\n")

    def test_exec_json_returns_stdout_and_traceback(self):
        r = self.cpytool("--json", "exec", "print(1)\nraise ValueError('bad')", check=1)
        doc = json.loads(r.stdout)
        self.assertFalse(doc["ok"])
        self.assertEqual(doc["stdout"], "1\n")
        self.assertTrue(doc["traceback"].endswith("ValueError: bad\n"), doc["traceback"])

    def test_a_syntax_error_is_a_traceback_not_a_hang(self):
        r = self.cpytool("exec", "print('never'\n", check=1)
        self.assertEqual(r.stdout, "")
        self.assertIn("SyntaxError", r.stderr)

    def test_each_command_starts_in_a_fresh_vm(self):
        self.cpytool("exec", "x = 5", check=0)
        # Every command enters the raw REPL afresh: the VM restarts, so x is gone (as on a real board).
        r = self.cpytool("exec", "print(x)", check=1)
        self.assertIn("NameError", r.stderr)

    def test_run_streams_a_40_kb_program_through_raw_paste_flow_control(self):
        lines = ["total = 0"] + [f"total += {i}  # {'padding ' * 4}{i:06d}" for i in range(1000)]
        lines.append("print('total', total)")
        script = self.tmp / "big.py"
        script.write_text("\n".join(lines) + "\n")
        size = script.stat().st_size
        self.assertGreater(size, 40000)
        log = self.tmp / "run.log"
        r = self.cpytool("--log-file", str(log), "run", str(script), check=0)
        self.assertEqual(r.stdout, f"total {sum(range(1000))}\n")
        paste = re.search(r"raw-paste: sent (\d+) bytes in a window of (\d+) with (\d+) credit byte",
                          log.read_text())
        self.assertIsNotNone(paste, log.read_text())
        sent, window, credits = (int(g) for g in paste.groups())
        self.assertEqual(sent, size)
        self.assertEqual(window, 128)
        # The board grants one window at the start and one more per 128 bytes it consumed.
        self.assertGreaterEqual(credits, size // window - 1)

    def test_ctrl_c_on_the_host_interrupts_the_code_on_the_board(self):
        env = dict(os.environ, CPYTOOL_PORT=self.board.port, NO_COLOR="1")
        proc = subprocess.Popen([CPYTOOL, "exec", "print('started')\nwhile True:\n    pass"], env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        try:
            self.assertEqual(proc.stdout.readline(), b"started\n")
            proc.send_signal(signal.SIGINT)
            _, err = proc.communicate(timeout=COMMAND_TIMEOUT)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.communicate()
        self.assertEqual(proc.returncode, 1, err)
        self.assertIn(b"KeyboardInterrupt", err)
        # The board is usable right away.
        self.assertEqual(self.cpytool("exec", "print('after')", check=0).stdout, "after\n")

    def test_a_file_with_a_runtime_error_exits_1_naming_its_line(self):
        script = self.tmp / "fails.py"
        script.write_text("print('start')\nvalues = {}\nprint(values['missing'])\n")
        r = self.cpytool("run", str(script), check=1)
        self.assertEqual(r.stdout, "start\n")
        self.assertIn('line 3, in <module>', r.stderr)
        self.assertIn("KeyError", r.stderr)

    def test_run_of_a_missing_file_is_bad_input(self):
        r = self.cpytool("run", str(self.tmp / "nope.py"), check=3)
        self.assertIn("nope.py", r.stderr)

    def test_no_raw_paste_option_uses_the_plain_raw_repl(self):
        log = self.tmp / "plain.log"
        r = self.cpytool("--log-file", str(log), "exec", "--no-raw-paste", "print('plain')", check=0)
        self.assertEqual(r.stdout, "plain\n")
        self.assertNotIn("raw-paste: sent", log.read_text())


class Modules(VirtualBoardTestCase):
    @classmethod
    def setUpClass(cls):
        cls.firmware_dir = tempfile.TemporaryDirectory(prefix="cpytool-fw-")
        src = Path(cls.firmware_dir.name) / "src"
        (src / "frozenpkg").mkdir(parents=True)
        (src / "frozenpkg" / "__init__.py").write_text("NAME = 'pkg'\n")
        (src / "frozenpkg" / "sub.py").write_text("NAME = 'sub'\n")
        (src / "frozenone.py").write_text("NAME = 'one'\n")
        firmware = Path(cls.firmware_dir.name) / "fw.cpyfw"
        run(["build-firmware", "--freeze", "frozenpkg", "--freeze", "frozenone", "--from", str(src), "-o",
             str(firmware)], check=0, timeout=COMMAND_TIMEOUT)
        cls.board_args = ("--firmware", str(firmware))

    @classmethod
    def tearDownClass(cls):
        cls.firmware_dir.cleanup()

    def test_modules_json_lists_the_frozen_package_folded_and_the_builtins(self):
        r = self.cpytool("--json", "modules", check=0)
        doc = json.loads(r.stdout)
        self.assertEqual(doc["frozen"], ["frozenpkg"])
        self.assertEqual(doc["frozen_modules"], ["frozenpkg", "frozenpkg.sub"])
        for name in ("board", "digitalio", "microcontroller", "os", "supervisor", "sys", "time"):
            self.assertIn(name, doc["builtin"])
        self.assertNotIn("__main__", doc["builtin"])
        # A single-file frozen module cannot be told from a built-in by help('modules') alone (§3), but it is listed.
        self.assertIn("frozenone", doc["builtin"] + doc["frozen"])
        self.assertTrue(all("/" not in n for n in doc["builtin"] + doc["frozen_modules"]))

    def test_modules_human_output_counts_both_groups(self):
        r = self.cpytool("modules", check=0)
        self.assertRegex(r.stdout, r"Built-in \(\d+\): .*\bboard\b")
        self.assertIn("Frozen (1): frozenpkg\n", r.stdout)

    def test_the_frozen_package_is_importable_where_modules_says(self):
        r = self.cpytool("exec", "import frozenpkg.sub, frozenone\nprint(frozenpkg.NAME, frozenpkg.sub.NAME, "
                         "frozenone.NAME)", check=0)
        self.assertEqual(r.stdout, "pkg sub one\n")


class Info(VirtualBoardTestCase):
    board_args = ("--board-id", "raspberry_pi_pico")

    def test_info_json_matches_boot_out_and_the_board_announcement(self):
        r = self.cpytool("--json", "info", check=0)
        doc = json.loads(r.stdout)
        line1 = (self.drive / "boot_out.txt").read_text().splitlines()[0]
        match = VERSION_LINE.match(line1)
        self.assertIsNotNone(match, line1)
        tag = match.group(1)
        self.assertEqual(doc["implementation"], "circuitpython")
        self.assertEqual(doc["tag"], tag)
        self.assertEqual(doc["version"], tag.split("-")[0])
        self.assertRegex(doc["version"], r"^\d+\.\d+\.\d+$")
        self.assertEqual(doc["board_id"], "raspberry_pi_pico")
        self.assertEqual(doc["machine"], f"{match.group(3)} with {match.group(4)}")
        self.assertEqual(doc["machine"], "Raspberry Pi Pico with rp2040")
        self.assertEqual(doc["uid"], self.board.info["uid"])
        self.assertEqual(doc["mpy"]["version"], 6)
        self.assertEqual(doc["mpy"]["arch"], "none")
        self.assertFalse(doc["safe_mode"])
        self.assertEqual(doc["safe_mode_reason"], "NONE")
        self.assertEqual(doc["port"], self.board.port)

    def test_info_human_output(self):
        r = self.cpytool("info", check=0)
        self.assertIn("board id:   raspberry_pi_pico\n", r.stdout)
        self.assertIn("uid:        " + self.board.info["uid"] + "\n", r.stdout)
        self.assertIn("mpy:        v6.", r.stdout)
        self.assertIn("safe mode:  no\n", r.stdout)


class Reset(VirtualBoardTestCase):
    """boot.py (hard boots only) and code.py (every run) log to the drive, so a reset is proven by files, not by
    console text that the command itself may have read while it waited for the end of its last exec."""

    monitor = True

    def prepare_drive(self):
        fresh_drive(self.drive, REMOUNT_BOOT_PY + "with open('/boots.txt', 'a') as f:\n    f.write('boot\\n')\n")
        (self.drive / "code.py").write_text("with open('/runs.txt', 'a') as f:\n    f.write('run\\n')\nprint('ran')\n")

    def boots_and_runs(self):
        boots = self.drive / "boots.txt"
        return len(boots.read_text().splitlines()) if boots.exists() else 0, len(runs_logged(self.drive))

    def wait_for(self, expected, timeout=30):
        deadline = time.time() + timeout
        while self.boots_and_runs() != expected and time.time() < deadline:
            time.sleep(0.1)
        return self.boots_and_runs()

    def run_reason(self):
        r = self.cpytool("exec", "import supervisor\nprint(supervisor.runtime.run_reason)", check=0)
        return r.stdout.strip()

    def test_soft_reset_reruns_code_py_without_booting(self):
        self.assertEqual(self.boots_and_runs(), (1, 1))
        self.cpytool("reset", "--soft", check=0)
        out = self.board.read_until(PRESS_ANY_KEY)
        self.assertIn(b"soft reboot\r\n", out)
        self.assertIn(b"code.py output:\r\nran\r\n", out)
        self.assertEqual(self.boots_and_runs(), (1, 2))
        self.assertEqual(self.run_reason(), "supervisor.RunReason.REPL_RELOAD")

    def test_reset_hard_boots_the_board_which_comes_back_on_the_same_port(self):
        r = self.cpytool("--json", "reset", check=0)
        doc = json.loads(r.stdout)
        self.assertEqual((doc["ok"], doc["mode"], doc["port"]), (True, "normal", self.board.port))
        self.assertEqual(self.wait_for((2, 2)), (2, 2))
        self.assertEqual(self.run_reason(), "supervisor.RunReason.STARTUP")
        self.assertFalse(json.loads(self.cpytool("--json", "info", check=0).stdout)["safe_mode"])

    def test_reset_into_safe_mode_runs_neither_boot_py_nor_code_py(self):
        r = self.cpytool("reset", "--safe-mode", check=0)
        self.assertIn("into safe mode", r.stdout)
        info = json.loads(self.cpytool("--json", "info", check=0).stdout)
        if not info["safe_mode"]:
            self.skipTest("this virtual board has no safe mode: it restarted normally")
        self.assertEqual(info["safe_mode_reason"], "PROGRAMMATIC")
        self.assertIn("safe mode:  yes: PROGRAMMATIC", self.cpytool("info", check=0).stdout)
        self.assertEqual(self.boots_and_runs(), (1, 1))
        # Leaving safe mode takes a reset; the board boots normally again.
        self.cpytool("reset", check=0)
        self.assertEqual(self.wait_for((2, 2)), (2, 2))
        self.assertFalse(json.loads(self.cpytool("--json", "info", check=0).stdout)["safe_mode"])


class Repl(VirtualBoardTestCase):
    def start_repl(self, *extra):
        master, slave = pty.openpty()
        env = dict(os.environ, CPYTOOL_PORT=self.board.port, NO_COLOR="1")
        proc = subprocess.Popen([CPYTOOL, "repl", *extra], stdin=slave, stdout=slave, stderr=slave, env=env,
                                close_fds=True)
        os.close(slave)
        self.addCleanup(self.stop_repl, proc, master)
        self.seen = b""
        return proc, master

    def stop_repl(self, proc, master):
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        os.close(master)

    def read_until(self, master, marker, timeout=30):
        deadline = time.time() + timeout
        while marker not in self.seen:
            left = deadline - time.time()
            if left <= 0:
                raise AssertionError(f"timed out waiting for {marker!r}; the terminal shows {self.seen!r}")
            ready, _, _ = select.select([master], [], [], left)
            if ready:
                try:
                    self.seen += os.read(master, 4096)
                except OSError:
                    break
        end = self.seen.index(marker) + len(marker)
        head, self.seen = self.seen[:end], self.seen[end:]
        return head

    def test_repl_runs_typed_lines_and_quits_on_ctrl_bracket(self):
        log = self.tmp / "session.log"
        proc, master = self.start_repl("--log", str(log))
        self.read_until(master, b"Ctrl-] quits]")
        os.write(master, b"\r")
        self.read_until(master, b">>> ")
        os.write(master, b"print(6 * 7)\r")
        self.assertIn(b"42\r\n", self.read_until(master, b">>> "))
        os.write(master, b"\x02")  # Ctrl-B: the banner again, from the board
        banner = self.read_until(master, b">>> ")
        self.assertRegex(banner.decode(), r"Adafruit CircuitPython \S+ on \d{4}-\d{2}-\d{2}; ")
        os.write(master, b"\x1d")
        self.assertEqual(proc.wait(timeout=COMMAND_TIMEOUT), 0)
        logged = log.read_bytes()
        self.assertIn(b"print(6 * 7)\r\n42\r\n", logged)
        self.assertIn(b"Adafruit CircuitPython", logged)

    def test_ctrl_c_through_the_terminal_interrupts_code_that_auto_reload_started(self):
        proc, master = self.start_repl()
        self.read_until(master, PRESS_ANY_KEY)
        (self.drive / "code.py").write_text("print('looping')\nwhile True:\n    pass\n")
        self.read_until(master, b"looping\r\n")
        os.write(master, b"\x03")
        out = self.read_until(master, PRESS_ANY_KEY)
        self.assertIn(b"KeyboardInterrupt", out)
        self.assertIn(b"Code done running.", out)
        os.write(master, b"\x04")  # Ctrl-D at the prompt: reload, code.py runs again
        self.assertIn(b"soft reboot\r\n", self.read_until(master, b"looping\r\n"))
        os.write(master, b"\x1d")
        self.assertEqual(proc.wait(timeout=COMMAND_TIMEOUT), 0)

    def test_repl_says_the_board_went_away_and_still_quits_on_ctrl_bracket(self):
        proc, master = self.start_repl()
        self.read_until(master, PRESS_ANY_KEY)
        self.board.close()
        self.read_until(master, b"the board went away")
        os.write(master, b"\x1d")
        self.assertEqual(proc.wait(timeout=COMMAND_TIMEOUT), 0)


class PortReuse(VirtualBoardTestCase):
    """A pseudo-terminal keeps TIOCEXCL after the last close; only root may open it again unless it is cleared."""

    @unittest.skipUnless(hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("setpriv"),
                         "needs root and setpriv to run cpytool as an ordinary user")
    def test_an_ordinary_user_can_run_one_command_after_another(self):
        os.chmod(self.board.port, 0o666)
        env = dict(os.environ, CPYTOOL_PORT=self.board.port, HOME=str(self.tmp), NO_COLOR="1",
                   CPYTOOL_CACHE_DIR=str(self.tmp / "cache"), CPYTOOL_SYSFS_ROOT=str(self.tmp / "no-sysfs"),
                   CPYTOOL_MOUNTS=str(self.tmp / "no-mounts"), CPYTOOL_MOUNT_ROOTS=str(self.tmp / "no-mounts"))
        os.chmod(self.tmp, 0o777)
        as_nobody = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", CPYTOOL]
        for n in (1, 2):
            r = subprocess.run(as_nobody + ["exec", f"print('run', {n})"], env=env, capture_output=True, text=True,
                               timeout=COMMAND_TIMEOUT)
            self.assertEqual((r.returncode, r.stdout), (0, f"run {n}\n"), r.stderr)


class FilesOverTheRawRepl(VirtualBoardTestCase):
    """Python may write to CIRCUITPY only after boot.py remounts it, as on a board whose drive USB exposes."""

    def prepare_drive(self):
        fresh_drive(self.drive, REMOUNT_BOOT_PY)

    def test_fs_put_ls_cat_get_mv_rm(self):
        local = self.tmp / "data.bin"
        payload = bytes(range(256)) * 24  # every byte value, more than one write chunk
        local.write_bytes(payload)
        self.cpytool("fs", "mkdir", "/lib/sub/deeper", check=0)
        self.assertTrue((self.drive / "lib/sub/deeper").is_dir())
        self.cpytool("fs", "put", str(local), "/lib/sub/", check=0)
        self.assertEqual((self.drive / "lib/sub/data.bin").read_bytes(), payload)
        listing = json.loads(self.cpytool("--json", "fs", "ls", "/lib/sub", check=0).stdout)
        self.assertEqual({(e["name"], e["directory"]) for e in listing}, {("data.bin", False), ("deeper", True)})
        self.assertEqual([e["size"] for e in listing if e["name"] == "data.bin"], [len(payload)])
        self.assertEqual(self.cpytool("fs", "cat", "/code.py", check=0).stdout, 'print("Hello World!")\n')
        self.cpytool("fs", "get", "/lib/sub/data.bin", str(self.tmp / "back.bin"), check=0)
        self.assertEqual((self.tmp / "back.bin").read_bytes(), payload)
        self.cpytool("fs", "mv", "/lib/sub/data.bin", "/lib/sub/moved.bin", check=0)
        self.assertFalse((self.drive / "lib/sub/data.bin").exists())
        self.assertEqual((self.drive / "lib/sub/moved.bin").read_bytes(), payload)
        self.cpytool("fs", "rm", "/lib/sub", check=0)
        self.assertFalse((self.drive / "lib/sub").exists())
        self.assertTrue((self.drive / "lib").is_dir())

    def test_fs_ls_of_the_root_shows_the_fresh_drive(self):
        listing = json.loads(self.cpytool("--json", "fs", "ls", check=0).stdout)
        names = {e["name"]: e for e in listing}
        self.assertTrue(names["lib"]["directory"])
        self.assertEqual(names["code.py"]["size"], len('print("Hello World!")\n'))
        self.assertIn("boot_out.txt", names)

    def test_fs_ls_of_a_missing_folder_names_it(self):
        r = self.cpytool("fs", "ls", "/nowhere", check=6)
        self.assertIn("/nowhere", r.stderr)

    def test_fs_cat_of_a_missing_file_names_it(self):
        r = self.cpytool("fs", "cat", "/nope.txt", check=6)
        self.assertIn("/nope.txt", r.stderr)

    def test_fs_put_of_a_missing_local_file_is_bad_input(self):
        r = self.cpytool("fs", "put", str(self.tmp / "absent.bin"), "/x.bin", check=3)
        self.assertIn("absent.bin", r.stderr)


class ReadOnlyDrive(VirtualBoardTestCase):
    def test_fs_put_without_a_remount_is_refused_with_a_hint(self):
        local = self.tmp / "x.txt"
        local.write_text("x")
        r = self.cpytool("fs", "put", str(local), "/x.txt", check=6)
        self.assertIn("Read-only filesystem", r.stderr)
        self.assertIn("remount it in boot.py", r.stderr)
        self.assertFalse((self.drive / "x.txt").exists())
        # Reading needs no remount.
        self.assertEqual(self.cpytool("fs", "cat", "/code.py", check=0).stdout, 'print("Hello World!")\n')


class FsDoesNotRestartCode(VirtualBoardTestCase):
    monitor = True

    def prepare_drive(self):
        fresh_drive(self.drive, REMOUNT_BOOT_PY)

    def test_writing_files_from_the_raw_repl_does_not_trigger_a_reload(self):
        local = self.tmp / "note.txt"
        local.write_text("note\n")
        self.cpytool("fs", "put", str(local), "/note.txt", check=0)
        self.assertEqual((self.drive / "note.txt").read_text(), "note\n")
        self.assertNotIn(b"code.py output:", self.board.collect(2.0))


PROJECT_CODE = """import part_a, part_b
line = 'run code=%d a=%d b=%d' % (CODE, part_a.VERSION, part_b.VERSION)
print(line)
with open('/runs.txt', 'a') as f:
    f.write(line + '\\n')
"""


class Deploy(VirtualBoardTestCase):
    monitor = True

    def prepare_drive(self):
        fresh_drive(self.drive, REMOUNT_BOOT_PY)
        write_project(self.drive, 1)

    def test_deploy_copies_inside_the_raw_repl_and_the_reload_runs_only_the_complete_project(self):
        self.assertEqual(runs_logged(self.drive), ["run code=1 a=1 b=1"])
        project = self.tmp / "project"
        write_project(project, 2, padding=30000)
        r = self.cpytool("deploy", str(project), "--drive", str(self.drive), check=0)
        self.assertIn("deployed 3 changed file(s) of 3", r.stdout)
        self.assertEqual((self.drive / "lib/part_a.py").read_bytes(), (project / "lib/part_a.py").read_bytes())
        out = self.board.read_until(PRESS_ANY_KEY)
        self.assertIn(b"soft reboot\r\n", out)
        self.assertEqual(out.count(b"code.py output:"), 1, out)
        self.assertIn(b"code.py output:\r\nrun code=2 a=2 b=2\r\n", out)
        # No catch-up reload for the writes made while the REPL held auto-reload off.
        self.assertNotIn(b"code.py output:", self.board.collect(2.0))
        self.assertEqual(runs_logged(self.drive), ["run code=1 a=1 b=1", "run code=2 a=2 b=2"])
        self.assertEqual([p.name for p in self.drive.rglob("*.cpytool-tmp")], [])

    def test_a_second_deploy_of_an_unchanged_project_writes_nothing_and_still_reruns(self):
        project = self.tmp / "project"
        write_project(project, 3)
        self.cpytool("deploy", str(project), "--drive", str(self.drive), check=0)
        self.board.read_until(b"run code=3 a=3 b=3\r\n")
        self.board.read_until(PRESS_ANY_KEY)
        again = self.cpytool("deploy", str(project), "--drive", str(self.drive), check=0)
        self.assertIn("deployed 0 changed file(s) of 3", again.stdout)
        self.board.read_until(b"run code=3 a=3 b=3\r\n")

    def test_deploy_no_run_leaves_code_py_alone(self):
        project = self.tmp / "project"
        write_project(project, 4)
        self.cpytool("deploy", str(project), "--drive", str(self.drive), "--no-run", check=0)
        self.assertNotIn(b"code.py output:", self.board.collect(2.0))
        self.assertEqual(runs_logged(self.drive), ["run code=1 a=1 b=1"])


def write_project(folder, version, padding=0):
    """code.py and two libraries that all carry `version`: a run of a half-copied project prints mixed numbers."""
    (folder / "lib").mkdir(parents=True, exist_ok=True)
    (folder / "code.py").write_text(f"CODE = {version}\n" + PROJECT_CODE)
    (folder / "lib" / "part_a.py").write_text(f"VERSION = {version}\n" + "# padding line\n" * (padding // 15))
    (folder / "lib" / "part_b.py").write_text(f"VERSION = {version}\n")


if __name__ == "__main__":
    unittest.main()
