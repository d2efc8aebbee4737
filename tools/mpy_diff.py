#!/usr/bin/env python3
"""Compare two .mpy v6 files section by section (qstrs, constants, each raw code). Stdlib only.

usage: tools/mpy_diff.py EXPECTED.mpy GOT.mpy
"""
import sys


class Reader:
    def __init__(self, data):
        self.d, self.p = data, 0

    def byte(self):
        b = self.d[self.p]
        self.p += 1
        return b

    def vuint(self):
        v = 0
        while True:
            b = self.byte()
            v = (v << 7) | (b & 0x7F)
            if not b & 0x80:
                return v

    def take(self, n):
        s = self.d[self.p:self.p + n]
        self.p += n
        return s


def read_const(r):
    t = r.byte()
    if t in (1, 2, 3, 4):
        return ['None', 'False', 'True', '...'][t - 1]
    if t in (5, 6):
        n = r.vuint()
        s = r.take(n)
        r.byte()
        return ('str' if t == 5 else 'bytes', s)
    if t in (7, 8, 9):
        n = r.vuint()
        return ({7: 'int', 8: 'float', 9: 'complex'}[t], r.take(n).decode())
    if t == 10:
        return ('tuple', [read_const(r) for _ in range(r.vuint())])
    raise ValueError('bad const type %d' % t)


def read_raw(r, path, out):
    v = r.vuint()
    size, has_children = v >> 3, (v >> 2) & 1
    out.append((path, r.take(size).hex(' ')))
    if has_children:
        for i in range(r.vuint()):
            read_raw(r, path + '.' + str(i), out)


def parse(data):
    r = Reader(data)
    header = data[:4].hex(' ')
    r.p = 4
    nq, no = r.vuint(), r.vuint()
    qstrs = []
    for _ in range(nq):
        v = r.vuint()
        qstrs.append('static#%d' % (v >> 1) if v & 1 else r.take(v >> 1).decode('utf-8', 'replace'))
        if not v & 1:
            r.byte()
    consts = [read_const(r) for _ in range(no)]
    raws = []
    read_raw(r, 'module', raws)
    return header, qstrs, consts, raws


def main():
    a, b = (parse(open(p, 'rb').read()) for p in sys.argv[1:3])
    same = True
    for label, x, y in (('header', a[0], b[0]), ('qstrs', a[1], b[1]), ('consts', a[2], b[2])):
        if x != y:
            same = False
            print('%s differ:\n  expected %s\n  got      %s' % (label, x, y))
    for i in range(max(len(a[3]), len(b[3]))):
        x = a[3][i] if i < len(a[3]) else None
        y = b[3][i] if i < len(b[3]) else None
        if x != y:
            same = False
            print('raw code %s differs:\n  expected %s\n  got      %s' % ((x or y)[0], x and x[1], y and y[1]))
    print('identical' if same else '')
    return 0 if same else 1


if __name__ == '__main__':
    sys.exit(main())
