// Rule tables for `cpytool port`, from the CircuitPython documentation on its differences from MicroPython.
#include "bundle/port_rules.hpp"

namespace cpy::bundle {
namespace {

constexpr auto F = PortAction::fixable;
constexpr auto M = PortAction::manual;

constexpr ModuleRule k_modules[] = {
    {"utime", "time", "", F},
    {"uos", "os", "", F},
    {"ujson", "json", "", F},
    {"ustruct", "struct", "", F},
    {"ubinascii", "binascii", "", F},
    {"ucollections", "collections", "", F},
    {"uerrno", "errno", "", F},
    {"uio", "io", "", F},
    {"urandom", "random", "", F},
    {"ure", "re", "", F},
    {"uselect", "select", "", F},
    {"ussl", "ssl", "wrap sockets with ssl.create_default_context()", F},
    {"uzlib", "zlib", "zlib can only decompress", F},
    {"uhashlib", "hashlib", "", F},
    {"uasyncio", "asyncio", "asyncio is a library: cpytool install asyncio", F},
    {"uarray", "array", "", F},
    {"usys", "sys", "", F},
    {"umath", "math", "", F},
    {"machine", "",
     "no machine module: pins are board.<NAME> used through digitalio, busio, pwmio, analogio; "
     "resets and CPU facts are in microcontroller",
     M},
    {"pyb", "", "no pyb module: use board, digitalio, busio, pwmio and analogio", M},
    {"network", "", "wifi.radio (wifi.radio.connect(ssid, password)) and socketpool.SocketPool(wifi.radio)", M},
    {"usocket", "", "socketpool.SocketPool(wifi.radio) gives sockets", M},
    {"socket", "", "socketpool.SocketPool(wifi.radio) gives sockets", M},
    {"uctypes", "", "no uctypes: use struct, memoryview or bytearray", M},
    {"_thread", "", "no threads: run concurrent work as asyncio tasks", M},
    {"esp", "", "no esp module: microcontroller and espidf cover part of it", M},
    {"esp32", "", "no esp32 module: microcontroller, espidf and alarm cover part of it", M},
    {"rp2", "", "rp2pio.StateMachine with the adafruit_pioasm library for PIO programs", M},
    {"framebuf", "", "the adafruit_framebuf library, or displayio", M},
    {"bluetooth", "", "_bleio, or the adafruit_ble library", M},
    {"ubluetooth", "", "_bleio, or the adafruit_ble library", M},
    {"ucryptolib", "", "aesio.AES", M},
    {"cryptolib", "", "aesio.AES", M},
    {"ntptime", "", "the adafruit_ntp library", M},
    {"webrepl", "", "the web workflow (CIRCUITPY_WIFI_SSID and CIRCUITPY_WEB_API_PASSWORD in settings.toml)", M},
    {"dht", "", "the adafruit_dht library", M},
    {"onewire", "", "the adafruit_onewire library", M},
    {"ds18x20", "", "the adafruit_ds18x20 library", M},
};

constexpr std::string_view k_no_irq =
    "no pin interrupts in CircuitPython: poll the pin in the main loop, count edges with countio.Counter, "
    "read buttons with keypad.Keys, or await changes in an asyncio task";
constexpr std::string_view k_plain_bytecode =
    "remove the decorator: CircuitPython runs plain bytecode (no native, viper or inline-assembler emitters)";

constexpr AttributeRule k_attributes[] = {
    {"time.sleep_ms", "time", "time.sleep(ms / 1000)"},
    {"time.sleep_us", "time", "time.sleep(us / 1_000_000) (about 1 ms resolution; pulseio or pwmio for exact pulses)"},
    {"time.ticks_ms", "time", "supervisor.ticks_ms(), or adafruit_ticks.ticks_ms()"},
    {"time.ticks_us", "time", "time.monotonic_ns() // 1000"},
    {"time.ticks_cpu", "time", "time.monotonic_ns()"},
    {"time.ticks_diff", "time", "adafruit_ticks.ticks_diff(a, b) (install adafruit_ticks)"},
    {"time.ticks_add", "time", "adafruit_ticks.ticks_add(t, delta) (install adafruit_ticks)"},
    {"asyncio.sleep_ms", "asyncio", "asyncio.sleep(ms / 1000)"},
    {"machine.Pin", "machine", "digitalio.DigitalInOut(board.<pin>)"},
    {"machine.Pin.OUT", "machine", "digitalio.Direction.OUTPUT (pin.switch_to_output())"},
    {"machine.Pin.IN", "machine", "digitalio.Direction.INPUT (pin.switch_to_input())"},
    {"machine.Pin.OPEN_DRAIN", "machine", "digitalio.DriveMode.OPEN_DRAIN"},
    {"machine.Pin.PULL_UP", "machine", "digitalio.Pull.UP"},
    {"machine.Pin.PULL_DOWN", "machine", "digitalio.Pull.DOWN"},
    {"machine.Pin.IRQ_FALLING", "irq", k_no_irq},
    {"machine.Pin.IRQ_RISING", "irq", k_no_irq},
    {"machine.Pin.irq", "irq", k_no_irq},
    {"machine.Signal", "machine", "digitalio.DigitalInOut(board.<pin>), inverting the value yourself"},
    {"machine.I2C", "machine", "busio.I2C(board.SCL, board.SDA, frequency=...), or board.I2C()"},
    {"machine.SoftI2C", "machine", "bitbangio.I2C(board.SCL, board.SDA)"},
    {"machine.SPI", "machine", "busio.SPI(board.SCK, MOSI=board.MOSI, MISO=board.MISO), or board.SPI()"},
    {"machine.SoftSPI", "machine", "bitbangio.SPI(board.SCK, MOSI=..., MISO=...)"},
    {"machine.UART", "machine", "busio.UART(board.TX, board.RX, baudrate=...), or board.UART()"},
    {"machine.PWM", "machine", "pwmio.PWMOut(board.<pin>, frequency=..., duty_cycle=...) (duty_cycle is 16-bit)"},
    {"machine.ADC", "machine", "analogio.AnalogIn(board.<pin>); read_u16() becomes .value"},
    {"machine.DAC", "machine", "analogio.AnalogOut(board.<pin>); .value is 16-bit"},
    {"machine.TouchPad", "machine", "touchio.TouchIn(board.<pin>)"},
    {"machine.Timer", "machine",
     "no timer callbacks: compare time.monotonic() in the main loop, or run an asyncio task"},
    {"machine.RTC", "machine", "rtc.RTC() (.datetime is a time.struct_time)"},
    {"machine.WDT", "machine", "microcontroller.watchdog (.timeout, .mode = watchdog.WatchDogMode.RESET, .feed())"},
    {"machine.reset", "machine", "microcontroller.reset()"},
    {"machine.soft_reset", "machine", "supervisor.reload()"},
    {"machine.reset_cause", "machine", "microcontroller.cpu.reset_reason"},
    {"machine.freq", "machine", "microcontroller.cpu.frequency (read-only on most boards)"},
    {"machine.unique_id", "machine", "microcontroller.cpu.uid"},
    {"machine.deepsleep", "machine", "alarm.exit_and_deep_sleep_until_alarms(alarm.time.TimeAlarm(...))"},
    {"machine.lightsleep", "machine", "alarm.light_sleep_until_alarms(alarm.time.TimeAlarm(...))"},
    {"machine.idle", "machine", "time.sleep(0), or nothing"},
    {"machine.disable_irq", "irq", "no interrupts in CircuitPython: remove it"},
    {"machine.enable_irq", "irq", "no interrupts in CircuitPython: remove it"},
    {"machine.time_pulse_us", "machine", "pulseio.PulseIn(board.<pin>)"},
    {"machine.bitstream", "machine", "neopixel_write.neopixel_write(pin, buf)"},
    {"machine.mem8", "machine", "no direct memory access in CircuitPython"},
    {"machine.mem16", "machine", "no direct memory access in CircuitPython"},
    {"machine.mem32", "machine", "no direct memory access in CircuitPython"},
    {"machine.Encoder", "machine", "rotaryio.IncrementalEncoder(board.<a>, board.<b>)"},
    {"machine.Counter", "machine", "countio.Counter(board.<pin>)"},
    {"machine.SDCard", "machine", "sdcardio.SDCard(spi, board.<cs>) and storage.mount(storage.VfsFat(sd), \"/sd\")"},
    {"network.WLAN", "network", "wifi.radio (wifi.radio.connect(ssid, password), wifi.radio.ipv4_address)"},
    {"network.STA_IF", "network", "wifi.radio (station mode is the default)"},
    {"network.AP_IF", "network", "wifi.radio.start_ap(ssid, password)"},
    {"micropython.native", "decorator", k_plain_bytecode},
    {"micropython.viper", "decorator", k_plain_bytecode},
    {"micropython.asm_thumb", "decorator", k_plain_bytecode},
    {"micropython.asm_xtensa", "decorator", k_plain_bytecode},
    {"micropython.alloc_emergency_exception_buf", "micropython", "remove it: CircuitPython has no hard interrupts"},
    {"micropython.schedule", "micropython",
     "nothing schedules from an interrupt: call it from the main loop or an "
     "asyncio task"},
    {"sys.print_exception", "sys", "traceback.print_exception(e)"},
    {"os.dupterm", "os", "no dupterm: the serial console and web workflow are built in"},
    {"pyb.Pin", "pyb", "digitalio.DigitalInOut(board.<pin>)"},
    {"pyb.LED", "pyb", "digitalio.DigitalInOut(board.LED)"},
    {"pyb.delay", "pyb", "time.sleep(ms / 1000)"},
    {"pyb.millis", "pyb", "supervisor.ticks_ms()"},
};

constexpr AttributeRule k_methods[] = {
    {"irq", "irq", k_no_irq},
    {"read_u16", "machine", "analogio.AnalogIn(board.<pin>).value (16-bit)"},
    {"duty_u16", "machine", "pwmio.PWMOut(...).duty_cycle = value (16-bit)"},
    {"duty_ns", "machine", "pwmio.PWMOut(...).duty_cycle (a 16-bit fraction of the period)"},
};

std::string_view first_component(std::string_view path) { return path.substr(0, path.find('.')); }

}  // namespace

std::optional<ModuleRule> module_rule(std::string_view module) {
  const std::string_view top = first_component(module);
  for (const auto& rule : k_modules)
    if (rule.module == top) return rule;
  return std::nullopt;
}

std::string canonical_path(std::string_view path) {
  const std::string_view top = first_component(path);
  const auto rule = module_rule(top);
  if (!rule || rule->replacement.empty()) return std::string(path);
  return std::string(rule->replacement) + std::string(path.substr(top.size()));
}

std::optional<AttributeRule> attribute_rule(std::string_view path) {
  while (!path.empty()) {
    for (const auto& rule : k_attributes)
      if (rule.path == path) return rule;
    const auto dot = path.rfind('.');
    if (dot == std::string_view::npos) break;
    path = path.substr(0, dot);
  }
  return std::nullopt;
}

std::optional<AttributeRule> method_rule(std::string_view method) {
  for (const auto& rule : k_methods)
    if (rule.path == method) return rule;
  return std::nullopt;
}

}  // namespace cpy::bundle
