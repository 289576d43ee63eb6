"""How fast nnmath trains the spiral model, against the same loop in bare numpy.

    .venv/bin/python bench/training.py              # 3 repeats, printed as a Markdown table
    .venv/bin/python bench/training.py --repeats 1 --epochs 2000

Measures, in this process (wall seconds and CPU seconds of the process):

* ``bare numpy``: the book's chapter-10 loop (Adam, lr 0.05, decay 5e-7) written inline in plain
  numpy, float64 — the floor nnmath's training loop is compared with;
* ``nnmath.train``: the same run through :func:`nnmath.training.train`, keeping 100 snapshots;
* ``regions``: :func:`nnmath.training.predict_grid` of each snapshot on a 200×200 grid;
* the plain backward functions (checked arguments, then the kernel) against the bare numpy
  expression, at the sizes of the training loop.

Issue 17's target: training 10,000 epochs with 100 snapshots of the regions on a 200×200 grid
in under 20 s on the 2-core machine. A benchmark, not a test: nothing fails when it is slow.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

import numpy as np

from nnmath.backward import dense_backward, relu_backward, softmax_backward, softmax_cross_entropy_backward
from nnmath.optimizers import Adam
from nnmath.spiral import spiral_model
from nnmath.training import predict_grid, train

GRID = 200
SNAPSHOTS = 100


def timed(fn):
    wall, cpu = time.perf_counter(), time.process_time()
    result = fn()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def bare_numpy(epochs: int) -> float:
    """The training loop with nothing but numpy: what nnmath.train costs at best."""
    X, y, layers = spiral_model()
    w1, w2 = layers[0].weights.copy(), layers[1].weights.copy()
    b1, b2 = np.zeros(w1.shape[1]), np.zeros(w2.shape[1])
    params = [w1, b1, w2, b2]
    m = [np.zeros_like(p) for p in params]
    c = [np.zeros_like(p) for p in params]
    one_hot = np.eye(3)[y]
    n = len(y)
    loss = 0.0
    for epoch in range(epochs + 1):
        z1 = X @ w1 + b1
        a1 = np.maximum(0, z1)
        z2 = a1 @ w2 + b2
        e = np.exp(z2 - z2.max(axis=1, keepdims=True))
        s = e / e.sum(axis=1, keepdims=True)
        loss = -np.log(np.clip(s[np.arange(n), y], 1e-7, 1 - 1e-7)).mean()
        dz2 = (s - one_hot) / n
        da1 = dz2 @ w2.T
        dz1 = np.where(z1 > 0, da1, 0.0)
        grads = [X.T @ dz1, dz1.sum(axis=0), a1.T @ dz2, dz2.sum(axis=0)]
        lr = 0.05 * (1.0 / (1.0 + 5e-7 * epoch))
        for p, g, mi, ci in zip(params, grads, m, c):
            mi[...] = 0.9 * mi + 0.1 * g
            ci[...] = 0.999 * ci + 0.001 * g**2
            p += -lr * (mi / (1 - 0.9 ** (epoch + 1))) / (np.sqrt(ci / (1 - 0.999 ** (epoch + 1))) + 1e-7)
    return float(loss)


def nnmath_training(epochs: int):
    X, y, layers = spiral_model()
    snapshot_epochs = np.linspace(0, epochs, SNAPSHOTS).round().astype(int).tolist()
    return train(X, y, layers, Adam(learning_rate=0.05, decay=5e-7), epochs, snapshots=snapshot_epochs)


def regions(history) -> int:
    axis = np.linspace(-1.1, 1.1, GRID)
    for layers in history.snapshots.values():
        predict_grid(layers, axis, axis)
    return len(history.snapshots)


def kernels(repeats: int = 2000) -> list[tuple[str, float, float]]:
    """(name, µs per call of the plain nnmath function, µs per call of the bare expression)."""
    rng = np.random.default_rng(0)
    x, w, dv = rng.normal(size=(300, 64)), rng.normal(size=(64, 3)), rng.normal(size=(300, 3))
    z, d64 = rng.normal(size=(300, 64)), rng.normal(size=(300, 64))
    s = rng.dirichlet(np.ones(3), size=300)
    y = rng.integers(0, 3, 300)
    one_hot = np.eye(3)[y]
    cases = [
        ("dense_backward (300×64 → 3)", lambda: dense_backward(dv, x, w, "inputs_neurons"),
         lambda: (dv @ w.T, x.T @ dv, dv.sum(axis=0))),
        ("relu_backward (300×64)", lambda: relu_backward(d64, z), lambda: np.where(z > 0, d64, 0.0)),
        ("softmax_backward (300×3)", lambda: softmax_backward(dv, s),
         lambda: s * (dv - (s * dv).sum(axis=1, keepdims=True))),
        ("softmax_cross_entropy_backward (300×3)", lambda: softmax_cross_entropy_backward(s, y),
         lambda: (s - one_hot) / 300),
    ]
    out = []
    for name, ours, bare in cases:
        times = []
        for fn in (ours, bare):
            start = time.perf_counter()
            for _ in range(repeats):
                fn()
            times.append((time.perf_counter() - start) / repeats * 1e6)
        out.append((name, *times))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--epochs", type=int, default=10_000)
    args = parser.parse_args()
    rows: dict[str, list[tuple[float, float]]] = {"bare numpy": [], "nnmath.train": [], "regions": [], "total": []}
    load_start = os.getloadavg()[0]
    for _ in range(args.repeats):
        _, wall, cpu = timed(lambda: bare_numpy(args.epochs))
        rows["bare numpy"].append((wall, cpu))
        history, wall, cpu = timed(lambda: nnmath_training(args.epochs))
        rows["nnmath.train"].append((wall, cpu))
        _, r_wall, r_cpu = timed(lambda: regions(history))
        rows["regions"].append((r_wall, r_cpu))
        rows["total"].append((wall + r_wall, cpu + r_cpu))
    load_end = os.getloadavg()[0]

    def cell(pairs, i):
        values = [p[i] for p in pairs]
        median = statistics.median(values)
        return f"{median:.2f} ({min(values):.2f}–{max(values):.2f}, n={len(values)})"

    print(f"{args.epochs} epochs, {SNAPSHOTS} snapshots, {GRID}×{GRID} grid; load {load_start:.2f} → {load_end:.2f}; "
          f"numpy {np.__version__}; OPENBLAS_NUM_THREADS={os.environ.get('OPENBLAS_NUM_THREADS', 'unset')}\n")
    print("| what | wall s | CPU s |\n|---|---|---|")
    for name, pairs in rows.items():
        print(f"| {name} | {cell(pairs, 0)} | {cell(pairs, 1)} |")
    bare = statistics.median(p[1] for p in rows["bare numpy"])
    ours = statistics.median(p[1] for p in rows["nnmath.train"])
    print(f"\nnnmath.train / bare numpy (CPU): {ours / bare:.2f}x\n")
    print("| plain function | nnmath µs/call | bare numpy µs/call | ratio |\n|---|---|---|---|")
    for name, ours_us, bare_us in kernels():
        print(f"| {name} | {ours_us:.1f} | {bare_us:.1f} | {ours_us / bare_us:.2f}x |")


if __name__ == "__main__":
    main()
