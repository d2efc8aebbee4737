"""Fake adafruit_bitmap_font."""
__version__ = "2.1.3"
