# oracle: generate
# Prints a program with jumps at the 2-byte limits (if-body of 16383 bytes, a loop body near -16384, a try-body
# near 32767), a straight-line function of about 80 KB of bytecode, and line numbers beyond 65535.
# Statement sizes: `a = a + 1000` is 6 bytes (LOAD_FAST, LOAD_CONST_SMALL_INT + 2-byte operand, BINARY_OP,
# STORE_FAST); `a = a + 50` 5 bytes (a 1-byte operand); `a = a + 1` 4 bytes (-16..47 is a one-byte opcode).


def body(indent, size):
    """Statements adding up to exactly `size` bytes of bytecode (size >= 8)."""
    lines = []
    while size % 6 != 0:
        step = 4 if size % 6 in (4, 2) or size < 10 else 5
        lines.append(f"{indent}a = a + {1 if step == 4 else 50}")
        size -= step
    lines += [f"{indent}a = a + 1000"] * (size // 6)
    return "\n".join(lines)


print("def if_at_limit(flag):\n    a = 0\n    if flag:")
print(body("        ", 16383))
print("    return a\n")
print("def loop_near_limit(n):\n    a = 0\n    i = 0\n    while i < n:\n        i += 1")
print(body("        ", 16360))
print("    return a\n")
print("def try_near_limit():\n    a = 0\n    try:")
print(body("        ", 32700))
print("        raise ValueError(a)\n    except ValueError as e:\n        return e.args[0] + 1\n")
print("def straight_line():\n    a = 0")
print(body("    ", 80004))
print("    return a\n")
print("def elif_chain(v):")
for k in range(300):
    print(f"    {'if' if k == 0 else 'elif'} v == {k}:\n        return {k * 7}")
print("    return -1\n")
print("print(if_at_limit(True), if_at_limit(False), loop_near_limit(3), try_near_limit())")
print("print(straight_line(), [elif_chain(v) for v in (0, 1, 150, 299, 300)])")
print("\n" * 70000, end="")
print("def late_lines():\n    x = 1\n\n\n    return x + 1\n")
print("print(late_lines())")
