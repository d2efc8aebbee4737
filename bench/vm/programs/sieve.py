# List indexing, list multiplication and comprehensions: a prime sieve run several times.
def sieve(n):
    flags = [True] * (n + 1)
    flags[0] = flags[1] = False
    i = 2
    while i * i <= n:
        if flags[i]:
            for j in range(i * i, n + 1, i):
                flags[j] = False
        i += 1
    return [k for k in range(n + 1) if flags[k]]


total = 0
for rep in range(10):
    primes = sieve(200000)
    total += len(primes) + primes[-1]
pairs = 0
for k in range(1, len(primes)):
    if primes[k] - primes[k - 1] == 2:
        pairs += 1
print(total, pairs)
