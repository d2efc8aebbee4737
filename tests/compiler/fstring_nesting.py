# f-strings: nested format specs, conversions, self-documenting =, quotes, escapes and concatenation.
x, w, p, name = 3.14159, 10, 3, "cpy"
items = [1, 2, 3]
print(f"{x}")
print(f"{x:{w}.{p}f}|")
print(f"{x:>{w}}|{x:<{w}.{p}}|{x:^{w}}|")
print(f"{name!r} {name!s} {name!r:>8}|")
print(f"{x=}", f"{name=}", f"{1 + 2=}", f"{x=:.2f}")
print(f"{{literal}} {{{x}}} {{}}")
print(f"{'inner'}", f'{"double"}', f"""{'tri' + "ple"}""")
print(f"{items[0]}{items[-1]}{len(items)}")
print(f"{'yes' if x > 3 else 'no'}")
print(f"{[i * i for i in items]}", f"{ {'k': 1}['k'] }")
print(f"{x!r:^{w + 2}}|")
print(f"a" "b" f"{1}" "c" f"{2}{3}")
print(f"\t{x:.2f}\n{name}\x41", end="|\n")
print(f"{3:08b} {255:#x} {255:X} {1234567:,} {0.25:%} {12:+d} {-12: d}")
print(rf"\n{name}")
try:
    print(f"{f'{name}'!r}")
except TypeError as e:  # MicroPython's f-string rewrite mis-handles a nested f-string with a conversion
    print("TypeError")
width = 6
print("".join(f"{c:>{width}}" for c in "ab"))
print(f"{'a'}{'b'}")
