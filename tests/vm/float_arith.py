# Float arithmetic mixed with ints: results, comparisons, division by zero and float subclasses.
a = 1.5
b = 2
print(a + b, b + a, a - b, b - a, a * b, b * a, a / b, b / a)
print(a < b, a > b, a <= 1.5, a >= 1.5, b < a, 2.0 == b, a != 1.5)
x = 0.0
for i in range(1000):
    x += i * 0.5
    x -= 0.25
print(x)
y = 10
y /= 4
print(y, type(y).__name__)
y *= 2
print(y)
try:
    print(1.0 / 0)
except ZeroDivisionError:
    print("ZeroDivisionError float / int")
try:
    print(1 / 0.0)
except ZeroDivisionError:
    print("ZeroDivisionError int / float")
print(True + 0.5, 0.5 * False)
print(2 ** 0.5, 7.5 // 2, 7.5 % 2, -7.5 // 2)
big = 2 ** 70
print(big * 0.5, 0.5 + big)


class Meters(float):
    def __add__(self, other):
        return "meters+" + str(other)


m = Meters(1.25)
print(m + 1, m * 2, m < 2.0)
vals = [i * 0.1 for i in range(50)]
print("%.6f" % sum(vals), max(vals) > 4.8, min(vals))
