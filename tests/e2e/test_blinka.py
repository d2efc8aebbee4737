"""End-to-end tests of `cpytool blinka requirements` and `cpytool freeze --pip` against loopback fixture bundles."""
import json
import unittest

from bundle_fixtures import LibraryEnv
from harness import TempDirTestCase

TAG = "20260101"

# A CircuitPython weather station: a sensor, pixels, a display label, and a PIO helper in a local module.
CODE_PY = """\
import time
import board
import neopixel
from adafruit_bme280 import basic as bme
import display_helpers
try:
    import ulab
except ImportError:
    ulab = None

pixels = neopixel.NeoPixel(board.NEOPIXEL, 1)
while True:
    display_helpers.show(bme.temperature)
    time.sleep(1)
"""

DISPLAY_HELPERS = """\
import displayio
from adafruit_display_text import label
import pio  # a local module: followed
"""


class BlinkaTest(TempDirTestCase):
    def setUp(self):
        super().setUp()
        self.w = LibraryEnv(self.tmp)
        self.addCleanup(self.w.close)
        self.w.publish(TAG)
        self.project = self.tmp / "project"
        self.project.mkdir()
        (self.project / "code.py").write_text(CODE_PY)
        (self.project / "display_helpers.py").write_text(DISPLAY_HELPERS)
        (self.project / "pio.py").write_text("import rp2pio\nimport adafruit_pioasm\n")

    def requirement_lines(self, text):
        return [line for line in text.splitlines() if line and not line.startswith("#")]

    def test_requirements_follow_local_modules_and_bundle_dependencies(self):
        r = self.w.cpytool("blinka", "requirements", str(self.project), path=False, check=0)
        self.assertEqual(self.requirement_lines(r.stdout), [
            "adafruit-blinka",
            "adafruit-blinka-displayio",
            "adafruit-circuitpython-bitmap-font==2.1.3",
            "adafruit-circuitpython-bme280==2.6.28",
            "adafruit-circuitpython-busdevice==5.2.10",
            "adafruit-circuitpython-display-text==3.2.2",
            "adafruit-circuitpython-neopixel==6.3.11",
            "adafruit-circuitpython-pixelbuf==2.0.4",
        ])
        self.assertIn("cpytool: warning: rp2pio: no PyPI package", r.stderr)
        self.assertIn("cpytool: warning: adafruit_pioasm: not a bundle library", r.stderr)
        self.assertNotIn("ulab", r.stderr)  # optional import: a note in the file, not a warning
        self.assertIn("# note: ulab: optional import", r.stdout)
        self.assertIn("# note: displayio: comes from Blinka_DisplayIO", r.stdout)

    def test_json_lists_requirements_imports_and_local_modules(self):
        r, doc = self.w.json("blinka", "requirements", str(self.project), path=False, check=0)
        self.assertTrue(doc["ok"])
        self.assertEqual(doc["requirements"][0], {"name": "adafruit-blinka", "version": "", "module": "",
                                                  "required_by": ""})
        busdevice = [q for q in doc["requirements"] if q["module"] == "adafruit_bus_device"][0]
        self.assertEqual(busdevice["required_by"], "adafruit_bme280")
        self.assertEqual(sorted(doc["local_modules"]), sorted(str(self.project / n) for n in
                                                              ("code.py", "display_helpers.py", "pio.py")))
        imported = {i["module"]: i for i in doc["imports"]}
        self.assertTrue(imported["ulab"]["optional"])
        self.assertEqual(imported["adafruit_bme280"]["line"], 4)
        levels = {n["module"]: n["level"] for n in doc["notes"]}
        self.assertEqual(levels["rp2pio"], "warning")
        self.assertEqual(levels["displayio"], "note")

    def test_output_file_is_written_and_the_project_may_be_named_by_its_file(self):
        out = self.tmp / "requirements.txt"
        r = self.w.cpytool("blinka", "requirements", str(self.project / "code.py"), "-o", str(out), path=False,
                           check=0)
        self.assertIn("wrote 8 requirements to", r.stdout)
        text = out.read_text()
        self.assertTrue(text.startswith("# Blinka requirements for code.py"))
        self.assertEqual(self.requirement_lines(text)[0], "adafruit-blinka")

    def test_project_without_code_py_or_with_a_syntax_error_is_bad_input(self):
        empty = self.tmp / "empty"
        empty.mkdir()
        r = self.w.cpytool("blinka", "requirements", str(empty), path=False, check=3)
        self.assertIn("no code.py", r.stderr)
        (self.project / "pio.py").write_text("def broken(:\n")
        r = self.w.cpytool("blinka", "requirements", str(self.project), path=False, check=3)
        self.assertIn("SyntaxError: invalid syntax", r.stderr)
        self.assertIn("pio.py, line 1", r.stderr)

    def test_freeze_pip_maps_installed_libraries_with_their_installed_versions(self):
        self.w.cpytool("install", "--py", "adafruit_bme280", "neopixel", check=0)
        (self.w.lib() / "my_module.py").write_text("X = 1\n")
        r = self.w.cpytool("freeze", "--pip", check=0)
        self.assertEqual(self.requirement_lines(r.stdout), [
            "adafruit-blinka",
            "adafruit-circuitpython-bme280==2.6.28",
            "adafruit-circuitpython-busdevice==5.2.10",
            "adafruit-circuitpython-neopixel==6.3.11",
            "adafruit-circuitpython-pixelbuf==2.0.4",
        ])
        self.assertIn("my_module: not a bundle library", r.stderr)
        r, doc = self.w.json("freeze", "--pip", check=0)
        self.assertEqual(doc["requirements"][0]["name"], "adafruit-blinka")
        self.assertIn("board", doc)

    def test_freeze_without_pip_still_lists_module_names(self):
        self.w.cpytool("install", "--py", "neopixel", check=0)
        r = self.w.cpytool("freeze", check=0)
        self.assertEqual(r.stdout.splitlines(), ["adafruit_pixelbuf==2.0.4", "neopixel==6.3.11"])


if __name__ == "__main__":
    unittest.main()
