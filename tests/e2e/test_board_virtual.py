"""The virtual board (`cpytool board start`) over its pseudo-terminal: drive layout, boot_out.txt, transcripts,
REPL, raw REPL, raw-paste, Ctrl-C, auto-reload, frozen firmware, trace. Tests that need Python to actually run
are skipped while the VM cannot run source yet (checked once with `cpytool board run`)."""
import json
import os
import re
import select
import tempfile
import time
import tty
import unittest
from pathlib import Path

from harness import TempDirTestCase, run, start_board, stop_board

LC = b"\x1b[2K\x1b[0G"
AUTORELOAD_ON = b"Auto-reload is on. Simply save files over USB to run them or enter REPL to disable.\r\n"
PRESS_ANY_KEY = b"\r\nPress any key to enter the REPL. Use CTRL-D to reload.\r\n"
RAW_BANNER = b"raw REPL; CTRL-B to exit\r\n>"
VERSION_LINE = re.compile(r"^Adafruit CircuitPython (10\.\d+\.\d+-cpytool\.\S+) on (\d{4}-\d{2}-\d{2}); (.+) with (\S+)$")




class VirtualBoard:
    """A running `cpytool board start` and its console pty (opened like a serial port in raw mode)."""

    def __init__(self, drive, *extra, connect=True):
        self.proc, self.info = start_board(drive, *extra, timeout=20)
        self.fd = None
        self.buffer = b""
        if connect:
            self.connect()

    def connect(self):
        self.fd = os.open(self.info["serial"], os.O_RDWR | os.O_NOCTTY)
        tty.setraw(self.fd)

    def send(self, data):
        os.write(self.fd, data)

    def read_until(self, marker, timeout=15):
        """Everything up to and including `marker` (and drops it from the buffer)."""
        deadline = time.time() + timeout
        while marker not in self.buffer:
            left = deadline - time.time()
            if left <= 0:
                raise AssertionError(f"timed out waiting for {marker!r}; got {self.buffer!r}")
            ready, _, _ = select.select([self.fd], [], [], left)
            if ready:
                self.buffer += os.read(self.fd, 4096)
        end = self.buffer.index(marker) + len(marker)
        head, self.buffer = self.buffer[:end], self.buffer[end:]
        return head

    def quiet_for(self, seconds):
        """Bytes received during `seconds` (expected to be none in most uses)."""
        deadline = time.time() + seconds
        while time.time() < deadline:
            ready, _, _ = select.select([self.fd], [], [], max(0, deadline - time.time()))
            if ready:
                self.buffer += os.read(self.fd, 4096)
        data, self.buffer = self.buffer, b""
        return data

    def enter_repl(self):
        self.read_until(PRESS_ANY_KEY)
        self.send(b"\r")
        return self.read_until(b">>> ")

    def enter_raw(self):
        self.enter_repl()
        self.send(b"\x01")
        return self.read_until(RAW_BANNER)

    def raw_exec(self, code):
        self.send(code.encode() + b"\x04")
        self.read_until(b"OK")
        out = self.read_until(b"\x04")[:-1]
        err = self.read_until(b"\x04")[:-1]
        self.read_until(b">")
        return out, err

    def close(self):
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None
        return stop_board(self.proc, wait=10)


def _vm_runs_python():
    """Whether the board's VM and compiler can run a small program (asked once, on a scratch board)."""
    with tempfile.TemporaryDirectory() as tmp:
        board = None
        try:
            board = VirtualBoard(Path(tmp) / "D")
            board.enter_raw()
            return board.raw_exec("x = [1, 2]\nprint(x[0] + x[1])") == (b"3\r\n", b"")
        except Exception:
            return False
        finally:
            if board:
                board.close()


VM_RUNS_PYTHON = _vm_runs_python()
needs_vm = unittest.skipUnless(VM_RUNS_PYTHON, "the VM cannot run Python source yet (issue 6)")


class BoardTestCase(TempDirTestCase):
    def start(self, *extra, drive=None, connect=True):
        board = VirtualBoard(drive or self.tmp / "CIRCUITPY", *extra, connect=connect)
        self.addCleanup(board.close)
        return board


class DriveAndBootOut(BoardTestCase):
    def test_an_empty_folder_gets_a_fresh_circuitpy_layout(self):
        board = self.start()
        board.read_until(PRESS_ANY_KEY)
        drive = self.tmp / "CIRCUITPY"
        self.assertEqual((drive / "code.py").read_text(), 'print("Hello World!")\n')
        self.assertTrue((drive / "lib").is_dir())
        self.assertEqual(list((drive / "lib").iterdir()), [])
        self.assertEqual((drive / "settings.toml").read_bytes(), b"")

    def test_boot_out_has_crlf_version_board_id_and_uid_lines(self):
        board = self.start("--board-id", "cpytool_test_board")
        board.read_until(PRESS_ANY_KEY)
        raw = (self.tmp / "CIRCUITPY" / "boot_out.txt").read_bytes()
        self.assertTrue(raw.endswith(b"\r\n"))
        lines = raw.decode().split("\r\n")[:-1]
        self.assertEqual(len(lines), 3, lines)
        match = VERSION_LINE.match(lines[0])
        self.assertIsNotNone(match, lines[0])
        self.assertEqual(lines[1], "Board ID:cpytool_test_board")
        self.assertEqual(lines[2], "UID:" + board.info["uid"])
        self.assertRegex(board.info["uid"], r"^[0-9A-F]{16}$")
        # circup's parser
        self.assertEqual(lines[0].split(";")[0].split(" ")[-3], match.group(1))

    def test_boot_out_is_rewritten_only_when_it_changes(self):
        board = self.start()
        board.read_until(PRESS_ANY_KEY)
        board.close()
        boot_out = self.tmp / "CIRCUITPY" / "boot_out.txt"
        old = boot_out.stat().st_mtime_ns
        time.sleep(0.05)
        board = self.start()
        board.read_until(PRESS_ANY_KEY)
        self.assertEqual(boot_out.stat().st_mtime_ns, old)
        board.close()
        board = self.start("--board-id", "another_board")
        board.read_until(PRESS_ANY_KEY)
        self.assertIn(b"Board ID:another_board\r\n", boot_out.read_bytes())

    def test_a_known_board_id_lends_its_name_and_mcu(self):
        board = self.start("--board-id", "raspberry_pi_pico")
        board.read_until(PRESS_ANY_KEY)
        line = (self.tmp / "CIRCUITPY" / "boot_out.txt").read_text().splitlines()[0]
        self.assertTrue(line.endswith("; Raspberry Pi Pico with rp2040"), line)

    def test_bad_options_are_usage_errors(self):
        self.assertIn("--heap", run(["board", "start", "--heap", "lots"], check=2).stderr)
        self.assertIn("--serial", run(["board", "start", "--serial", "usb"]).stderr)


class Transcript(BoardTestCase):
    def test_connecting_late_shows_the_autoreload_line_and_the_prompt(self):
        board = self.start(connect=False)
        time.sleep(1.0)  # the first run is over before a host opens the port
        board.connect()
        self.assertEqual(board.read_until(PRESS_ANY_KEY), LC + AUTORELOAD_ON + PRESS_ANY_KEY)

    def test_ctrl_d_soft_reboots_and_prints_the_run_transcript(self):
        board = self.start()
        board.read_until(PRESS_ANY_KEY)
        board.send(b"\x04")
        transcript = board.read_until(PRESS_ANY_KEY)
        self.assertTrue(transcript.startswith(b"soft reboot\r\n\r\n" + LC + AUTORELOAD_ON + LC + b"code.py output:\r\n"),
                        transcript)
        self.assertTrue(transcript.endswith(b"\r\nCode done running.\r\n" + PRESS_ANY_KEY), transcript)

    @needs_vm
    def test_hello_world_transcript_is_byte_exact(self):
        board = self.start()
        board.read_until(PRESS_ANY_KEY)
        board.send(b"\x04")
        self.assertEqual(board.read_until(PRESS_ANY_KEY),
                         b"soft reboot\r\n\r\n" + LC + AUTORELOAD_ON + LC + b"code.py output:\r\nHello World!\r\n"
                         b"\r\nCode done running.\r\n" + PRESS_ANY_KEY)

    @needs_vm
    def test_main_py_runs_when_there_is_no_code_py(self):
        drive = self.tmp / "CIRCUITPY"
        drive.mkdir()
        (drive / "main.py").write_text("print('from main')\n")
        board = self.start()
        board.read_until(PRESS_ANY_KEY)
        board.send(b"\x04")
        self.assertIn(b"main.py output:\r\nfrom main\r\n", board.read_until(PRESS_ANY_KEY))

    @needs_vm
    def test_ctrl_c_stops_running_code_with_keyboard_interrupt(self):
        drive = self.tmp / "CIRCUITPY"
        drive.mkdir()
        (drive / "code.py").write_text("print('hello')\n")
        board = self.start()
        board.read_until(PRESS_ANY_KEY)
        # Written once the board waits at the prompt, so auto-reload runs it while we are connected.
        (drive / "code.py").write_text("print('looping')\nwhile True:\n    pass\n")
        board.read_until(b"looping\r\n")
        board.send(b"\x03")
        out = board.read_until(PRESS_ANY_KEY)
        self.assertRegex(out, rb'File "code.py", line 3, in <module>\r\nKeyboardInterrupt:? ?\r\n\r\nCode done running')

    def test_keyboard_interrupt_line_is_exact(self):
        drive = self.tmp / "CIRCUITPY"
        drive.mkdir()
        (drive / "code.py").write_text("while True:\n    pass\n")
        board = self.start()
        board.send(b"\x04")
        board.read_until(b"code.py output:\r\n")
        board.send(b"\x03")
        self.assertIn(b"KeyboardInterrupt: \r\n\r\nCode done running.\r\n", board.read_until(PRESS_ANY_KEY))


class AutoReload(BoardTestCase):
    def test_a_file_written_into_the_drive_reruns_code_py(self):
        board = self.start()
        board.read_until(PRESS_ANY_KEY)
        (self.tmp / "CIRCUITPY" / "code.py").write_text("print('changed')\n")
        out = board.read_until(PRESS_ANY_KEY)
        self.assertTrue(out.startswith(b"soft reboot\r\n"), out)
        self.assertIn(b"code.py output:\r\n", out)
        if VM_RUNS_PYTHON:
            self.assertIn(b"code.py output:\r\nchanged\r\n", out)

    def test_changes_while_in_the_repl_are_ignored(self):
        board = self.start()
        board.enter_repl()
        (self.tmp / "CIRCUITPY" / "notes.txt").write_text("x")
        self.assertEqual(board.quiet_for(1.5), b"")

    @needs_vm
    def test_a_change_stops_a_running_program_and_reloads_after_quiet(self):
        drive = self.tmp / "CIRCUITPY"
        board = self.start()
        board.read_until(PRESS_ANY_KEY)
        (drive / "code.py").write_text("import time\nprint('sleeping')\ntime.sleep(60)\n")
        board.read_until(b"sleeping\r\n")
        started = time.time()
        (drive / "x.txt").write_text("1")
        out = board.read_until(b"soft reboot\r\n")
        self.assertEqual(out, b"\r\nCode stopped by auto-reload. Reloading soon.\r\nsoft reboot\r\n")
        self.assertGreaterEqual(time.time() - started, 0.7)


class Repl(BoardTestCase):
    def test_any_key_enters_the_repl_with_the_banner(self):
        board = self.start()
        out = board.enter_repl()
        banner = out.split(b"\r\n")[-2].decode()
        self.assertEqual(out, b"\r\n" + banner.encode() + b"\r\n>>> ")
        self.assertRegex(banner, VERSION_LINE)
        self.assertEqual(banner, (self.tmp / "CIRCUITPY" / "boot_out.txt").read_text().splitlines()[0])

    def test_ctrl_b_reprints_the_banner_and_ctrl_c_gives_a_new_prompt(self):
        board = self.start()
        banner = board.enter_repl()[2:-6]
        board.send(b"\x02")
        self.assertEqual(board.read_until(b">>> "), b"\r\n\r\n" + banner + b"\r\n>>> ")
        board.send(b"\x03")
        self.assertEqual(board.read_until(b">>> "), b"\r\n>>> ")

    def test_paste_mode_prompt(self):
        board = self.start()
        board.enter_repl()
        board.send(b"\x05")
        self.assertEqual(board.read_until(b"=== "), b"\r\npaste mode; Ctrl-C to cancel, Ctrl-D to finish\r\n=== ")
        board.send(b"\x03")
        self.assertEqual(board.read_until(b">>> "), b"\r\n>>> ")

    @needs_vm
    def test_expressions_are_echoed_and_compound_statements_continue(self):
        board = self.start()
        board.enter_repl()
        board.send(b"1 + 2\r")
        self.assertEqual(board.read_until(b">>> "), b"1 + 2\r\n3\r\n>>> ")
        board.send(b"for i in range(2):\r")
        self.assertEqual(board.read_until(b"...     "), b"for i in range(2):\r\n...     ")
        board.send(b"print(i)\r\r")
        self.assertEqual(board.read_until(b">>> "), b"print(i)\r\n...     \r\n0\r\n1\r\n>>> ")

    @needs_vm
    def test_paste_mode_runs_the_pasted_block(self):
        board = self.start()
        board.enter_repl()
        board.send(b"\x05")
        board.read_until(b"=== ")
        board.send(b"x = 6\rprint(x * 7)\r\x04")
        self.assertEqual(board.read_until(b">>> "), b"x = 6\r\n=== print(x * 7)\r\n=== \r\n42\r\n>>> ")


class RawRepl(BoardTestCase):
    def test_ctrl_a_enters_raw_mode(self):
        board = self.start()
        board.enter_repl()
        board.send(b"\x01")
        self.assertEqual(board.read_until(RAW_BANNER), b"\r\n" + RAW_BANNER)

    def test_ctrl_d_on_an_empty_raw_repl_soft_reboots_without_running_code_py(self):
        board = self.start()
        board.enter_raw()
        board.send(b"\x04")
        self.assertEqual(board.read_until(RAW_BANNER), b"OK\r\nsoft reboot\r\n" + RAW_BANNER)
        self.assertEqual(board.quiet_for(0.5), b"")

    def test_ctrl_b_leaves_raw_mode_for_the_friendly_banner(self):
        board = self.start()
        board.enter_raw()
        board.send(b"\x02")
        out = board.read_until(b">>> ")
        self.assertTrue(out.startswith(b"\r\n\r\nAdafruit CircuitPython 10."), out)

    def test_raw_paste_handshake_announces_a_128_byte_window(self):
        board = self.start()
        board.enter_raw()
        board.send(b"\x05A\x01")
        self.assertEqual(board.read_until(b"R\x01\x80\x00\x01"), b"R\x01\x80\x00\x01")

    @needs_vm
    def test_raw_repl_frames_output_and_errors(self):
        board = self.start()
        board.enter_raw()
        self.assertEqual(board.raw_exec("print('hi')"), (b"hi\r\n", b""))
        out, err = board.raw_exec("print(1)\nundefined_name")
        self.assertEqual(out, b"1\r\n")
        self.assertEqual(err, b"Traceback (most recent call last):\r\n  File \"<stdin>\", line 2, in <module>\r\n"
                              b"NameError: name 'undefined_name' isn't defined\r\n")

    @needs_vm
    def test_raw_paste_streams_a_long_program_with_flow_control(self):
        board = self.start()
        board.enter_raw()
        board.send(b"\x05A\x01")
        board.read_until(b"R\x01")
        window = int.from_bytes(board.read_until(b"\x01")[:2], "little")
        self.assertEqual(window, 128)
        source = b"total = 0\n" + b"total += 1\n" * 60 + b"print(total)\n"
        credit, sent = window, 0
        while sent < len(source):
            while credit == 0:
                board.read_until(b"\x01")
                credit += window
            chunk = source[sent:sent + min(credit, len(source) - sent)]
            board.send(chunk)
            sent += len(chunk)
            credit -= len(chunk)
        board.send(b"\x04")
        board.read_until(b"\x04")
        out = board.read_until(b"\x04")[:-1]
        self.assertTrue(out.endswith(b"60\r\n"), out)
        self.assertEqual(board.read_until(b"\x04>"), b"\x04>")

    @needs_vm
    def test_identity_probe(self):
        board = self.start("--board-id", "cpytool_probe")
        board.enter_raw()
        out, err = board.raw_exec("import sys,os,board;i=sys.implementation;print(repr((i.name,board.board_id)))")
        self.assertEqual(err, b"")
        self.assertEqual(out, b"('circuitpython', 'cpytool_probe')\r\n")


class Firmware(BoardTestCase):
    def test_build_firmware_freezes_mpy_files_as_they_are_and_the_board_loads_it(self):
        lib = self.tmp / "libs"
        (lib / "adafruit_pkg").mkdir(parents=True)
        mpy = b"C\x06\x00\x1f" + b"\x00" * 8
        (lib / "adafruit_pkg" / "__init__.mpy").write_bytes(mpy)
        (lib / "adafruit_pkg" / "sub.mpy").write_bytes(mpy)
        firmware = self.tmp / "fw.cpyfw"
        result = run(["build-firmware", "--freeze", "adafruit_pkg", "--from", str(lib), "-o", str(firmware)])
        if result.returncode != 0:
            self.skipTest("build-firmware needs a valid .mpy here: " + result.stderr)
        self.assertIn("froze adafruit_pkg/__init__", result.stdout)
        self.assertIn("froze adafruit_pkg/sub", result.stdout)
        board = self.start("--firmware", str(firmware))
        board.read_until(PRESS_ANY_KEY)

    def test_firmware_for_another_board_is_refused(self):
        firmware = self.tmp / "fw.cpyfw"
        (self.tmp / "empty").mkdir()
        result = run(["build-firmware", "--freeze", str(self.tmp / "empty"), "--board-id", "board_a", "-o",
                      str(firmware)], check=0)
        self.assertIn("wrote", result.stdout)
        result = run(["board", "start", "--drive", str(self.tmp / "D"), "--board-id", "board_b", "--firmware",
                      str(firmware)], timeout=20)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("built for board 'board_a'", result.stderr)

    def test_a_damaged_firmware_file_is_a_clear_error(self):
        firmware = self.tmp / "bad.cpyfw"
        firmware.write_bytes(b"not firmware at all")
        result = run(["board", "start", "--drive", str(self.tmp / "D"), "--firmware", str(firmware)], timeout=20)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("bad.cpyfw", result.stderr)

    def test_missing_library_is_bad_input(self):
        result = run(["build-firmware", "--freeze", "nope", "--from", str(self.tmp), "-o", str(self.tmp / "f")],
                     check=3)
        self.assertIn("library 'nope' not found", result.stderr)

    @needs_vm
    def test_a_frozen_library_shows_in_help_modules_and_wins_over_lib(self):
        src = self.tmp / "src"
        src.mkdir()
        (src / "frozenlib.py").write_text("WHERE = 'frozen'\n")
        firmware = self.tmp / "fw.cpyfw"
        run(["build-firmware", "--freeze", "frozenlib", "--from", str(src), "-o", str(firmware)], check=0)
        drive = self.tmp / "CIRCUITPY"
        (drive / "lib").mkdir(parents=True)
        (drive / "lib" / "frozenlib.py").write_text("WHERE = 'lib'\n")
        board = self.start("--firmware", str(firmware))
        board.enter_raw()
        out, err = board.raw_exec("import frozenlib; print(frozenlib.WHERE)")
        self.assertEqual((out, err), (b"frozen\r\n", b""))
        out, err = board.raw_exec("help('modules')")
        self.assertEqual(err, b"")
        lines = out.decode().split("\r\n")
        self.assertEqual(lines[-2], "Plus any modules on the filesystem")
        self.assertIn("frozenlib", out.decode().split())


class Hardware(BoardTestCase):
    @needs_vm
    def test_blink_produces_a_trace_of_led_changes_in_virtual_time(self):
        drive = self.tmp / "CIRCUITPY"
        trace = self.tmp / "trace.jsonl"
        board = self.start("--trace", str(trace), "--speed", "20")
        board.read_until(PRESS_ANY_KEY)
        (drive / "code.py").write_text(
            "import board, digitalio, time\nled = digitalio.DigitalInOut(board.LED)\n"
            "led.direction = digitalio.Direction.OUTPUT\nfor _ in range(4):\n"
            "    led.value = not led.value\n    time.sleep(0.5)\nprint('blinked')\n")
        board.read_until(b"blinked\r\n")
        board.read_until(PRESS_ANY_KEY)
        events = [json.loads(line) for line in trace.read_text().splitlines()]
        values = [e for e in events if e["pin"] == "LED" and e["event"] == "value"]
        self.assertEqual([e["value"] for e in values][-4:], [True, False, True, False])
        gaps = [b["t"] - a["t"] for a, b in zip(values[-4:], values[-3:])]
        # Each gap is the exact virtual sleep plus the scaled real time of one loop iteration (more under load).
        for gap in gaps:
            self.assertGreaterEqual(gap, 0.5)
            self.assertLess(gap, 2.0)
        self.assertIn("reset", [e["event"] for e in events if e["pin"] == "LED"])

    @needs_vm
    def test_a_pin_in_use_raises_value_error(self):
        board = self.start()
        board.enter_raw()
        out, err = board.raw_exec("import board, digitalio\na = digitalio.DigitalInOut(board.LED)\n"
                                  "b = digitalio.DigitalInOut(board.LED)")
        self.assertTrue(err.endswith(b"ValueError: LED in use\r\n"), err)


if __name__ == "__main__":
    unittest.main()
