"""`cpytool build-firmware --freeze NAME... --from-bundle`: libraries and their dependencies taken from the bundles
(served by the loopback fake GitHub), compiled with our compiler, frozen into firmware the virtual board runs."""
import json
import unittest

from bundle_fixtures import LIBS, LibraryEnv
from harness import TempDirTestCase
from test_board_virtual import VM_RUNS_PYTHON, VirtualBoard

TAG = "20260101"

# adafruit_register depends on adafruit_bus_device; both are packages whose core.py holds VALUE = 1.
REGISTER_FILES = ["adafruit_bus_device/__init__", "adafruit_bus_device/core", "adafruit_register/__init__",
                  "adafruit_register/core"]


class FreezeFromBundle(TempDirTestCase):
    def setUp(self):
        super().setUp()
        self.w = LibraryEnv(self.tmp)
        self.addCleanup(self.w.close)
        self.w.publish(TAG)
        self.firmware = self.tmp / "fw.cpyfw"

    def build(self, *names, check=0):
        return self.w.cpytool("build-firmware", "--freeze", *names, "--from-bundle", "-o", str(self.firmware),
                              check=check, path=False)

    def start_board(self):
        board = VirtualBoard(self.tmp / "BOARD", "--firmware", str(self.firmware))
        self.addCleanup(board.close)
        return board

    def test_the_library_and_its_dependency_are_frozen_per_file(self):
        result = self.build("adafruit_register")
        for name in REGISTER_FILES:
            self.assertIn("froze " + name + "\n", result.stdout)
        self.assertIn("(4 modules)", result.stdout)
        self.assertTrue(self.firmware.read_bytes().startswith(b"CPYFW\x00\r\n"))

    def test_json_lists_every_frozen_file(self):
        result = self.w.cpytool("--json", "build-firmware", "--freeze", "neopixel", "--from-bundle", "-o",
                                str(self.firmware), check=0, path=False)
        doc = json.loads(result.stdout)
        self.assertEqual([m["path"] for m in doc["modules"]], ["adafruit_pixelbuf.py", "neopixel.py"])
        self.assertTrue(all(m["bytes"] > 0 for m in doc["modules"]))

    def test_an_unknown_library_is_bad_input_with_a_suggestion(self):
        result = self.build("adafruit_registr", check=3)
        self.assertIn("adafruit_registr", result.stderr)
        self.assertIn("adafruit_register", result.stderr)
        self.assertFalse(self.firmware.exists())

    def test_from_bundle_and_from_together_are_a_usage_error(self):
        result = self.w.cpytool("build-firmware", "--freeze", "neopixel", "--from-bundle", "--from", str(self.tmp),
                                "-o", str(self.firmware), check=2, path=False)
        self.assertIn("cannot be combined", result.stderr)

    def test_offline_without_a_cached_bundle_fails_clearly(self):
        result = self.w.cpytool("build-firmware", "--freeze", "neopixel", "--from-bundle", "--offline", "-o",
                                str(self.firmware), path=False)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("cpytool: error:", result.stderr)
        self.assertFalse(self.firmware.exists())

    @unittest.skipUnless(VM_RUNS_PYTHON, "the VM cannot run Python source yet")
    def test_frozen_library_and_dependency_show_in_help_modules_and_import_from_frozen(self):
        self.build("adafruit_register")
        board = self.start_board()
        board.enter_raw()
        out, err = board.raw_exec("help('modules')")
        self.assertEqual(err, b"")
        listed = out.decode().split()
        for name in REGISTER_FILES:
            self.assertIn(name, listed)
        self.assertEqual(out.decode().split("\r\n")[-2], "Plus any modules on the filesystem")
        out, err = board.raw_exec(
            "import adafruit_register, adafruit_bus_device.core as c\n"
            "print(adafruit_register.__version__, c.VALUE, c.__file__)")
        self.assertEqual(err, b"")
        # A frozen module's __file__ is its name without the .frozen prefix (device-protocol.md §4).
        self.assertEqual(out, ("%s 1 adafruit_bus_device/core.py\r\n" % LIBS["adafruit_register"]["version"]).encode())

    @unittest.skipUnless(VM_RUNS_PYTHON, "the VM cannot run Python source yet")
    def test_a_frozen_bundle_library_wins_over_a_lib_copy(self):
        self.build("adafruit_pixelbuf")
        lib = self.tmp / "BOARD" / "lib"
        lib.mkdir(parents=True)
        (lib / "adafruit_pixelbuf.py").write_text("__version__ = 'from lib'\n")
        board = self.start_board()
        board.enter_raw()
        out, err = board.raw_exec("import adafruit_pixelbuf; print(adafruit_pixelbuf.__version__)")
        self.assertEqual((out, err), (b"2.0.4\r\n", b""))


if __name__ == "__main__":
    unittest.main()
