"""Hashed text features and a sparse L2 logistic regression for specific_loso.py (round h17txt).

The text block reads the report's own words, which the hand-made facts only see through the lexicon:
- the text is normalised: ASCII letters lower-cased, a hexadecimal number (0x8007000e) becomes '#x', every other run
  of ASCII digits '#', so error codes of one shape (ORA-28000, ORA-12541) share their features;
- Latin words ([a-z#_]+): the word, the pair of consecutive words, and the character 3-grams of the word padded
  with a space each side; Chinese runs (CJK ideographs): character 1-, 2- and 3-grams;
- each feature string is hashed (FNV-1a, 32 bits, over its UTF-8 bytes) into BUCKETS buckets; a bucket is set (1) or
  not, and the set buckets are scaled to one length so a long text does not outweigh the facts.
Tried in round h17txt and not shipped (bench/README.md, "A decision that reads the text"), so there is no C# twin; a
port would have to hash exactly this (FNV-1a is chosen because it is a few lines in both languages).

The learner is the dual coordinate descent of L2 logistic regression (Yu, Huang and Lin, 2011): one pass over the
rows per epoch, no matrix, so thousands of sparse columns fit in plain Python in seconds. Rows are visited in a fixed
pseudo-random order (seeded), so a fit is deterministic.
"""
import math
import random
import re

BUCKETS = 4096
_HEX = re.compile(r'0x[0-9a-f]+')
_DIGITS = re.compile(r'[0-9]+')
_TOKENS = re.compile(r'[a-z#_]+|[\u3400-\u4dbf\u4e00-\u9fff]+')


def normalise(text):
    lowered = ''.join(chr(ord(c) + 32) if 'A' <= c <= 'Z' else c for c in text)
    return _DIGITS.sub('#', _HEX.sub('#x', lowered))


def grams(text):
    """The feature strings of a text, in order, repeats kept (the hashing makes them a set). Two Latin words make a
    pair when only spaces separate them: "can't" or "SAP/OA" are not a phrase of two words."""
    out = []
    norm = normalise(text)
    previous, previous_end = None, -1
    for match in _TOKENS.finditer(norm):
        token = match.group()
        if token[0] < '\u3400':
            out.append('w:' + token)
            if previous is not None and norm[previous_end:match.start()].strip(' ') == '':
                out.append('b:' + previous + ' ' + token)
            padded = ' ' + token + ' '
            out.extend('c:' + padded[i:i + 3] for i in range(len(padded) - 2))
            previous, previous_end = token, match.end()
        else:
            previous = None
            for n in (1, 2, 3):
                out.extend('z:' + token[i:i + n] for i in range(len(token) - n + 1))
    return out


def fnv1a(value):
    h = 0x811C9DC5
    for byte in value.encode('utf-8'):
        h = ((h ^ byte) * 0x01000193) & 0xFFFFFFFF
    return h


def buckets(text):
    """The sorted set buckets of a text."""
    return sorted({fnv1a(g) % BUCKETS for g in grams(text)})


def text_vector(text, scale):
    """(index, value) pairs of the text block, each set bucket scale/sqrt(count)."""
    found = buckets(text)
    if not found:
        return []
    value = scale / math.sqrt(len(found))
    return [(b, value) for b in found]


def fit_dual(rows, ys, lam, epochs=40, tol=1e-4, seed=17):
    """L2 logistic regression, sum of log-losses + lam/2 |w|^2, by dual coordinate descent.

    rows: sparse rows [(index, value)], index 0 the bias (value 1, regularised like the rest: with lam <= 3 and
    a thousand rows it hardly moves); ys: 1.0 / 0.0. Returns w as a dict index -> weight."""
    c = 1.0 / lam
    signs = [1.0 if y == 1.0 else -1.0 for y in ys]
    alpha = [min(1e-3 * c, 1e-8)] * len(rows)
    w = {}
    for row, s, a in zip(rows, signs, alpha):
        for j, v in row:
            w[j] = w.get(j, 0.0) + s * a * v
    q = [sum(v * v for _, v in row) for row in rows]
    order = list(range(len(rows)))
    shuffle = random.Random(seed)
    for _ in range(epochs):
        shuffle.shuffle(order)
        biggest = 0.0
        for i in order:
            row, s, a = rows[i], signs[i], alpha[i]
            margin = s * sum(w.get(j, 0.0) * v for j, v in row)
            new = _solve(q[i], margin, a, c)
            delta = new - a
            if delta:
                alpha[i] = new
                for j, v in row:
                    w[j] = w.get(j, 0.0) + delta * s * v
                biggest = max(biggest, abs(delta) / c)
        if biggest < tol:
            break
    return w


def _solve(qii, margin, a, c):
    """The new alpha t in (0, c) for one row: the root of the dual's derivative log(t/(c-t)) + qii*(t-a) + margin.
    Written in u = logit(t/c) it is u + qii*c*sigmoid(u) - k, increasing in u with its root in [k - qii*c, k], so a
    Newton step kept inside that bracket (bisection otherwise) cannot diverge even where t is nearly 0 or c."""
    k = qii * a - margin
    lo, hi = k - qii * c, k
    u = min(hi, max(lo, math.log(a / (c - a)) if 0 < a < c else k))
    for _ in range(50):
        sig = 1 / (1 + math.exp(-max(-35.0, min(35.0, u))))
        f = u + qii * c * sig - k
        if abs(f) < 1e-10:
            break
        if f > 0:
            hi = u
        else:
            lo = u
        step = u - f / (1 + qii * c * sig * (1 - sig))
        u = step if lo < step < hi else (lo + hi) / 2
    sig = 1 / (1 + math.exp(-max(-35.0, min(35.0, u))))
    return min(c * (1 - 1e-12), max(c * 1e-15, c * sig))


def score(w, row):
    return sum(w.get(j, 0.0) * v for j, v in row)


def nb_ratios(bucket_rows, ys, alpha=1.0):
    """Naive Bayes log-count ratios of the buckets (Wang and Manning's NB features): log P(bucket | specific) minus
    log P(bucket | vague), counts of presence smoothed by alpha. One number per text (their sum) lets the facts' own
    logistic regression weigh the words with a single weight, a far smaller model than one weight per bucket."""
    pos, neg = [alpha] * BUCKETS, [alpha] * BUCKETS
    for found, y in zip(bucket_rows, ys):
        counts = pos if y == 1.0 else neg
        for b in found:
            counts[b] += 1
    total_pos, total_neg = sum(pos), sum(neg)
    return [math.log(p / total_pos) - math.log(n / total_neg) for p, n in zip(pos, neg)]


def nb_score(ratios, found):
    """The text's summed ratio, divided by the square root of its bucket count like the text block's scaling."""
    return sum(ratios[b] for b in found) / math.sqrt(len(found)) if found else 0.0
