"""The playground's network (its ``src/nn.ts``) and training step (``oneStep`` in playground.ts).

The TypeScript is a graph of ``Node`` and ``Link`` objects updated one sample at a time. Here each
layer is a weight matrix (destination neurons × source neurons), a bias vector and a mask of dead
links, and the samples between two weight updates go through as one matrix: the playground's
weights change only at an update, so every sample of a mini-batch sees the same weights and the
summed derivatives are the same numbers (up to the order of the additions, ~1e-16).

What must stay sequential is the order of the mini-batches, including the playground's quirk that a
batch is closed when ``(i + 1) % batchSize == 0`` for the sample's index ``i`` *within the epoch*:
when the batch size does not divide the training set, the last samples' derivatives are carried
into the first batch of the next epoch, which then averages over more samples.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from nnmath.playground.seedrandom import SeedRandom

__all__ = ["reduce_grid", "Activation", "ACTIVATIONS", "Params", "build_params", "forward", "Trainer", "feature_columns", "grid_inputs", "GRID_DENSITY"]

GRID_DENSITY = 100  # the playground's DENSITY: the output heatmap's cells a side
GRID_DOMAIN = (-6.0, 6.0)  # its xDomain, for x and y alike
INITIAL_BIAS = 0.1  # nn.ts: Node.bias = 0.1


@dataclass(frozen=True)
class Activation:
    """An activation and its derivative, the derivative written from the output where nn.ts allows."""

    name: str

    def output(self, z: np.ndarray) -> np.ndarray:
        if self.name == "tanh":
            return np.tanh(z)
        if self.name == "relu":
            return np.maximum(0.0, z)
        if self.name == "sigmoid":
            with np.errstate(over="ignore"):  # exp(-z) = inf gives 1/(1+inf) = 0, as in JavaScript
                return 1 / (1 + np.exp(-z))
        return z

    def der(self, z: np.ndarray, a: np.ndarray) -> np.ndarray:
        """dA/dZ at ``z`` with ``a = output(z)`` (nn.ts recomputes ``output(z)``: the same number)."""
        if self.name == "tanh":
            return 1 - a * a
        if self.name == "relu":
            return np.where(z <= 0, 0.0, 1.0)
        if self.name == "sigmoid":
            return a * (1 - a)
        return np.ones_like(z)


ACTIVATIONS = {name: Activation(name) for name in ("tanh", "relu", "sigmoid", "linear")}


class Params:
    """The network's parameters: per layer, ``weights[l][dest, source]``, ``biases[l][dest]``, ``dead[l]``.

    Each is a view into one flat array (all weights, all biases, all dead flags), so an update of
    the whole network is a handful of array operations however many layers it has.
    """

    def __init__(self, sizes: tuple[int, ...], flat_weights: np.ndarray, flat_biases: np.ndarray, flat_dead: np.ndarray) -> None:
        self.sizes = tuple(sizes)
        self.flat_weights = flat_weights
        self.flat_biases = flat_biases
        self.flat_dead = flat_dead
        self.weights: list[np.ndarray] = []
        self.biases: list[np.ndarray] = []
        self.dead: list[np.ndarray] = []
        w_at = b_at = 0
        for n_in, n_out in zip(self.sizes[:-1], self.sizes[1:]):
            self.weights.append(flat_weights[w_at : w_at + n_out * n_in].reshape(n_out, n_in))
            self.dead.append(flat_dead[w_at : w_at + n_out * n_in].reshape(n_out, n_in))
            self.biases.append(flat_biases[b_at : b_at + n_out])
            w_at += n_out * n_in
            b_at += n_out

    def copy(self) -> Params:
        return Params(self.sizes, self.flat_weights.copy(), self.flat_biases.copy(), self.flat_dead.copy())


def build_params(rng: SeedRandom, sizes: tuple[int, ...], init_zero: bool) -> Params:
    """``buildNetwork``: each link draws ``Math.random() − 0.5`` as it is made (even under initZero),
    layer by layer, destination neuron by destination neuron, source by source — the order of the
    flat weights."""
    count = sum(n_in * n_out for n_in, n_out in zip(sizes[:-1], sizes[1:]))
    weights = np.array([rng.random() - 0.5 for _ in range(count)], dtype=float)
    if init_zero:
        weights[:] = 0.0
    biases = np.full(sum(sizes[1:]), 0.0 if init_zero else INITIAL_BIAS)
    return Params(sizes, weights, biases, np.zeros(count, dtype=bool))


def feature_columns(x: np.ndarray, y: np.ndarray, features: tuple[str, ...]) -> np.ndarray:
    """``constructInput`` for many points: one column per feature, in the playground's order."""
    columns = {
        "x": lambda: x,
        "y": lambda: y,
        "xSquared": lambda: x * x,
        "ySquared": lambda: y * y,
        "xTimesY": lambda: x * y,
        "sinX": lambda: np.sin(x),
        "sinY": lambda: np.sin(y),
    }
    return np.stack([np.asarray(columns[f](), dtype=float) for f in features], axis=-1)


def grid_coordinates() -> tuple[np.ndarray, np.ndarray]:
    """The grid's x for each column and y for each row (row 0 at the top), as d3's scales give them."""
    i = np.arange(GRID_DENSITY, dtype=float)
    lo, hi = GRID_DOMAIN
    t = i / (GRID_DENSITY - 1)  # xScale: domain [0, 99] → [-6, 6]
    xs = lo * (1 - t) + hi * t
    u = (i - (GRID_DENSITY - 1)) / (0 - (GRID_DENSITY - 1))  # yScale: domain [99, 0] → [-6, 6]
    ys = lo * (1 - u) + hi * u
    return xs, ys


def grid_inputs(features: tuple[str, ...]) -> np.ndarray:
    """The features of every grid cell, ``(100·100, features)``, row by row from the top."""
    xs, ys = grid_coordinates()
    gx, gy = np.meshgrid(xs, ys)  # gx[row, col] = xs[col], gy[row, col] = ys[row]
    return feature_columns(gx.ravel(), gy.ravel(), features)


def reduce_grid(grid: np.ndarray, factor: int = 10) -> np.ndarray:
    """heatmap.ts's ``reduceMatrix``: the mean of each ``factor``×``factor`` block, how the page
    draws a node's small heatmap (100×100 → 10×10)."""
    grid = np.asarray(grid, dtype=float)
    n = grid.shape[0]
    if grid.shape != (n, n) or n % factor:
        raise ValueError(f"reduce_grid: need a square grid whose side divides by {factor}, got {grid.shape}")
    return grid.reshape(n // factor, factor, n // factor, factor).mean(axis=(1, 3))


def forward(params: Params, inputs: np.ndarray, hidden: Activation, output: Activation) -> list[np.ndarray]:
    """Every layer's outputs for a batch of inputs: ``[inputs, layer 1, …, output]``."""
    outs = [inputs]
    last = len(params.weights) - 1
    for l, (w, b) in enumerate(zip(params.weights, params.biases)):
        z = outs[-1] @ w.T + b
        outs.append((output if l == last else hidden).output(z))
    return outs


_sum_rows = np.add.reduce


class Trainer:
    """``oneStep`` epoch after epoch: forward, back-propagate and update every ``batchSize`` samples."""

    def __init__(self, params: Params, hidden: Activation, output: Activation, regularization: str, learning_rate: float, regularization_rate: float, batch_size: int) -> None:
        self.params = params
        self.acts = [hidden] * (len(params.weights) - 1) + [output]
        self.regularization = regularization
        self.learning_rate = learning_rate
        self.regularization_rate = regularization_rate
        self.batch_size = batch_size
        # What nn.ts keeps per node and link between updates: the summed derivatives and their count.
        probe = Params(params.sizes, np.zeros_like(params.flat_weights), np.zeros_like(params.flat_biases), params.flat_dead)
        self._acc_flat_w, self._acc_flat_b = probe.flat_weights, probe.flat_biases
        self._acc_w, self._acc_b = probe.weights, probe.biases
        self._transposed = [w.T for w in params.weights]
        self._count = 0

    def _accumulate(self, inputs: np.ndarray, targets: np.ndarray) -> None:
        # The transposed views follow the in-place updates; ndarray.dot is the cheapest call for
        # these tiny matrices, and the per-call overhead is all the time there is here.
        weights, transposed, biases, acts = self.params.weights, self._transposed, self.params.biases, self.acts
        zs, outs = [], [inputs]
        for wt, b, act in zip(transposed, biases, acts):
            z = outs[-1].dot(wt)
            z += b
            zs.append(z)
            outs.append(act.output(z))
        # nn.Errors.SQUARE: dE/d(output) = output − target.
        output_der = outs[-1] - targets
        # Right after an update nothing is pending: the sums are written into the accumulators
        # (0 + x is x), and only the batch that takes over an epoch's leftovers adds to them.
        fresh = self._count == 0
        for l in range(len(weights) - 1, -1, -1):
            input_der = output_der * acts[l].der(zs[l], outs[l + 1])
            if fresh:
                _sum_rows(input_der, 0, out=self._acc_b[l])
                np.dot(input_der.T, outs[l], out=self._acc_w[l])  # a dead link's sum is never used
            else:
                self._acc_b[l] += _sum_rows(input_der, 0)
                self._acc_w[l] += input_der.T.dot(outs[l])
            if l > 0:
                output_der = input_der.dot(weights[l])
        self._count += len(inputs)

    def _update(self) -> None:
        """``updateWeights``, with the L1 rule: a weight that regularisation pushes across 0 is set
        to 0 and its link is dead from then on (no more gradient, no more updates)."""
        p = self.params
        lr, rate, n = self.learning_rate, self.regularization_rate, float(self._count)
        w = p.flat_weights
        # The regularisation derivative is taken before the gradient step, as nn.ts does.
        stepped = w - (lr / n) * self._acc_flat_w
        if self.regularization == "L1":
            new = stepped - (lr * rate) * np.sign(w)
            dies = (stepped * new < 0) & ~p.flat_dead
            new[dies] = 0.0
            live = ~p.flat_dead
            p.flat_dead |= dies
            np.copyto(w, new, where=live)
        elif self.regularization == "L2":
            np.copyto(w, stepped - (lr * rate) * w)  # no link dies under L2
        else:
            w[:] = stepped
        # Bias: bias −= learningRate · accInputDer / numAccumulatedDers, never regularised.
        p.flat_biases -= lr * self._acc_flat_b / n
        self._count = 0  # the accumulators are overwritten by the next batch

    def epoch(self, inputs: np.ndarray, targets: np.ndarray) -> None:
        """One pass over the training points in order; derivatives left over stay for the next epoch.

        ``targets`` is a column ``(n, 1)``.
        """
        n, size = len(inputs), self.batch_size
        start = 0
        for end in range(size, n + 1, size):
            self._accumulate(inputs[start:end], targets[start:end])
            self._update()
            start = end
        if start < n:
            self._accumulate(inputs[start:], targets[start:])


def square_loss(params: Params, inputs: np.ndarray, targets: np.ndarray, hidden: Activation, output: Activation) -> float:
    """``getLoss``: the mean over the points of ½(output − label)²."""
    out = forward(params, inputs, hidden, output)[-1][:, 0]
    return float(np.sum(0.5 * (out - targets) ** 2) / len(targets))
