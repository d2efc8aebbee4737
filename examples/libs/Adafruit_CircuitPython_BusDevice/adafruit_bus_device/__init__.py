"""Fake adafruit_bus_device for cpytool's examples: I2C and SPI device helpers."""
__version__ = "5.2.10"
__repo__ = "https://github.com/adafruit/Adafruit_CircuitPython_BusDevice.git"
