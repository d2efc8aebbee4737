"""Fake neopixel: a strip of RGB pixels."""
import adafruit_pixelbuf

__version__ = "6.3.11"


class NeoPixel(adafruit_pixelbuf.PixelBuf):
    def __init__(self, pin, n, brightness=1.0):
        super().__init__(n)
        self.pin = pin
        self.brightness = brightness
