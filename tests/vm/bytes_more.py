# bytes and bytearray methods shared with str (is*, case, strip, center, partition, split with maxsplit, find,
# index, replace, splitlines), join/fromhex/hex/decode and bytearray mutation
for b in (b"  Hello World  ", bytearray(b"a,b,,c"), b"abc123", b"ABC", b"   ", b"", b"line1\nline2\r\nline3"):
    print(b.isalpha(), b.isdigit(), b.islower(), b.isupper(), b.isspace())
    print(b.lower(), b.upper(), b.strip(), b.lstrip(), b.rstrip(), b.center(20))
    print(b.partition(b","), b.rpartition(b","), b.split(), b.rsplit(b",", 1), b.splitlines(), b.splitlines(True))
    print(b.count(b"l"), b.find(b"l"), b.rfind(b"l"), b.startswith(b" "), b.endswith(b"c"), b.replace(b"l", b"L", 1))
    try:
        print(b.index(b"o"), b.rindex(b"o"))
    except ValueError:
        print("ValueError")
print(b"x".join([b"a", bytearray(b"b")]), bytearray(b"-").join((b"1", b"2")), b"abc".strip(b"ac"))
print(bytes.fromhex("0a 0b"), bytearray.fromhex("ff"), b"\x00\xff".hex(), b"ab".decode(), bytearray(b"cd").decode("utf-8"))
print(b"a b".split(None), b"a  b".split(b" "), b"abc".split(b"b", 0), b"a1b1c".split(b"1", 1))
ba = bytearray(b"xyz")
ba.append(65)
ba.extend(b"!!")
ba.extend([1, 2])
print(ba, len(ba), ba[0], ba[-1], ba[1:3])
ba[0] = 66
ba[1:3] = b"QQQ"
print(ba)
ba.append(256)  # MicroPython stores the low 8 bits
ba.append(-1)
print(ba)
try:
    b"abc".index(b"z")
except ValueError:
    print("ValueError index")
print(b"a b  c".split(None, 1), b" a b ".split(None, 0), b"  ".split(None, 0), b"a,b,c".split(b",", 1))
print(b"a,b".split(b",", 0), b"a,b".split(b",", -1), bytearray(b"x y").split(), b"a--b".split(b"--"))
print(" a b ".split(None, 0), "a b  c ".split(None, 1), "  ".split(None, 0), "a,b,c".split(",", 1))
try:
    b"a".split(b"")
except ValueError:
    print("ValueError empty separator")
