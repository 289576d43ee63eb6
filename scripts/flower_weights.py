"""Search one-decimal weights for the flower network of ``[forward-pass]`` (its VALUES in course/lecture1/forward_pass.py).

    .venv/bin/python scripts/flower_weights.py [--seed 15] [--tries 200000]

The lecture's values are data: this script only proposes them, and prints a TOML table to paste.
What the search asks of the network, the way issue 15 asked it of the slides:

* the notes' sketch: f1 = [10, 5] gives about [0.2, 0.6, 0.2] (daisy), so the cross-entropy scene's
  rose sample scores -ln(0.2);
* ReLU visibly does something: an entry of z1 clearly negative (at most -1) for f1 and for f2 = 2·f1;
* f2 = 2·f1 keeps f1's class with a sharper softmax (the samples beat's story);
* every class wins a good share of the (length, width) plane the figure draws (nnmath.regions);
* every hidden neuron is on in part of that plane and off in the rest (none is dead);
* b2 has no zero entry (a bias that adds nothing teaches nothing).

The search is seeded, so the same arguments print the same weights.
"""

from __future__ import annotations

import argparse

import numpy as np

from course.lecture1.forward_pass import regions as forward_pass_regions

SKETCH = np.array([0.2, 0.6, 0.2])
F1 = np.array([10.0, 5.0])
#: The plane the figure draws for f1 and f2 = 2·f1 (nnmath.regions.plane_range): length, width.
PLANE = ((0.0, 30.0), (0.0, 15.0))


def _softmax(z: np.ndarray) -> np.ndarray:
    # Vectorised over many candidates at once; the shipped weights are checked by nnmath below.
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def _candidates(rng: np.random.Generator, n: int) -> dict[str, np.ndarray]:
    def tenths(*shape: int, limit: int = 10) -> np.ndarray:
        return rng.integers(-limit, limit + 1, size=(n, *shape)) / 10

    return {"w1": tenths(3, 2), "b1": tenths(3), "w2": tenths(3, 3), "b2": tenths(3)}


def _sample_filter(c: dict[str, np.ndarray]) -> np.ndarray:
    """Which candidates meet the conditions on f1 and f2 (cheap, vectorised)."""
    keep = np.ones(len(c["w1"]), dtype=bool)
    probabilities = []
    for x in (F1, 2 * F1):
        z1 = np.einsum("nij,j->ni", c["w1"], x) + c["b1"]
        keep &= z1.min(axis=1) <= -1.0  # ReLU zeroes an entry, clearly
        keep &= (z1 > 0.5).sum(axis=1) >= 2  # and two neurons stay on
        a1 = np.maximum(z1, 0)
        probabilities.append(_softmax(np.einsum("nij,nj->ni", c["w2"], a1) + c["b2"]))
    p1, p2 = probabilities
    keep &= np.abs(p1 - SKETCH).max(axis=1) <= 0.02
    keep &= (p2.argmax(axis=1) == 1) & (p2[:, 1] > p1[:, 1] + 0.1)
    keep &= np.all(c["b2"] != 0, axis=1) & np.all(c["b1"] != 0, axis=1)
    # Where every neuron is off the output is softmax(b2): a tie there would draw no clear region.
    b2 = np.sort(c["b2"], axis=1)
    keep &= np.all(np.diff(b2, axis=1) > 0, axis=1)
    # Every hidden neuron switches on somewhere in the plane and off somewhere else: its kink
    # crosses the plane (a line crosses a rectangle iff the corners' signs differ), so no neuron
    # is dead everywhere and the regions' edges bend where ReLU acts.
    corners = np.array([[x, y] for x in PLANE[0] for y in PLANE[1]])
    z_corners = np.einsum("nij,cj->nci", c["w1"], corners) + c["b1"][:, None, :]
    keep &= np.all((z_corners.max(axis=1) > 0) & (z_corners.min(axis=1) < 0), axis=1)
    return keep


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--tries", type=int, default=200_000)
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    c = _candidates(rng, args.tries)
    keep = np.flatnonzero(_sample_filter(c))
    best, best_score = None, -1.0
    for i in keep:
        values = {k: c[k][i] for k in c} | {"features": np.array([F1, 2 * F1])}
        regions = forward_pass_regions(values, resolution=41)
        shares = np.bincount(regions.predicted.ravel(), minlength=3) / regions.predicted.size
        # The smallest class's share of the plane: every class should win a visible region.
        score = shares.min()
        if score > best_score:
            best, best_score = values, score
    if best is None:
        raise SystemExit(f"no candidate among {args.tries} meets the conditions; try more --tries or another --seed")
    print(f"# seed {args.seed}, {args.tries} tries, {len(keep)} met the sample conditions; smallest class share {best_score:.2f}")
    for key in ("w1", "b1", "w2", "b2"):
        print(f"{key} = {np.round(best[key], 1).tolist()}")


if __name__ == "__main__":
    main()
