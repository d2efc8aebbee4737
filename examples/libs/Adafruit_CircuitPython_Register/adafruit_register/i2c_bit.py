"""RWBit: one bit of an I2C register."""
from adafruit_bus_device.i2c_device import I2CDevice  # noqa: F401


class RWBit:
    def __init__(self, register_address, bit):
        self.register_address = register_address
        self.bit_mask = 1 << bit
