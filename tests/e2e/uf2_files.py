"""UF2 files for the end-to-end tests, built here with struct (independently of cpytool's writer)."""
import struct

MAGIC0, MAGIC1, MAGIC_END = 0x0A324655, 0x9E5D5157, 0x0AB16F30
FLAG_NOT_MAIN_FLASH, FLAG_FAMILY = 0x1, 0x2000
RP2040, RP2350, SAMD21, SAMD51, ESP32S3 = 0xE48BFF56, 0xE48BFF59, 0x68ED2B88, 0x55114460, 0xC47E5767


def block(address, payload, number, total, family=None, flags=None):
    if flags is None:
        flags = FLAG_FAMILY if family is not None else 0
    header = struct.pack("<8I", MAGIC0, MAGIC1, flags, address, len(payload), number, total, family or 0)
    return header + payload.ljust(476, b"\0") + struct.pack("<I", MAGIC_END)


def uf2(binary, base, family=None, payload=256):
    """The blocks uf2conv would write for `binary` at `base` (last payload zero-padded to `payload`)."""
    chunks = [binary[i:i + payload].ljust(payload, b"\0") for i in range(0, len(binary), payload)]
    return b"".join(block(base + i * payload, c, i, len(chunks), family) for i, c in enumerate(chunks))


def fields(data, index):
    """(flags, address, payload_size, block_no, num_blocks, family) of block `index`."""
    return struct.unpack_from("<6I", data, index * 512 + 8)


def sample_binary(size, seed=1):
    return bytes((seed + i * 7 + (i >> 8)) & 0xFF for i in range(size))
