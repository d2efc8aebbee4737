# Allocation-heavy code across many collections: objects reachable from frames, lists, dicts, closures
# and generators survive; garbage is reclaimed.
import gc


class Node:
    def __init__(self, value, nxt):
        self.value = value
        self.next = nxt


def chain(n):
    head = None
    for i in range(n):
        head = Node(i, head)
        junk = [i, str(i), (i, i + 1), {"k": i}]
    return head


def total(node):
    s = 0
    while node:
        s += node.value
        node = node.next
    return s


def make_counter():
    state = {"n": 0}

    def inc():
        state["n"] += 1
        return [state["n"]] * 2

    return inc


def squares(n):
    for i in range(n):
        yield (i, i * i, str(i * i))


keep = []
inc = make_counter()
for round_ in range(6):
    head = chain(3000)
    keep.append(head)
    d = {}
    for i in range(2000):
        d["key%d" % i] = (i, [i] * 3)
    t = sum(v[1] for v in squares(500))
    gc.collect()
    inc()
    print(round_, total(head), len(d), d["key1999"][1][2], t)
print([total(h) for h in keep] == [total(keep[0])] * 6, inc())
words = []
for i in range(5000):
    words.append("w%d_%s" % (i % 97, "abc"[i % 3]))
counts = {}
for w in words:
    counts[w] = counts.get(w, 0) + 1
print(len(counts), sorted(counts)[:3], sum(counts.values()))
