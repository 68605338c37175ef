"""Number allocation: every sequence number is handed out once per prefix, so identifiers never repeat."""

import bisect
import string

# First national sequence numbers handed out in a year (GB/T 19001 ~2000, GB/T 41305 ~2022, GB/T 45xxx ~2025).
NATIONAL_ANCHORS = ((1980, 1), (1985, 5000), (1990, 12000), (1995, 15000), (2000, 18000), (2005, 20000),
                    (2008, 22000), (2010, 25000), (2013, 30000), (2015, 32000), (2017, 34000), (2019, 37000),
                    (2020, 39000), (2021, 40000), (2022, 41000), (2023, 42500), (2024, 44000), (2025, 45500),
                    (2026, 46500), (2027, 47000))
# Engineering-construction national standards (GB 50xxx) and the full-text mandatory codes (GB 55xxx, 2021-).
ENGINEERING_ANCHORS = ((1980, 50001), (1987, 50001), (2000, 50300), (2010, 50700), (2015, 51000), (2020, 51300),
                       (2027, 51500))
_YEARS = [y for y, _ in NATIONAL_ANCHORS]


def _interpolate(anchors, year):
    years = [y for y, _ in anchors]
    i = bisect.bisect_right(years, year) - 1
    i = max(0, min(i, len(anchors) - 2))
    (y0, n0), (y1, n1) = anchors[i], anchors[i + 1]
    return n0 + (n1 - n0) * (year - y0) // (y1 - y0)


class Pool:
    """Unique integers drawn near a target, with a linear probe when the neighbourhood is full."""

    def __init__(self, reserved=()):
        self.used = set(reserved)

    def take(self, rng, lo, hi):
        hi = max(hi, lo + 1)
        used = self.used
        for _ in range(6):
            n = rng.randrange(lo, hi)
            if n not in used:
                used.add(n)
                return n
        n = rng.randrange(lo, hi)
        while n in used:
            n += 1
        used.add(n)
        return n


class NationalNumbers(Pool):
    def take_for_year(self, rng, year, engineering=False, full_text_code=False):
        if full_text_code:
            return self.take(rng, 55001, 55040)
        anchors = ENGINEERING_ANCHORS if engineering else NATIONAL_ANCHORS
        return self.take(rng, _interpolate(anchors, year), _interpolate(anchors, year + 1))


class SpanNumbers:
    """Per-prefix numbers growing with the year inside a span (JB/T 1-14000, DB11/T 1-2500, ...)."""

    def __init__(self):
        self.pools = {}

    def take(self, rng, prefix, span, year):
        pool = self.pools.get(prefix)
        if pool is None:
            pool = self.pools[prefix] = Pool()
        frac = max(0.0, min(1.0, (year - 1980) / 47))
        centre = 1 + int(frac * span)
        width = max(20, span // 6)
        return pool.take(rng, max(1, centre - width), centre + width)


def fmt_number(n, width=0):
    return str(n).zfill(width) if width else str(n)


LETTERS = string.ascii_uppercase


def _encode(value, length):
    chars = []
    for _ in range(length):
        value, r = divmod(value, 26)
        chars.append(LETTERS[r])
    return "".join(reversed(chars))


def _permute(k, length):
    """A bijection of range(26**length): affine map with a multiplier coprime to 26."""
    size = 26**length
    return (k * 7_919 + 4_409) % size


def suffix_for(k):
    """Distinct letter suffixes for k = 0, 1, 2, ...: 26 of length 1, then 676 of length 2, ..."""
    length = 1
    while k >= 26**length:
        k -= 26**length
        length += 1
    return _encode(_permute(k, length), length)


class EnterpriseCodes:
    """Q/ codes from the company name (brand initials + industry initials), made unique with a letter suffix.

    Natural codes are always 4 letters; a taken natural code gets a 1-3 letter suffix counted per natural code,
    so two enterprises never share a code and no set of all codes is kept.
    """

    def __init__(self):
        self.counts = {}

    def code(self, natural):
        k = self.counts.get(natural, 0)
        self.counts[natural] = k + 1
        return natural if k == 0 else natural + suffix_for(k - 1)


class NameSpace:
    """Unique combinations (a, b, c, d) from a mixed radix, visited in a scrambled but bijective order."""

    def __init__(self, sizes, rng):
        self.sizes = sizes
        self.total = 1
        for s in sizes:
            self.total *= s
        mult = rng.randrange(self.total // 3, self.total) | 1
        while _gcd(mult, self.total) != 1:
            mult += 2
        self.mult = mult
        self.offset = rng.randrange(self.total)
        self.next = 0

    def draw(self):
        if self.next >= self.total:
            raise OverflowError("name space exhausted")
        value = (self.next * self.mult + self.offset) % self.total
        self.next += 1
        digits = []
        for s in self.sizes:
            value, r = divmod(value, s)
            digits.append(r)
        return digits


def _gcd(a, b):
    while b:
        a, b = b, a % b
    return a
