"""Basic BME280 driver."""
from adafruit_bus_device import i2c_device


class Adafruit_BME280_I2C:
    def __init__(self, i2c, address=0x77):
        self.device = i2c_device.I2CDevice(i2c, address)
        self.temperature = 21.5
