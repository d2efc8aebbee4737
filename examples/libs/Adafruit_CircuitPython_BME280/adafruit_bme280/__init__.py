"""Fake adafruit_bme280: temperature, humidity, pressure."""
__version__ = "2.6.28"
