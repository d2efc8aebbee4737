"""Safe mode on the virtual board (device-protocol.md §9), byte-exact over its pseudo-terminal: `board start
--safe-mode` (the reset button pressed during boot) and `microcontroller.on_next_reset(RunMode.SAFE_MODE)` +
`microcontroller.reset()`; boot.py and code.py do not run, boot_out.txt is left as it was, the REPL works."""
import unittest

from harness import TempDirTestCase
from test_board_virtual import LC, PRESS_ANY_KEY, RAW_BANNER, VM_RUNS_PYTHON, VirtualBoard

SAFE_STATUS = b"Auto-reload is off.\r\nRunning in safe mode! Not running saved code.\r\n"


def safe_block(reason):
    return b"\r\nYou are in safe mode because:\r\n" + reason + b"\r\nPress reset to exit safe mode.\r\n"


def without_leading_newline(transcript):
    """The run starts with a CRLF only when the pty was already open; tests connect right after start."""
    return transcript[2:] if transcript.startswith(b"\r\n") else transcript


USER = safe_block(b"You pressed the reset button during boot.")
PROGRAMMATIC = safe_block(b"The `microcontroller` module was used to boot into safe mode.")


class SafeMode(TempDirTestCase):
    def start(self, *extra):
        board = VirtualBoard(self.drive, *extra)
        self.addCleanup(board.close)
        return board

    def setUp(self):
        super().setUp()
        self.drive = self.tmp / "CIRCUITPY"
        self.drive.mkdir()
        (self.drive / "lib").mkdir()
        (self.drive / "code.py").write_text("print('code ran')\n")
        (self.drive / "boot.py").write_text("print('boot ran')\n")
        (self.drive / "boot_out.txt").write_bytes(b"stale boot_out\r\n")

    def test_safe_mode_flag_prints_the_safe_mode_block_and_runs_nothing(self):
        board = self.start("--safe-mode")
        self.assertEqual(without_leading_newline(board.read_until(PRESS_ANY_KEY)),
                         LC + SAFE_STATUS + USER + PRESS_ANY_KEY)
        self.assertEqual((self.drive / "boot_out.txt").read_bytes(), b"stale boot_out\r\n")

    def test_ctrl_d_does_not_leave_safe_mode(self):
        board = self.start("--safe-mode")
        board.read_until(PRESS_ANY_KEY)
        board.send(b"\x04")
        self.assertEqual(board.read_until(PRESS_ANY_KEY),
                         b"soft reboot\r\n\r\n" + LC + SAFE_STATUS + USER + PRESS_ANY_KEY)

    def test_file_changes_do_not_reload_in_safe_mode(self):
        board = self.start("--safe-mode")
        board.read_until(PRESS_ANY_KEY)
        (self.drive / "code.py").write_text("print('changed')\n")
        self.assertEqual(board.quiet_for(2.0), b"")

    @unittest.skipUnless(VM_RUNS_PYTHON, "the VM cannot run Python source yet")
    def test_the_repl_works_and_reports_the_reason(self):
        board = self.start("--safe-mode")
        board.enter_raw()
        out, err = board.raw_exec("import supervisor; print(supervisor.runtime.safe_mode_reason)\n"
                                  "print(supervisor.runtime.autoreload)")
        self.assertEqual((out, err), (b"supervisor.SafeModeReason.USER\r\nFalse\r\n", b""))

    @unittest.skipUnless(VM_RUNS_PYTHON, "the VM cannot run Python source yet")
    def test_normal_boot_reports_no_safe_mode_reason(self):
        board = self.start()
        board.enter_raw()
        out, err = board.raw_exec("import supervisor; print(supervisor.runtime.safe_mode_reason)")
        self.assertEqual((out, err), (b"supervisor.SafeModeReason.NONE\r\n", b""))

    @unittest.skipUnless(VM_RUNS_PYTHON, "the VM cannot run Python source yet")
    def test_microcontroller_reset_into_safe_mode_and_back(self):
        board = self.start()
        self.assertIn(b"code ran\r\n", board.read_until(PRESS_ANY_KEY))
        board.send(b"\r")
        board.read_until(b">>> ")
        board.send(b"import microcontroller\r")
        board.read_until(b">>> ")
        board.send(b"microcontroller.on_next_reset(microcontroller.RunMode.SAFE_MODE)\r")
        board.read_until(b">>> ")
        (self.drive / "boot_out.txt").write_bytes(b"stale again\r\n")
        board.send(b"microcontroller.reset()\r")
        self.assertEqual(board.read_until(PRESS_ANY_KEY),
                         b"microcontroller.reset()\r\n\r\n" + LC + SAFE_STATUS + PROGRAMMATIC + PRESS_ANY_KEY)
        self.assertEqual((self.drive / "boot_out.txt").read_bytes(), b"stale again\r\n")
        board.send(b"\r")
        board.read_until(b">>> ")
        board.send(b"\x01")
        board.read_until(RAW_BANNER)
        out, err = board.raw_exec("import supervisor; print(supervisor.runtime.safe_mode_reason)")
        self.assertEqual((out, err), (b"supervisor.SafeModeReason.PROGRAMMATIC\r\n", b""))
        board.send(b"import microcontroller; microcontroller.reset()\x04")
        transcript = board.read_until(PRESS_ANY_KEY)
        self.assertIn(LC + b"code.py output:\r\ncode ran\r\n\r\nCode done running.\r\n", transcript)
        self.assertNotIn(b"safe mode", transcript)
        self.assertTrue((self.drive / "boot_out.txt").read_bytes().startswith(b"Adafruit CircuitPython "))

    @unittest.skipUnless(VM_RUNS_PYTHON, "the VM cannot run Python source yet")
    def test_safemode_py_runs_for_programmatic_safe_mode(self):
        (self.drive / "safemode.py").write_text("import microcontroller\nmicrocontroller.reset()\n")
        board = self.start()
        board.enter_raw()
        board.send(b"import microcontroller\nmicrocontroller.on_next_reset(microcontroller.RunMode.SAFE_MODE)\n"
                   b"microcontroller.reset()\x04")
        # safemode.py resets the board at once, so it boots normally and runs code.py.
        transcript = board.read_until(PRESS_ANY_KEY)
        self.assertIn(b"code.py output:\r\ncode ran\r\n", transcript)
        self.assertNotIn(b"safe mode", transcript)


if __name__ == "__main__":
    unittest.main()
