"""Regression test for a reported double free in the VM's destructor when auto-reload interrupts code.py early:
files are rewritten into the drive over and over for several seconds while code.py imports and runs, so reloads
interrupt every stage of a run (start-up, import, allocation, sleep). The board must keep going, end cleanly and
finally run the last code.py. Run it under the ASan build (-DCPY_SANITIZE=ON) to catch memory errors."""
import random
import time
import unittest

from harness import TempDirTestCase
from test_board_virtual import PRESS_ANY_KEY, VM_RUNS_PYTHON, VirtualBoard

HAMMER_SECONDS = 6

CODE = """import m
data = [str(i) * 3 for i in range(200)]
table = {{k: [k] * 4 for k in data}}
m.work({n})
print('run', {n}, len(table))
"""

MODULE = """import time
class Thing:
    def __init__(self, i):
        self.items = [i] * 10
def work(n):
    things = [Thing(i) for i in range(300)]
    time.sleep(0.01)
    return len(things) + n
"""


@unittest.skipUnless(VM_RUNS_PYTHON, "the VM cannot run Python source yet")
class ReloadHammer(TempDirTestCase):
    def test_rewriting_files_during_early_runs_never_crashes_the_board(self):
        drive = self.tmp / "CIRCUITPY"
        board = VirtualBoard(drive)
        self.addCleanup(board.close)
        board.read_until(PRESS_ANY_KEY)
        (drive / "lib").mkdir(exist_ok=True)
        rng = random.Random(7)
        deadline = time.time() + HAMMER_SECONDS
        n = 0
        seen = b""
        while time.time() < deadline:
            n += 1
            (drive / "lib" / "m.py").write_text(MODULE + f"# {n}\n")
            (drive / "code.py").write_text(CODE.format(n=n))
            # Pauses around the 750 ms debounce, so some runs start and are cut at different points.
            seen += board.quiet_for(rng.choice([0.0, 0.05, 0.2, 0.76, 0.8, 0.9, 1.1]))
            self.assertIsNone(board.proc.poll(), "the board exited while files were being rewritten")
        last_run = b"run %d 200\r\n" % n
        # The last run may already have finished during the last pause.
        if last_run not in seen:
            seen += board.read_until(last_run, timeout=30)
        self.assertIn(b"code.py output:\r\n", seen)
        if not seen.split(last_run, 1)[1].endswith(PRESS_ANY_KEY):
            board.read_until(PRESS_ANY_KEY)
        board.proc.terminate()
        _, err = board.proc.communicate(timeout=30)
        self.assertNotIn(b"AddressSanitizer", err)
        self.assertEqual(board.proc.returncode, 0, err.decode(errors="replace"))


if __name__ == "__main__":
    unittest.main()
