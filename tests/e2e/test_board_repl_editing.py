"""The virtual board's friendly REPL line editing through its pseudo-terminal, byte for byte as MicroPython's
readline draws it: history with the arrow keys, cursor movement, Ctrl-A/E home/end on a non-empty line,
backspace, and Ctrl-C cancelling a line."""
import unittest

from harness import TempDirTestCase
from test_board_virtual import RAW_BANNER, VM_RUNS_PYTHON, VirtualBoard

UP, LEFT = b"\x1b[A", b"\x1b[D"


@unittest.skipUnless(VM_RUNS_PYTHON, "the VM cannot run Python source yet")
class ReplEditing(TempDirTestCase):
    def setUp(self):
        super().setUp()
        self.board = VirtualBoard(self.tmp / "CIRCUITPY")
        self.addCleanup(self.board.close)
        self.board.enter_repl()

    def line(self, data):
        """Sends `data` and returns everything up to the next prompt."""
        self.board.send(data)
        return self.board.read_until(b">>> ")

    def test_up_arrow_recalls_earlier_lines_which_can_be_edited(self):
        self.assertEqual(self.line(b"a = 40\r"), b"a = 40\r\n>>> ")
        self.assertEqual(self.line(b"a + 1\r"), b"a + 1\r\n41\r\n>>> ")
        self.board.send(UP)
        self.assertEqual(self.board.read_until(b"a + 1"), b"a + 1")
        self.board.send(UP)
        self.assertEqual(self.board.read_until(b"a = 40"), b"\x1b[5Da = 40")
        self.assertEqual(self.line(b"\x7f\x7f2\r"), b"\b\x1b[K\b\x1b[K2\r\n>>> ")
        self.assertEqual(self.line(b"a\r"), b"a\r\n2\r\n>>> ")

    def test_down_arrow_returns_to_an_empty_line(self):
        self.line(b"7 * 6\r")
        self.board.send(UP + b"\x1b[B")
        self.assertEqual(self.line(b"\r"), b"7 * 6\x1b[5D\x1b[K\r\n>>> ")

    def test_ctrl_a_and_ctrl_e_move_home_and_end_on_a_non_empty_line(self):
        self.board.send(b"pint('hi')\x01\x06r\x05")
        self.assertEqual(self.line(b"\r"), b"pint('hi')\x1b[10Dprint('hi')\x1b[9Dint('hi')\r\nhi\r\n>>> ")

    def test_left_arrow_and_insert_in_the_middle(self):
        self.board.send(b"1 + 3" + LEFT + b"2")
        self.assertEqual(self.line(b"\r"), b"1 + 3\b23\b\r\n24\r\n>>> ")

    def test_ctrl_c_cancels_a_line_with_text(self):
        self.assertEqual(self.line(b"abc\x03"), b"abc\r\n>>> ")

    def test_ctrl_a_on_an_empty_line_still_enters_the_raw_repl(self):
        self.line(b"x = 1\r")
        self.board.send(b"\x01")
        self.board.read_until(RAW_BANNER)


if __name__ == "__main__":
    unittest.main()
