"""Leave-one-set-out test of a learned "specific" decision over the description engine's own facts.

Input: specific-features.jsonl, written by SpecificFeatureExportTests beside the test assembly (every labelled case
that is not held out; the held-out files are excluded by name there and never read). See bench/README.md, "A learned
decision for specific (round h17ml)".

    python3 bench/SpecificLoso/specific_loso.py FEATURES.jsonl loso      # table per left-out set, two feature sets
    python3 bench/SpecificLoso/specific_loso.py FEATURES.jsonl temporal  # train on earlier sets only
    python3 bench/SpecificLoso/specific_loso.py FEATURES.jsonl integrated  # LOSO of the shipped rule+model decision
    python3 bench/SpecificLoso/specific_loso.py FEATURES.jsonl fit OUT.json [DATE]  # the shipped model (facts only)
    python3 bench/SpecificLoso/specific_loso.py FEATURES.jsonl text          # round h17txt: + the text, LOSO
    python3 bench/SpecificLoso/specific_loso.py FEATURES.jsonl texttemporal  # round h17txt: + the text, earlier sets only

`fit` trains on every tuning set with the facts-only features, lambda by inner leave-one-set-out, and writes the model
the product embeds (src/SupportBot/Describing/specific-model.json). It is deterministic: the same export gives the same
weights; DATE (default: today, UTC) is only recorded.

The model is L2-regularised logistic regression fitted by Newton's method (deterministic: no seed, no sampling).
lambda is chosen by an inner leave-one-set-out over the training sets only, so the left-out set picks nothing.
Plain Python: the machine has no numpy or scikit-learn.
"""
import datetime
import json
import math
import multiprocessing
import sys

import specific_text

SETS = ['public', 'own', 'tuning2', 'tuning3', 'tuning4', 'tuning5', 'tuning6', 'tuning7', 'tuning8', 'tuning9', 'tuning10', 'tuning11', 'tuning12']
LAMBDAS = [0.3, 1, 3, 10]
ENGINE_DECISION = ['engineSpecific', 'missingSystem', 'missingAction', 'missingSymptom']
# Guards the decision applies around the model (DescriptionAnalyzer.Decide); never features of the model itself.
GUARDS = ['displayPeriod', 'nothingWrong']


def load(path):
    rows = [json.loads(line) for line in open(path, encoding='utf-8')]
    # The export never writes a held-out set; refuse to go on if one ever appears.
    assert not any(row['set'].startswith('holdout') for row in rows), 'a held-out set is in the export'
    return rows


def vector(row, names):
    return [1.0] + [row['features'][name] for name in names]


def solve(matrix, rhs):
    size = len(rhs)
    m = [matrix[i][:] + [rhs[i]] for i in range(size)]
    for col in range(size):
        pivot = max(range(col, size), key=lambda r: abs(m[r][col]))
        m[col], m[pivot] = m[pivot], m[col]
        for r in range(col + 1, size):
            factor = m[r][col] / m[col][col]
            if factor:
                for k in range(col, size + 1):
                    m[r][k] -= factor * m[col][k]
    x = [0.0] * size
    for r in range(size - 1, -1, -1):
        x[r] = (m[r][size] - sum(m[r][k] * x[k] for k in range(r + 1, size))) / m[r][r]
    return x


def fit(xs, ys, lam, iterations=25):
    """Newton steps on the penalised log-loss (the bias is not penalised); the rows are sparse 0/1 mostly."""
    dim = len(xs[0])
    w = [0.0] * dim
    sparse = [[(j, v) for j, v in enumerate(x) if v] for x in xs]
    for _ in range(iterations):
        grad = [lam * w[j] if j else 0.0 for j in range(dim)]
        hess = [[0.0] * dim for _ in range(dim)]
        for j in range(dim):
            hess[j][j] = lam if j else 1e-6
        for s, y in zip(sparse, ys):
            z = max(-30.0, min(30.0, sum(w[j] * v for j, v in s)))
            p = 1 / (1 + math.exp(-z))
            for j, v in s:
                grad[j] += (p - y) * v
                for k, u in s:
                    hess[j][k] += p * (1 - p) * v * u
        step = solve(hess, grad)
        w = [a - b for a, b in zip(w, step)]
        if max(abs(s) for s in step) < 1e-7:
            break
    return w


def decide(w, x):
    return sum(a * b for a, b in zip(w, x)) > 0


def accuracy(w, xs, ys):
    return sum(decide(w, x) == (y == 1) for x, y in zip(xs, ys))


def split(rows, names):
    xs = {s: [vector(r, names) for r in rows if r['set'] == s] for s in SETS}
    ys = {s: [1.0 if r['specific'] else 0.0 for r in rows if r['set'] == s] for s in SETS}
    engine = {s: sum((r['features']['engineSpecific'] == 1) == r['specific'] for r in rows if r['set'] == s) for s in SETS}
    return xs, ys, engine


def pooled(xs, ys, sets):
    return [x for s in sets for x in xs[s]], [y for s in sets for y in ys[s]]


def choose_lambda(xs, ys, train):
    def inner(lam):
        right = total = 0
        for valid in train:
            w = fit(*pooled(xs, ys, [s for s in train if s != valid]), lam, iterations=15)
            right += accuracy(w, xs[valid], ys[valid])
            total += len(xs[valid])
        return right / total
    return max(LAMBDAS, key=inner)


def loso(rows, names, title):
    xs, ys, engine = split(rows, names)
    print(f'\n{title}\n| left-out set | cases | engine | learned | points | lambda |\n| --- | ---: | ---: | ---: | ---: | ---: |')
    sums = [0, 0, 0]
    for left_out in SETS:
        train = [s for s in SETS if s != left_out]
        lam = choose_lambda(xs, ys, train)
        learned = accuracy(fit(*pooled(xs, ys, train), lam), xs[left_out], ys[left_out])
        n, e = len(xs[left_out]), engine[left_out]
        sums = [sums[0] + n, sums[1] + e, sums[2] + learned]
        print(f'| {left_out} | {n} | {e}/{n} {100 * e / n:.1f}% | {learned}/{n} {100 * learned / n:.1f}% | {100 * (learned - e) / n:+.1f} | {lam} |')
    n, e, l = sums
    print(f'| pooled | {n} | {e}/{n} {100 * e / n:.1f}% | {l}/{n} {100 * l / n:.1f}% | {100 * (l - e) / n:+.1f} | |')


def temporal(rows, names, title, lam=1.0):
    """Train only on the sets written before the left-out one: what a model shipped then would have scored."""
    xs, ys, engine = split(rows, names)
    for left_out in ('tuning9', 'tuning10'):
        before = SETS[:SETS.index(left_out)]
        learned = accuracy(fit(*pooled(xs, ys, before), lam), xs[left_out], ys[left_out])
        n, e = len(xs[left_out]), engine[left_out]
        print(f'{title}: {left_out} trained on {before[0]}..{before[-1]}: engine {e}/{n}, learned {learned}/{n} ({100 * (learned - e) / n:+.1f} points)')


def promotable(features):
    """Whether the model is asked at all (DescriptionAnalyzer.Decide): the rule says vague, the system is named, no error
    awaits what the reporter was doing, and neither guard holds."""
    return (features['engineSpecific'] == 0 and features['missingSystem'] == 0
            and not (features['hasError'] == 1 and features['missingAction'] == 1)
            and features.get('displayPeriod', 0) == 0 and features.get('nothingWrong', 0) == 0)


def integrate(features, model):
    """The analyzer's decision: the rule's, promoted by the model where it is asked."""
    return features['engineSpecific'] == 1 or (model and promotable(features))


def integrated(rows, names):
    """LOSO of the shipped decision: the left-out set's model is fitted (lambda by inner LOSO) without it."""
    xs, ys, engine = split(rows, names)
    print('\n| left-out set | cases | rule | model alone | rule + model | points | lambda |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: |')
    sums = [0, 0, 0, 0]
    for left_out in SETS:
        train = [s for s in SETS if s != left_out]
        lam = choose_lambda(xs, ys, train)
        w = fit(*pooled(xs, ys, train), lam)
        held = [r for r in rows if r['set'] == left_out]
        model = [decide(w, x) for x in xs[left_out]]
        both = sum(integrate(r['features'], m) == r['specific'] for r, m in zip(held, model))
        alone = sum(m == r['specific'] for r, m in zip(held, model))
        n, e = len(held), engine[left_out]
        sums = [sums[0] + n, sums[1] + e, sums[2] + alone, sums[3] + both]
        print(f'| {left_out} | {n} | {100 * e / n:.1f}% | {100 * alone / n:.1f}% | {100 * both / n:.1f}% | {100 * (both - e) / n:+.1f} | {lam} |')
    n, e, a, b = sums
    print(f'| pooled | {n} | {100 * e / n:.1f}% | {100 * a / n:.1f}% | {100 * b / n:.1f}% | {100 * (b - e) / n:+.1f} | |')


def fit_model(rows, names, out, date):
    xs, ys, _ = split(rows, names)
    lam = choose_lambda(xs, ys, SETS)
    w = fit(*pooled(xs, ys, SETS), lam)
    model = {'features': names, 'weights': w[1:], 'bias': w[0], 'lambda': lam, 'trainedOn': SETS, 'date': date}
    with open(out, 'w', encoding='utf-8', newline='\n') as file:
        json.dump(model, file, indent=1)
        file.write('\n')
    right = accuracy(w, *pooled(xs, ys, SETS))
    print(f'lambda {lam}; {right}/{len(rows)} of the training cases right; written to {out}')


# Round h17txt: each variant is (name, grid of (lambda, text scale), whether it trains only on the rows it is asked about).
# Text scale 0 is the facts alone; the facts are the shipped model's (facts_only in main()).
TEXT_VARIANTS = [
    ('facts + text, all rows', [(lam, scale) for scale in (1.0, 2.0) for lam in (0.1, 0.3, 1.0)], False),
    ('facts, asked rows', [(lam, 0.0) for lam in (0.1, 0.3, 1.0, 3.0)], True),
    ('facts + text, asked rows', [(lam, scale) for scale in (1.0, 2.0) for lam in (0.1, 0.3, 1.0)], True),
]
_TEXT = {}


def _text_rows(scale):
    """Sparse rows: bias at 0, the facts at 1.., the text's buckets after them (specific_text)."""
    rows, names, buckets = _TEXT['rows'], _TEXT['names'], _TEXT['buckets']
    if scale not in _TEXT:
        offset = 1 + len(names)
        _TEXT[scale] = [[(0, 1.0)] + [(i + 1, r['features'][n]) for i, n in enumerate(names) if r['features'][n]]
                        + ([(offset + b, scale / math.sqrt(len(found))) for b in found] if scale and found else [])
                        for r, found in zip(rows, buckets)]
    return _TEXT[scale]


def _text_fit(train, point, asked_only):
    rows = _TEXT['rows']
    xs = _text_rows(point[1])
    idx = [i for i, r in enumerate(rows) if r['set'] in train and (not asked_only or promotable(r['features']))]
    return specific_text.fit_dual([xs[i] for i in idx], [1.0 if rows[i]['specific'] else 0.0 for i in idx], point[0])


def _text_right(w, point, left_out):
    xs = _text_rows(point[1])
    return sum(integrate(r['features'], specific_text.score(w, x) > 0) == r['specific']
               for r, x in zip(_TEXT['rows'], xs) if r['set'] == left_out)


def _text_job(job):
    """One left-out set: the shipped decision (Newton, facts, lambda by inner LOSO on model-alone accuracy, as `fit`)
    and each variant (grid point by inner LOSO on the decision's accuracy: a model trained on the asked rows only has
    no accuracy of its own elsewhere). Returns (left-out, cases, rule right, shipped right, [(variant right, point)])."""
    left_out, train = job
    rows = _TEXT['rows']
    held = [r for r in rows if r['set'] == left_out]
    xs, ys, _ = split(rows, _TEXT['names'])
    lam = choose_lambda(xs, ys, train)
    w = fit(*pooled(xs, ys, train), lam)
    shipped = sum(integrate(r['features'], decide(w, x)) == r['specific'] for r, x in zip(held, xs[left_out]))
    results = []
    for _, grid, asked_only in TEXT_VARIANTS:
        def inner(point):
            return sum(_text_right(_text_fit([s for s in train if s != v], point, asked_only), point, v) for v in train)
        best = max(grid, key=inner) if len(train) > 1 else grid[0]
        results.append((_text_right(_text_fit(train, best, asked_only), best, left_out), best))
    results.append(_nb_variant(left_out, train, rows, xs, ys))
    rule = sum((r['features']['engineSpecific'] == 1) == r['specific'] for r in held)
    return left_out, len(held), rule, shipped, results


def _nb_variant(left_out, train, rows, xs, ys):
    """The facts plus one Naive Bayes text score (specific_text.nb_ratios), fitted like the shipped model. A training
    row's score comes from ratios counted without its own set, so the weight of the score is learned on words the
    ratios have not seen, as the left-out set's will be."""
    buckets = {s: [b for r, b in zip(rows, _TEXT['buckets']) if r['set'] == s] for s in SETS}

    def ratios(sets):
        return specific_text.nb_ratios([b for s in sets for b in buckets[s]], [y for s in sets for y in ys[s]])
    own = {s: ratios([t for t in train if t != s]) for s in train}
    own[left_out] = ratios(train)
    with_nb = {s: [x + [specific_text.nb_score(own[s], b)] for x, b in zip(xs[s], buckets[s])] for s in train + [left_out]}
    lam = choose_lambda(with_nb, ys, train)
    w = fit(*pooled(with_nb, ys, train), lam)
    held = [r for r in rows if r['set'] == left_out]
    return sum(integrate(r['features'], decide(w, x)) == r['specific'] for r, x in zip(held, with_nb[left_out])), (lam, 'nb')


def text_table(rows, names, temporal_view):
    """LOSO (or: trained on the sets written before) of the shipped decision against the text variants."""
    _TEXT.update(rows=rows, names=names, buckets=[specific_text.buckets(r['text']) for r in rows])
    jobs = ([(SETS[k], SETS[:k]) for k in range(SETS.index('tuning6'), len(SETS))] if temporal_view
            else [(s, [t for t in SETS if t != s]) for s in SETS])
    with multiprocessing.Pool(2) as pool:
        done = pool.map(_text_job, jobs, chunksize=1)
    heads = ' | '.join([name for name, _, _ in TEXT_VARIANTS] + ['facts + NB text score, all rows'])
    print(f'| left-out set | cases | rule | shipped (facts) | {heads} |\n|' + ' --- |' + ' ---: |' * (4 + len(TEXT_VARIANTS)))
    sums = [0, 0, 0] + [0] * (1 + len(TEXT_VARIANTS))
    for left_out, n, rule, shipped, results in done:
        cells = ' | '.join(f'{100 * right / n:.1f}% ({right - shipped:+d}; {point[0]}, {point[1]})' for right, point in results)
        print(f'| {left_out} | {n} | {100 * rule / n:.1f}% | {100 * shipped / n:.1f}% | {cells} |')
        sums = [a + b for a, b in zip(sums, [n, rule, shipped] + [right for right, _ in results])]
    n, rule, shipped = sums[:3]
    cells = ' | '.join(f'{100 * right / n:.1f}% ({right - shipped:+d})' for right in sums[3:])
    print(f'| pooled | {n} | {100 * rule / n:.1f}% | {100 * shipped / n:.1f}% | {cells} |')


def main():
    rows = load(sys.argv[1])
    names = sorted(n for n in rows[0]['features'] if n not in GUARDS)
    facts_only = [n for n in names if n not in ENGINE_DECISION]
    if sys.argv[2] == 'fit':
        date = sys.argv[4] if len(sys.argv) > 4 else datetime.datetime.now(datetime.timezone.utc).date().isoformat()
        fit_model(rows, facts_only, sys.argv[3], date)
        return
    if sys.argv[2] in ('text', 'texttemporal'):
        text_table(rows, facts_only, sys.argv[2] == 'texttemporal')
        return
    if sys.argv[2] == 'integrated':
        integrated(rows, facts_only)
        return
    run = loso if sys.argv[2] == 'loso' else temporal
    run(rows, names, 'Facts, the engine decision and text features')
    run(rows, facts_only, 'Facts and text features, without the engine decision')


if __name__ == '__main__':
    main()
