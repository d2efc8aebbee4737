# Call overhead: closures, keyword and default arguments, *args, try/except and string formatting.
def make_adder(k):
    def add(x, scale=1):
        return x * scale + k
    return add


def varsum(*args):
    s = 0
    for a in args:
        s += a
    return s


def checked(i):
    try:
        if i % 97 == 0:
            raise ValueError(i)
        return i
    except ValueError as e:
        return -e.args[0]


add3 = make_adder(3)
acc = 0
for i in range(300000):
    acc += add3(i, scale=2) + varsum(i, 1, 2) + checked(i)
    acc %= 1000000007
parts = []
for i in range(20000):
    parts.append("{}:{:04d}".format(i % 10, i))
print(acc, len(",".join(parts)), parts[-1])
