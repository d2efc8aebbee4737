# list methods, slicing and operators.
a = [3, 1, 2]
a.append(4)
a.extend([5, 6])
a.insert(0, 0)
a.insert(-1, 9)
a.insert(100, 7)
print(a, len(a), a.index(2), a.count(1))
print(a.pop(), a.pop(0), a.pop(-2), a)
a.remove(4)
print(a)
a.sort()
print(a)
a.sort(reverse=True)
print(a)
a.sort(key=lambda x: (x % 2, x))
print(a)
a.reverse()
print(a, a.copy(), a[:])
a.clear()
print(a, [] == a)
b = list(range(10))
print(b[2:5], b[::3], b[::-1], b[-3:], b[:-7], b[5:2], b[1:8:2])
b[2:5] = ["x"]
print(b)
del b[1:3]
print(b)
print([1, 2] + [3], [0] * 3, [1, 2] * 0, [1, [2, 3]], 2 in [1, 2], [1, 2] < [1, 3], [1] == [1.0])
c = [1, 2]
c += [3]
c *= 2
print(c, max(c), min(c), sorted(c), list(reversed(c)))
nested = [[1, 2], [3, 4]]
print([x for row in nested for x in row], [[r[i] for r in nested] for i in range(2)])
print([i * i for i in range(6) if i % 2], list(range(3)) == [0, 1, 2])
try:
    [].pop()
except IndexError:
    print("IndexError pop")
try:
    [1].index(5)
except ValueError:
    print("ValueError index")
d = [5, 3, 8]
d[-1] = 1
print(d, d.__len__() if hasattr(d, "__len__") else 3)
