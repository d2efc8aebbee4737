// Python source of the board modules; each runs over the native `_bhal` module when first imported.
#pragma once

namespace cpy::firmware::bindings {

inline constexpr const char* k_digitalio = R"PY(import _bhal

class Direction:
    def __init__(self, name):
        self._name = name
    def __repr__(self):
        return 'digitalio.Direction.' + self._name
Direction.INPUT = Direction('INPUT')
Direction.OUTPUT = Direction('OUTPUT')

class Pull:
    def __init__(self, name):
        self._name = name
    def __repr__(self):
        return 'digitalio.Pull.' + self._name
Pull.UP = Pull('UP')
Pull.DOWN = Pull('DOWN')

class DriveMode:
    def __init__(self, name):
        self._name = name
    def __repr__(self):
        return 'digitalio.DriveMode.' + self._name
DriveMode.PUSH_PULL = DriveMode('PUSH_PULL')
DriveMode.OPEN_DRAIN = DriveMode('OPEN_DRAIN')

class DigitalInOut:
    def __init__(self, pin):
        _bhal.claim(pin._id)
        self._pin = pin._id
        self._direction = Direction.INPUT
        self._pull = None
        self._drive_mode = DriveMode.PUSH_PULL

    def _check(self):
        if self._pin is None:
            raise ValueError('Object has been deinitialized and can no longer be used. Create a new object.')

    def deinit(self):
        if self._pin is not None:
            _bhal.release(self._pin)
            self._pin = None

    def deinited(self):
        return self._pin is None

    def __enter__(self):
        return self

    def __exit__(self, *args):
        self.deinit()

    def switch_to_output(self, value=False, drive_mode=DriveMode.PUSH_PULL):
        self._check()
        self._direction = Direction.OUTPUT
        self._pull = None
        self._drive_mode = drive_mode
        _bhal.set_drive_mode(self._pin, 1 if drive_mode is DriveMode.OPEN_DRAIN else 0)
        _bhal.set_value(self._pin, bool(value))
        _bhal.set_direction(self._pin, 1)

    def switch_to_input(self, pull=None):
        self._check()
        self._direction = Direction.INPUT
        _bhal.set_direction(self._pin, 0)
        self.pull = pull

    @property
    def direction(self):
        self._check()
        return self._direction

    @direction.setter
    def direction(self, value):
        if value is Direction.OUTPUT:
            self.switch_to_output()
        elif value is Direction.INPUT:
            self.switch_to_input()
        else:
            raise ValueError('Invalid direction.')

    @property
    def value(self):
        self._check()
        return _bhal.get_value(self._pin)

    @value.setter
    def value(self, value):
        self._check()
        if self._direction is not Direction.OUTPUT:
            raise AttributeError('Cannot set value when direction is input.')
        _bhal.set_value(self._pin, bool(value))

    @property
    def pull(self):
        self._check()
        if self._direction is Direction.OUTPUT:
            raise AttributeError('Pull not used when direction is output.')
        return self._pull

    @pull.setter
    def pull(self, pull):
        self._check()
        if self._direction is Direction.OUTPUT:
            raise AttributeError('Pull not used when direction is output.')
        if pull is not None and pull is not Pull.UP and pull is not Pull.DOWN:
            raise ValueError('Invalid pull value.')
        self._pull = pull
        _bhal.set_pull(self._pin, 0 if pull is None else (1 if pull is Pull.UP else 2))

    @property
    def drive_mode(self):
        self._check()
        if self._direction is Direction.INPUT:
            raise AttributeError('Drive mode not used when direction is input.')
        return self._drive_mode

    @drive_mode.setter
    def drive_mode(self, mode):
        self._check()
        if self._direction is Direction.INPUT:
            raise AttributeError('Drive mode not used when direction is input.')
        self._drive_mode = mode
        _bhal.set_drive_mode(self._pin, 1 if mode is DriveMode.OPEN_DRAIN else 0)
)PY";

inline constexpr const char* k_microcontroller = R"PY(import _bhal

class Pin:
    def __init__(self, index):
        self._id = index
    def __repr__(self):
        return _bhal.pin_repr(self._id)
    def __eq__(self, other):
        return isinstance(other, Pin) and other._id == self._id
    def __hash__(self):
        return self._id

class _Pins:
    pass
pin = _Pins()
_all = []
for _i, _name in enumerate(_bhal.mcu_pins()):
    _p = Pin(_i)
    _all.append(_p)
    setattr(pin, _name, _p)

class RunMode:
    def __init__(self, name, code):
        self._name = name
        self._code = code
    def __repr__(self):
        return 'microcontroller.RunMode.' + self._name
RunMode.NORMAL = RunMode('NORMAL', 0)
RunMode.SAFE_MODE = RunMode('SAFE_MODE', 1)
RunMode.UF2 = RunMode('UF2', 2)
RunMode.BOOTLOADER = RunMode('BOOTLOADER', 3)

class Processor:
    @property
    def uid(self):
        return bytearray(_bhal.uid())
    @property
    def frequency(self):
        return 125000000
    @property
    def temperature(self):
        return 25.0
    @property
    def voltage(self):
        return 3.3
    @property
    def reset_reason(self):
        return None
cpu = Processor()
cpus = (cpu,)

def reset():
    _bhal.reset()

def on_next_reset(run_mode):
    _bhal.on_next_reset(run_mode._code)

def delay_us(delay):
    _bhal.sleep_ns(int(delay) * 1000)

def disable_interrupts():
    pass

def enable_interrupts():
    pass
)PY";

inline constexpr const char* k_board = R"PY(import _bhal
import microcontroller as _mc
board_id = _bhal.board_id()
for _name, _i in _bhal.board_pins():
    globals()[_name] = _mc._all[_i]
)PY";

inline constexpr const char* k_supervisor = R"PY(import _bhal

class RunReason:
    def __init__(self, name):
        self._name = name
    def __repr__(self):
        return 'supervisor.RunReason.' + self._name
RunReason.STARTUP = RunReason('STARTUP')
RunReason.AUTO_RELOAD = RunReason('AUTO_RELOAD')
RunReason.SUPERVISOR_RELOAD = RunReason('SUPERVISOR_RELOAD')
RunReason.REPL_RELOAD = RunReason('REPL_RELOAD')
_reasons = (RunReason.STARTUP, RunReason.AUTO_RELOAD, RunReason.SUPERVISOR_RELOAD, RunReason.REPL_RELOAD)

class SafeModeReason:
    def __init__(self, name):
        self._name = name
    def __repr__(self):
        return 'supervisor.SafeModeReason.' + self._name
for _name in ('NONE', 'BROWNOUT', 'FLASH_WRITE_FAIL', 'GC_ALLOC_OUTSIDE_VM', 'HARD_FAULT', 'INTERRUPT_ERROR',
              'NLR_JUMP_FAIL', 'NO_CIRCUITPY', 'NO_HEAP', 'PROGRAMMATIC', 'SAFEMODE_PY_ERROR', 'SDK_FATAL_ERROR',
              'STACK_OVERFLOW', 'USB_BOOT_DEVICE_NOT_INTERFACE_ZERO', 'USB_TOO_MANY_ENDPOINTS',
              'USB_TOO_MANY_INTERFACE_NAMES', 'USER', 'WATCHDOG'):
    setattr(SafeModeReason, _name, SafeModeReason(_name))

class Runtime:
    @property
    def autoreload(self):
        return _bhal.autoreload()
    @autoreload.setter
    def autoreload(self, value):
        _bhal.set_autoreload(bool(value))
    @property
    def serial_connected(self):
        return _bhal.serial_connected()
    @property
    def usb_connected(self):
        return True
    @property
    def serial_bytes_available(self):
        return 0
    @property
    def run_reason(self):
        return _reasons[_bhal.run_reason()]
    @property
    def safe_mode_reason(self):
        return getattr(SafeModeReason, _bhal.safe_mode_reason())
runtime = Runtime()

def reload():
    _bhal.reload()

def set_next_code_file(filename, *, reload_on_success=False, reload_on_error=False, sticky_on_success=False,
                       sticky_on_error=False, sticky_on_reload=False):
    _bhal.set_next_code_file(filename)

def ticks_ms():
    return (_bhal.monotonic_ns() // 1000000) % (1 << 29)

def disable_autoreload():
    _bhal.set_autoreload(False)

def enable_autoreload():
    _bhal.set_autoreload(True)
)PY";

inline constexpr const char* k_neopixel_write = R"PY(import _bhal

def neopixel_write(digitalinout, buf):
    digitalinout._check()
    _bhal.neopixel_write(digitalinout._pin, bytes(buf))
)PY";

inline constexpr const char* k_storage = R"PY(import _bhal

def remount(mount_path, readonly=False, *, disable_concurrent_write_protection=False):
    if mount_path != '/':
        raise OSError(22)
    _bhal.remount(bool(readonly))

def disable_usb_drive():
    pass

def enable_usb_drive():
    pass
)PY";

}  // namespace cpy::firmware::bindings
