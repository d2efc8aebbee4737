# oracle: generate
# Prints a program using names of exactly 255 bytes (the qstr limit) as variable, function, parameter, keyword
# argument, attribute and class names, and a string literal equal to an earlier long name (interned as a qstr).
v = "v" * 254 + "1"
f = "f" * 255
p = "p" * 255
c = "C" * 255
a = "a" * 255
print(f"{v} = 41")
print(f"def {f}({p}=1):\n    return {p} + 1")
print(f"class {c}:\n    {a} = 'attr'")
print(f"print({f}({p}={v}), {f}(), {c}.{a}, len({c}.__name__))")
print(f"print('{v}' == '{v}', len('{v}'))")
print(f"obj = {c}()\nobj.{a} = 7\nprint(getattr(obj, '{a}'))")
