"""Fake adafruit_display_text: text labels."""
__version__ = "3.2.2"
