"""seedrandom 2.4.4's ``Math.seedrandom``: the generator the TensorFlow Playground draws from.

The playground calls ``Math.seedrandom(state.seed)`` and then ``Math.random()`` for every data
point, the shuffle and every initial weight, so reproducing its runs needs this generator bit for
bit: ARC4 keyed by the seed string (David Bau's ``mixkey``), the first 256 bytes dropped, and each
double built from 7 or more bytes so that all 52 bits of the mantissa are random.

>>> rng = SeedRandom("hello.")
>>> rng.random(), rng.random()
(0.9282578795792454, 0.3752569768646784)
"""

from __future__ import annotations

__all__ = ["SeedRandom"]

_WIDTH = 256  # each ARC4 output is a byte
_MASK = _WIDTH - 1
_CHUNKS = 6  # six bytes start each double
_START_DENOM = float(_WIDTH**_CHUNKS)
_SIGNIFICANCE = float(2**52)
_OVERFLOW = _SIGNIFICANCE * 2


def _key(seed: str) -> list[int]:
    """seedrandom's ``mixkey``: the seed's UTF-16 code units smeared into at most 256 key bytes."""
    units = seed.encode("utf-16-le")
    codes = [units[k] | (units[k + 1] << 8) for k in range(0, len(units), 2)]
    key: list[int] = []
    smear = 0
    for j, code in enumerate(codes):
        slot = _MASK & j
        # In JavaScript an unset key[slot] is undefined, and undefined * 19 is NaN, which ^ turns into 0.
        previous = key[slot] if slot < len(key) else 0
        smear ^= previous * 19
        value = _MASK & (smear + code)
        if slot < len(key):
            key[slot] = value
        else:
            key.append(value)
    return key


class SeedRandom:
    """``Math.random`` after ``Math.seedrandom(seed)``; ``seed`` is the link's string, as is."""

    def __init__(self, seed: str) -> None:
        key = _key(seed) or [0]  # ARC4 with an empty key uses the key [0]
        s = list(range(_WIDTH))
        j = 0
        for i in range(_WIDTH):
            t = s[i]
            j = _MASK & (j + key[i % len(key)] + t)
            s[i] = s[j]
            s[j] = t
        self._s = s
        self._i = 0
        self._j = 0
        self.draws = 0  # how many doubles have been drawn: the tests follow the playground's order by it
        self._bytes(_WIDTH)  # RC4-drop[256]

    def _bytes(self, count: int) -> int:
        s, i, j = self._s, self._i, self._j
        r = 0
        for _ in range(count):
            i = _MASK & (i + 1)
            t = s[i]
            j = _MASK & (j + t)
            s[i] = s[j]
            s[j] = t
            r = r * _WIDTH + s[_MASK & (s[i] + t)]
        self._i, self._j = i, j
        return r

    def random(self) -> float:
        """The next double in [0, 1), exactly as seedrandom's ``prng()`` makes it."""
        self.draws += 1
        # Integers below 2**53 are exact in a double, so Python ints give the same numbers.
        n = self._bytes(_CHUNKS)
        d = _START_DENOM
        x = 0
        while n < _SIGNIFICANCE:
            n = (n + x) * _WIDTH
            d *= _WIDTH
            x = self._bytes(1)
        while n >= _OVERFLOW:
            n /= 2
            d /= 2
            x >>= 1
        return (n + x) / d
