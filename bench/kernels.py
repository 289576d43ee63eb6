"""nnmath's plain kernels against bare numpy, side by side in one run (issue 13's target: the
plain dense layer within 3x of ``X @ W.T + b`` at 500 samples x 8 inputs -> 16 neurons).

    .venv/bin/python bench/kernels.py          # prints a Markdown table for bench/RESULTS.md

Each pair is timed interleaved (numpy, nnmath, numpy, nnmath, ...) and the best of the repeats is
kept, so load from other processes hits both alike.
"""

from __future__ import annotations

import timeit

import numpy as np

import nnmath


def _pairs():
    rng = np.random.default_rng(0)
    x, w, b = rng.normal(size=(500, 8)), rng.normal(size=(16, 8)), rng.normal(size=16)
    z = rng.normal(size=(500, 16))
    yield "dense 500x8 -> 16", (lambda: np.dot(x, w.T) + b), (lambda: nnmath.dense(x, w, b))
    yield "relu 500x16", (lambda: np.maximum(0, z)), (lambda: nnmath.relu(z))
    yield "softmax 500x16", (
        lambda: (e := np.exp(z - z.max(axis=1, keepdims=True))) / e.sum(axis=1, keepdims=True)
    ), (lambda: nnmath.softmax(z))


def main(repeats: int = 15, number: int = 500) -> None:
    print("| operation | bare numpy (µs) | nnmath plain (µs) | ratio |")
    print("|---|---|---|---|")
    for name, bare, ours in _pairs():
        times = {"bare": [], "ours": []}
        for _ in range(repeats):
            times["bare"].append(timeit.timeit(bare, number=number) / number)
            times["ours"].append(timeit.timeit(ours, number=number) / number)
        best_bare, best_ours = min(times["bare"]), min(times["ours"])
        print(f"| {name} | {best_bare * 1e6:.1f} | {best_ours * 1e6:.1f} | {best_ours / best_bare:.2f}x |")


if __name__ == "__main__":
    main()
