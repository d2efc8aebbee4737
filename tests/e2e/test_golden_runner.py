"""The golden-file runner used by the golden suites: match, text diff, binary diff, .out file, --update."""
import subprocess
import sys
from pathlib import Path

from harness import TempDirTestCase

RUNNER = Path(__file__).resolve().parents[1] / "tools" / "golden.py"


def golden(*args):
    return subprocess.run([sys.executable, str(RUNNER), *map(str, args)], capture_output=True, text=True)


class GoldenRunner(TempDirTestCase):
    def test_matching_output_passes(self):
        (self.tmp / "a.exp").write_text("hello\n")
        self.assertEqual(golden("--expected", self.tmp / "a.exp", "--", "echo", "hello").returncode, 0)

    def test_text_mismatch_prints_a_diff_and_writes_out(self):
        (self.tmp / "a.exp").write_text("hello\n")
        result = golden("--expected", self.tmp / "a.exp", "--out-dir", self.tmp / "o", "--", "echo", "world")
        self.assertEqual(result.returncode, 1)
        self.assertIn("-hello", result.stdout)
        self.assertIn("+world", result.stdout)
        self.assertEqual((self.tmp / "o" / "a.exp.out").read_text(), "world\n")

    def test_binary_mismatch_names_the_offset(self):
        (self.tmp / "a.bin").write_bytes(bytes([0, 1, 2, 3]))
        result = golden("--expected", self.tmp / "a.bin", "--out-dir", self.tmp, "--", "printf", "\\000\\001\\011\\003")
        self.assertEqual(result.returncode, 1)
        self.assertIn("differ at offset 2", result.stdout)

    def test_wrong_exit_status_fails(self):
        (self.tmp / "a.exp").write_text("")
        self.assertEqual(golden("--expected", self.tmp / "a.exp", "--", "false").returncode, 1)
        self.assertEqual(golden("--expected", self.tmp / "a.exp", "--rc", "1", "--", "false").returncode, 0)

    def test_update_refuses_goldens_outside_the_repository(self):
        (self.tmp / "a.exp").write_text("old")
        result = golden("--update", "--expected", self.tmp / "a.exp", "--", "echo", "new")
        self.assertEqual(result.returncode, 2)
        self.assertEqual((self.tmp / "a.exp").read_text(), "old")
