"""I2CDevice: locks the bus around each transaction."""


class I2CDevice:
    def __init__(self, i2c, device_address):
        self.i2c = i2c
        self.device_address = device_address

    def write(self, buf):
        self.i2c.writeto(self.device_address, buf)

    def readinto(self, buf):
        self.i2c.readfrom_into(self.device_address, buf)
