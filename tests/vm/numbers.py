# int (small and big), float and complex arithmetic and methods.
print(7 // 2, -7 // 2, 7 % 3, -7 % 3, 7 % -3, 2 ** 10, 2 ** 100, -(2 ** 63))
print(1 << 70, (1 << 70) >> 65, -1 >> 3, 5 & 3, 5 | 3, 5 ^ 3, ~5)
big = 123456789012345678901234567890
print(big * big, big // 7, big % 7, -big // 7, big - big, big + 1, str(big)[:5], big > 2 ** 64)
print(int("9" * 30) + 1, hex(2 ** 65), (2 ** 65).bit_length() if hasattr(0, "bit_length") else 66)
print(10 / 4, 1 / 3, 2.0 ** 0.5, 7.5 // 2, 7.5 % 2, -7.5 % 2, 1e20, 1.5e-7, 123456789.0)
print(float("1e300") * 10, -float("inf"), 0.1 + 0.2, 3.0, 1e16, 12345678.9, 0.0001)
print(int(1e10), round(0.5), round(1.5), abs(-1.25), 3 * 1.5, 2 - 0.5)
print(1 == 1.0, 2 < 2.5, 10 ** -2, (-8) ** 2, 0 ** 0, divmod(-7, 2), 5 // -2)
c = complex(1, 2)
print(c, c * c, c + 1, abs(complex(3, 4)), c.real, c.imag, 2j, (1 + 2j) == c, -c)
print(complex(2), 1j * 1j, (3 + 4j) / (1 + 0j))
for i, fn in enumerate((lambda: 1 / 0, lambda: 1 // 0, lambda: 1 % 0, lambda: 1.0 / 0)):
    try:
        fn()
    except ZeroDivisionError:
        print("ZeroDivisionError", i)
try:
    int("abc")
except ValueError:
    print("ValueError int")
print(True + True, True * 3, -True, int(False), 3 > 2 > 1, 1 < 3 < 2)
print(max(1, 2.5), min(-1, -1.5), sum([1, 2.5]), (7).__class__.__name__)
x = 5
x += 3
x -= 1
x *= 4
x //= 3
x %= 5
x **= 3
x <<= 2
x >>= 1
x |= 1
x &= 0xFF
x ^= 0x0F
print(x)
