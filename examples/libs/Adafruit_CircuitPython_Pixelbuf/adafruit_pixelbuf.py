"""Fake adafruit_pixelbuf: a pixel buffer base class."""
__version__ = "2.0.4"


class PixelBuf:
    def __init__(self, n, byteorder="GRB"):
        self.n = n
        self.byteorder = byteorder
