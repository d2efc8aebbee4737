// Tests of bundle/port_check and port_rules: what `cpytool port` reports and what --fix rewrites.
#include <doctest/doctest.h>

#include "bundle/port_check.hpp"

using namespace cpy;
using namespace cpy::bundle;

namespace {

PortCheck check(const std::string& src) {
  auto r = check_port(src, "test.py");
  REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.error().message));
  return *r;
}

std::string fixed(const std::string& src) {
  const auto c = check(src);
  return apply_edits(src, c.edits);
}

const PortFinding* find(const PortCheck& c, const std::string& construct) {
  for (const auto& f : c.findings)
    if (f.construct == construct) return &f;
  return nullptr;
}

}  // namespace

TEST_CASE("u-modules are renamed by the rules and report as fixable at the module name") {
  CHECK(canonical_path("utime.sleep_ms") == "time.sleep_ms");
  CHECK(canonical_path("machine.Pin") == "machine.Pin");
  const auto c = check("import gc\nimport  utime\nfrom uos import listdir\n");
  REQUIRE(c.findings.size() == 2);
  CHECK(c.findings[0].line == 2);
  CHECK(c.findings[0].column == 9);
  CHECK(c.findings[0].rule == "u-module");
  CHECK(c.findings[0].construct == "import utime");
  CHECK(c.findings[0].advice == "import time");
  CHECK(c.findings[0].action == PortAction::fixable);
  CHECK(c.findings[1].construct == "from uos import listdir");
  CHECK(c.findings[1].advice == "from os import listdir");
}

TEST_CASE("fix renames the import and its uses and keeps every other byte") {
  const std::string src =
      "import utime  # clock\n\ndef wait():\n    utime.sleep(0.5)   # half\n    x = obj.utime\n"
      "    return utime.time()\n";
  CHECK(fixed(src) ==
        "import time  # clock\n\ndef wait():\n    time.sleep(0.5)   # half\n    x = obj.utime\n"
        "    return time.time()\n");
}

TEST_CASE("fix keeps aliases and from-imports and only renames the module") {
  CHECK(fixed("import utime as t, ujson\nt.sleep(1)\nfrom ustruct import pack, unpack as u\n") ==
        "import time as t, json\nt.sleep(1)\nfrom struct import pack, unpack as u\n");
}

TEST_CASE("an alias that is already the new name is dropped") {
  CHECK(fixed("import uasyncio as asyncio\nasyncio.run(main())\n") == "import asyncio\nasyncio.run(main())\n");
  const auto c = check("import uasyncio as asyncio\nasync def f():\n    await asyncio.sleep_ms(5)\n");
  REQUIRE(c.findings.size() == 2);
  CHECK(c.findings[0].advice == "import asyncio (asyncio is a library: cpytool install asyncio)");
  CHECK(c.findings[1].construct == "asyncio.sleep_ms(...)");
  CHECK(c.findings[1].advice == "asyncio.sleep(ms / 1000)");
}

TEST_CASE("fix binds the old name when the module name is rebound or used inside an f-string") {
  CHECK(fixed("import utime\nutime = None\n") == "import time as utime\nutime = None\n");
  CHECK(fixed("import utime\nprint(f\"{utime.time()}\")\n") == "import time as utime\nprint(f\"{utime.time()}\")\n");
  CHECK(fixed("import uos\nos = 3\nuos.listdir()\n") == "import os as uos\nos = 3\nuos.listdir()\n");
}

TEST_CASE("fixing twice changes nothing the second time") {
  const std::string once = fixed("import utime, uos\nutime.sleep(uos.stat('x')[6])\n");
  CHECK(once == "import time, os\ntime.sleep(os.stat('x')[6])\n");
  CHECK(check(once).edits.empty());
  CHECK(check(once).findings.empty());
}

TEST_CASE("machine.Pin with a GPIO number and direction suggests digitalio and board") {
  const auto c = check("import machine\nled = machine.Pin(15, machine.Pin.OUT)\n");
  REQUIRE(c.findings.size() == 2);
  CHECK(c.findings[0].construct == "import machine");
  CHECK(c.findings[0].action == PortAction::manual);
  const auto& pin = c.findings[1];
  CHECK(pin.line == 2);
  CHECK(pin.column == 7);
  CHECK(pin.construct == "machine.Pin(...)");
  CHECK(pin.advice.find("digitalio.DigitalInOut(board.<pin> (GPIO 15: board.GP15") == 0);
  CHECK(pin.advice.find("switch_to_output()") != std::string::npos);
}

TEST_CASE("names imported from machine are followed to their uses, and a pull-up input is described") {
  const auto c = check("from machine import Pin, I2C\nb = Pin(\"BUTTON\", Pin.IN, Pin.PULL_UP)\ni2c = I2C(0)\n");
  const auto* pin = find(c, "Pin(...)");
  REQUIRE(pin != nullptr);
  CHECK(pin->advice ==
        "digitalio.DigitalInOut(board.BUTTON), then .switch_to_input(pull=digitalio.Pull.UP); "
        ".value() becomes .value");
  CHECK(find(c, "Pin.IN") == nullptr);  // inside the reported call
  REQUIRE(find(c, "I2C(...)") != nullptr);
  CHECK(find(c, "I2C(...)")->advice.find("busio.I2C") == 0);
  CHECK(find(c, "from machine import I2C") != nullptr);
}

TEST_CASE("pin interrupts, emitter decorators and time functions are reported at their columns") {
  const auto c = check(
      "import time, micropython\n@micropython.native\ndef f():\n    pass\n@micropython.viper\ndef g(x: int) -> int:\n"
      "    return x\nbtn.irq(trigger=3, handler=f)\nt0 = time.ticks_ms()\ntime.sleep_ms(5)\n");
  const auto* native = find(c, "@micropython.native");
  REQUIRE(native != nullptr);
  CHECK(native->rule == "decorator");
  CHECK(native->line == 2);
  CHECK(native->column == 1);
  CHECK(find(c, "@micropython.viper") != nullptr);
  const auto* irq = find(c, ".irq(...)");
  REQUIRE(irq != nullptr);
  CHECK(irq->column == 5);
  CHECK(irq->advice.find("countio") != std::string::npos);
  REQUIRE(find(c, "time.ticks_ms(...)") != nullptr);
  CHECK(find(c, "time.ticks_ms(...)")->advice.find("supervisor.ticks_ms()") == 0);
  CHECK(find(c, "time.sleep_ms(...)")->advice == "time.sleep(ms / 1000)");
}

TEST_CASE("decorators need no import, u-module uses are checked under their new name") {
  const auto c = check("@micropython.asm_thumb\ndef f(r0):\n    pass\nimport utime\nutime.sleep_us(10)\n");
  CHECK(find(c, "@micropython.asm_thumb") != nullptr);
  REQUIRE(find(c, "utime.sleep_us(...)") != nullptr);
  CHECK(find(c, "utime.sleep_us(...)")->rule == "time");
}

TEST_CASE("CircuitPython code gives no findings") {
  const auto c = check(
      "import time\nimport board\nimport digitalio\nfrom micropython import const\nX = const(3)\n"
      "led = digitalio.DigitalInOut(board.LED)\nled.switch_to_output()\nwhile True:\n    led.value = not led.value\n"
      "    time.sleep(0.5)\n");
  CHECK(c.findings.empty());
  CHECK(c.edits.empty());
}

TEST_CASE("network, machine.reset and star imports from machine are reported") {
  const auto c = check("import network\nfrom machine import *\nw = network.WLAN(network.STA_IF)\nreset()\n");
  CHECK(find(c, "import network") != nullptr);
  CHECK(find(c, "network.WLAN(...)") != nullptr);
  REQUIRE(find(c, "reset(...)") != nullptr);
  CHECK(find(c, "reset(...)")->advice == "microcontroller.reset()");
}

TEST_CASE("columns count characters, not bytes, after non-ASCII text") {
  const auto c = check("s = 'é'; import utime\n");
  REQUIRE(c.findings.size() == 1);
  CHECK(c.findings[0].column == 17);
}

TEST_CASE("a syntax error is bad input with mpy-cross's message and line") {
  auto r = check_port("import utime\nx = (1,\n", "bad.py");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == ExitCode::bad_input);
  CHECK(r.error().message.find("SyntaxError") == 0);
  CHECK(r.error().message.find("bad.py, line") != std::string::npos);
}

TEST_CASE("apply_edits replaces spans and keeps the rest") {
  CHECK(apply_edits("abcdef", {{4, 1, "XY"}, {0, 2, ""}}) == "cdXYf");
}

TEST_CASE("empty files, comment-only files and imports in strings give nothing to port") {
  CHECK(check("").findings.empty());
  CHECK(check("# import utime\n").findings.empty());
  CHECK(check("s = 'import machine'\nt = \"\"\"\nimport uos\n\"\"\"\n").findings.empty());
}

TEST_CASE("an unterminated string is bad input, not a crash") {
  auto r = check_port("import utime\ns = 'open\n", "s.py");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == ExitCode::bad_input);
  CHECK(r.error().message.find("s.py, line 2") != std::string::npos);
}
