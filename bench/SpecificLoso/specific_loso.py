"""Leave-one-set-out test of a learned "specific" decision over the description engine's own facts.

Input: specific-features.jsonl, written by SpecificFeatureExportTests beside the test assembly (every labelled case
that is not held out; the held-out files are excluded by name there and never read). See bench/README.md, "A learned
decision for specific (round h17ml)".

    python3 bench/SpecificLoso/specific_loso.py FEATURES.jsonl loso      # table per left-out set, two feature sets
    python3 bench/SpecificLoso/specific_loso.py FEATURES.jsonl temporal  # train on earlier sets only
    python3 bench/SpecificLoso/specific_loso.py FEATURES.jsonl integrated  # LOSO of the shipped rule+model decision
    python3 bench/SpecificLoso/specific_loso.py FEATURES.jsonl fit OUT.json [DATE]  # the shipped model (facts only)

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
import sys

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


def integrate(features, model):
    """The analyzer's decision (DescriptionAnalyzer.Decide): the rule's, promoted by the model unless the system is
    missing or an error awaits what the reporter was doing."""
    promotable = (features['missingSystem'] == 0 and not (features['hasError'] == 1 and features['missingAction'] == 1)
                  and features.get('displayPeriod', 0) == 0 and features.get('nothingWrong', 0) == 0)
    return features['engineSpecific'] == 1 or (model and promotable)


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


def main():
    rows = load(sys.argv[1])
    names = sorted(n for n in rows[0]['features'] if n not in GUARDS)
    facts_only = [n for n in names if n not in ENGINE_DECISION]
    if sys.argv[2] == 'fit':
        date = sys.argv[4] if len(sys.argv) > 4 else datetime.datetime.now(datetime.timezone.utc).date().isoformat()
        fit_model(rows, facts_only, sys.argv[3], date)
        return
    if sys.argv[2] == 'integrated':
        integrated(rows, facts_only)
        return
    run = loso if sys.argv[2] == 'loso' else temporal
    run(rows, names, 'Facts, the engine decision and text features')
    run(rows, facts_only, 'Facts and text features, without the engine decision')


if __name__ == '__main__':
    main()
