import board
from adafruit_bme280 import basic

sensor = basic.Adafruit_BME280_I2C(board.I2C())
print("Temperature: %0.1f C" % sensor.temperature)
