"""End-to-end tests of `cpytool port`: small MicroPython programs checked and fixed for CircuitPython."""
import json
import os
import unittest

from harness import TempDirTestCase, run

# A Pico program written the MicroPython way: u-modules, machine.Pin, a pin interrupt, a native emitter.
PICO_BLINK = """\
# Blink, count button presses, reset after a while.
import utime
import machine
from machine import Pin
import micropython

led = machine.Pin(25, machine.Pin.OUT)
button = Pin(14, Pin.IN, Pin.PULL_UP)
presses = 0

def on_press(pin):
    global presses
    presses += 1

button.irq(trigger=Pin.IRQ_FALLING, handler=on_press)

@micropython.native
def busy(n):
    total = 0
    for i in range(n):
        total += i
    return total

start = utime.ticks_ms()
while True:
    led.toggle()
    utime.sleep_ms(250)  # quarter second
    if utime.ticks_diff(utime.ticks_ms(), start) > 5000:
        machine.reset()
"""

# Only mechanical differences: the u-modules, used through the module names and an alias.
SENSOR_LOG = """\
import ujson, uos
import ustruct as st   # keep the alias
from ubinascii import hexlify

def save(reading):
    with open("/log.json", "w") as f:
        ujson.dump({"raw": hexlify(st.pack("<H", reading))}, f)
    return uos.stat("/log.json")[6]
"""

CIRCUITPY_BLINK = """\
import time
import board
import digitalio
from micropython import const

DELAY = const(1)
led = digitalio.DigitalInOut(board.LED)
led.switch_to_output()
while True:
    led.value = not led.value
    time.sleep(DELAY)
"""


class PortTest(TempDirTestCase):
    def write(self, name, text, newline=None):
        path = self.tmp / name
        with open(path, "w", newline=newline) as f:
            f.write(text)
        return path

    def port(self, *args, check=None):
        return run(["port", *args], cwd=self.tmp, check=check)

    def port_json(self, *args, check=None):
        r = run(["--json", "port", *args], cwd=self.tmp, check=check)
        return r, json.loads(r.stdout)

    def test_report_lists_each_construct_with_position_and_replacement(self):
        self.write("blink.py", PICO_BLINK)
        r = self.port("blink.py", check=1)
        out = r.stdout
        self.assertIn("blink.py:2:8: fixable: import utime -> import time", out)
        self.assertIn("blink.py:3:8: module: import machine -> no machine module", out)
        self.assertIn("blink.py:7:7: machine: machine.Pin(...) -> digitalio.DigitalInOut(board.<pin> (GPIO 25", out)
        self.assertIn("switch_to_output()", out)
        self.assertIn("blink.py:8:10: machine: Pin(...) -> digitalio.DigitalInOut(board.<pin> (GPIO 14", out)
        self.assertIn("switch_to_input(pull=digitalio.Pull.UP)", out)
        self.assertIn("blink.py:15:8: irq: .irq(...) -> no pin interrupts in CircuitPython", out)
        self.assertIn("blink.py:15:20: irq: Pin.IRQ_FALLING", out)
        self.assertIn("blink.py:17:1: decorator: @micropython.native -> remove the decorator", out)
        self.assertIn("blink.py:24:9: time: utime.ticks_ms(...) -> supervisor.ticks_ms()", out)
        self.assertIn("blink.py:27:5: time: utime.sleep_ms(...) -> time.sleep(ms / 1000)", out)
        self.assertIn("blink.py:28:8: time: utime.ticks_diff(...) -> adafruit_ticks.ticks_diff", out)
        self.assertIn("blink.py:29:9: machine: machine.reset(...) -> microcontroller.reset()", out)
        self.assertIn("(1 fixable with --fix)", out)
        self.assertEqual((self.tmp / "blink.py").read_text(), PICO_BLINK)

    def test_json_report_has_every_finding_and_the_counts(self):
        self.write("blink.py", PICO_BLINK)
        r, doc = self.port_json("blink.py", check=1)
        self.assertFalse(doc["ok"])
        findings = doc["files"][0]["findings"]
        self.assertEqual(doc["remaining"], len(findings))
        self.assertEqual(doc["fixable"], 1)
        first = findings[0]
        self.assertEqual(first, {"line": 2, "column": 8, "rule": "u-module", "construct": "import utime",
                                 "advice": "import time", "action": "fixable"})
        rules = {f["rule"] for f in findings}
        self.assertEqual(rules, {"u-module", "module", "machine", "irq", "decorator", "time"})
        lines = [f["line"] for f in findings]
        self.assertEqual(lines, sorted(lines))

    def test_fix_rewrites_imports_and_uses_and_keeps_the_rest_byte_for_byte(self):
        path = self.write("blink.py", PICO_BLINK)
        r, doc = self.port_json("--fix", "blink.py", check=1)
        expected = PICO_BLINK.replace("import utime", "import time").replace("utime.", "time.")
        self.assertEqual(path.read_text(), expected)
        self.assertEqual(doc["fixed"], 1)
        self.assertEqual(doc["files"][0]["fixed"][0]["construct"], "import utime")
        remaining = doc["files"][0]["findings"]
        self.assertTrue(all(f["action"] == "manual" for f in remaining))
        self.assertIn("time.sleep_ms(...)", [f["construct"] for f in remaining])
        self.assertEqual(sorted(os.listdir(self.tmp)), ["blink.py"])
        r = self.port("--fix", "blink.py", check=1)
        self.assertEqual(path.read_text(), expected)

    def test_fix_of_mechanical_differences_leaves_nothing_and_exits_0(self):
        path = self.write("sensor_log.py", SENSOR_LOG)
        r = self.port("--fix", "sensor_log.py", check=0)
        self.assertIn("fixed 4; nothing left to port", r.stdout)
        self.assertEqual(path.read_text(), SENSOR_LOG.replace("import ujson, uos", "import json, os")
                         .replace("import ustruct as st", "import struct as st")
                         .replace("from ubinascii", "from binascii")
                         .replace("ujson.dump", "json.dump").replace("uos.stat", "os.stat"))
        self.port("sensor_log.py", check=0)

    def test_fix_keeps_crlf_line_endings(self):
        path = self.write("crlf.py", "import utime\n\nutime.sleep(1)  # one\n", newline="\r\n")
        self.port("--fix", "crlf.py", check=0)
        self.assertEqual(path.read_bytes(), b"import time\r\n\r\ntime.sleep(1)  # one\r\n")

    def test_circuitpython_code_is_clean(self):
        self.write("code.py", CIRCUITPY_BLINK)
        r = self.port("code.py", check=0)
        self.assertIn("nothing left to port", r.stdout)
        r, doc = self.port_json("code.py", check=0)
        self.assertTrue(doc["ok"])
        self.assertEqual(doc["files"], [{"path": "code.py", "findings": [], "fixed": []}])

    def test_syntax_error_is_bad_input_with_the_mpy_cross_message_and_nothing_is_fixed(self):
        good = self.write("good.py", "import utime\n")
        self.write("bad.py", "import utime\n\nprint('x'\n")
        r = self.port("--fix", "good.py", "bad.py", check=3)
        self.assertIn("cpytool: error: SyntaxError: invalid syntax (bad.py, line", r.stderr)
        self.assertEqual(good.read_text(), "import utime\n")

    def test_missing_file_is_bad_input(self):
        r = self.port("nope.py", check=3)
        self.assertIn("cannot read nope.py", r.stderr)
        r, doc = self.port_json("nope.py", check=3)
        self.assertEqual(doc["error"]["exit_code"], 3)

    def test_several_files_are_reported_in_order(self):
        self.write("a.py", "import uos\n")
        self.write("b.py", "import network\n")
        r, doc = self.port_json("a.py", "b.py", check=1)
        self.assertEqual([f["path"] for f in doc["files"]], ["a.py", "b.py"])
        self.assertEqual(doc["files"][1]["findings"][0]["construct"], "import network")
        self.assertIn("wifi.radio", doc["files"][1]["findings"][0]["advice"])


if __name__ == "__main__":
    unittest.main()
