"""SPIDevice: selects the chip around each transaction."""


class SPIDevice:
    def __init__(self, spi, chip_select=None, baudrate=100000):
        self.spi = spi
        self.chip_select = chip_select
        self.baudrate = baudrate
