"""Fake adafruit_register: register descriptors on top of adafruit_bus_device."""
__version__ = "1.10.0"
