# Unusual literals: ints at the small-int and machine-word edges in every base, floats at the double edges,
# complex numbers, every string and bytes escape, implicit concatenation.
ints = [
    0, -0, 1_000_000, 0x3FFFFFFF, 0x40000000, -0x40000000, -0x40000001, 0x7FFFFFFF, 0x80000000,
    0xFFFFFFFF, 0x100000000, 0x7FFFFFFFFFFFFFFF, 0x8000000000000000, 0xFFFFFFFFFFFFFFFF, 0x10000000000000000,
    -0x8000000000000000, -0x8000000000000001, 0o17777777777, 0o20000000000, 0b1 << 100, 0B1111_0000,
    0O777, 0XDEAD_BEEF, 12345678901234567890123456789012345678901234567890, -(10**40), 1__0,
]
for v in ints:
    print(v, type(v).__name__)
print(0x3FFFFFFF + 1, -0x40000000 - 1, 0x7FFFFFFF * 0x7FFFFFFF)

floats = [
    0.0, -0.0, 1e308, 1.7976931348623157e308, 1e309, -1e400, 5e-324, 2.2250738585072014e-308, 1e-310,
    0.1, 0.2, 0.30000000000000004, 1 / 3, 123456789012345678.0, 1e16, 1e22, 1e23, 9007199254740993.0,
    .5, 5., 1_000.000_1, 1e-7, 1.5e-7, 6.02214076e23, 3.141592653589793, 2.718281828459045, 1e0, 0e0,
]
for v in floats:
    print(repr(v), v == v)
print(float("inf") == 1e999, -1e999 < 0)

complexes = [1j, 0j, -1j, 1e10j, 2.5j, 1 + 2j, 1e-300j, 3j * 3j]
for v in complexes:
    print(v.real, v.imag)

strings = [
    "\x00\x01\x7f", "\a\b\f\n\r\t\v", "\0", "\07", "\101\102", "\\", "\'\"", "\u00e9\u20ac", "\U0001F600",
    "a\
b", r"\n\x00", "caf\xe9", "tab\tend", "", "x" * 0, 'single', """triple "quoted" text""",
    '''another 'triple' one''', "mixed" 'concat' """enation""", "€ unicode ✓",
]
for s in strings:
    print(len(s), [ord(c) for c in s][:6])

data = [b"\x00\xff", b"\n\\", br"\n", rb"\x41", b"a" b"b" b"c", b"\101", b"\u00e9", b""]
for b in data:
    print(len(b), list(b)[:8])

nested = ((1, 2.5, "s", b"b", None, True, False, ...), (), ((),), ((1,), (2, (3, (4,)))))
print(nested)
print(-(-(1)), +-+1, ~~5, not not 0, 2 ** -1, (-2) ** 2, -2 ** 2, 2 ** 3 ** 2)
