"""Library commands asking a running board for its frozen modules (help('modules') over its serial console)."""
import unittest

from bundle_fixtures import LibraryEnv
from harness import TempDirTestCase, run, start_board, stop_board


class LiveBoard:
    """`cpytool board start` on a drive; `port` is its console pty."""

    def __init__(self, drive, *extra):
        self.proc, info = start_board(drive, *extra, timeout=20)
        self.port = info["serial"]

    def close(self):
        stop_board(self.proc, wait=10)


class LiveFrozenListTest(TempDirTestCase):
    def setUp(self):
        super().setUp()
        self.w = LibraryEnv(self.tmp)
        self.addCleanup(self.w.close)
        self.w.publish("20260101")
        source = self.tmp / "frozen-src"
        source.mkdir()
        (source / "neopixel.py").write_text('__version__ = "9.9.9"\n')
        self.firmware = self.tmp / "fw.cpyfw"
        run(["build-firmware", "--freeze", "neopixel", "--from", str(source), "-o", str(self.firmware)], check=0)
        self.drive = self.tmp / "BOARD"
        self.board = LiveBoard(self.drive, "--firmware", str(self.firmware))
        self.addCleanup(self.board.close)

    def install(self, *args, env=None):
        return self.w.json("install", *args, "--path", str(self.drive), path=False, check=0, env=env)

    def test_install_skips_what_the_boards_own_listing_shows_frozen(self):
        r, doc = self.install("neopixel", "adafruit_register", "--port", self.board.port)
        self.assertEqual(doc["skipped_frozen"], ["neopixel"])
        self.assertFalse((self.drive / "lib" / "neopixel.mpy").exists())
        self.assertTrue((self.drive / "lib" / "adafruit_register").is_dir())

    def test_cpytool_port_in_the_environment_is_used_too(self):
        r, doc = self.install("neopixel", env={"CPYTOOL_PORT": self.board.port})
        self.assertEqual(doc["skipped_frozen"], ["neopixel"])

    def test_without_a_port_the_catalog_decides_and_neopixel_is_installed(self):
        r, doc = self.install("neopixel")
        self.assertEqual(doc.get("skipped_frozen", []), [])
        self.assertTrue((self.drive / "lib" / "neopixel.mpy").exists())

    def test_a_dead_port_warns_and_falls_back_to_the_catalog(self):
        r, doc = self.install("neopixel", "--port", str(self.tmp / "no-such-tty"))
        self.assertIn("cannot ask the board on", r.stderr)
        self.assertTrue((self.drive / "lib" / "neopixel.mpy").exists())


if __name__ == "__main__":
    unittest.main()
