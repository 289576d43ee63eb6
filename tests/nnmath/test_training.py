"""Spiral data, the chapter-10 model and training, against the `nnfs` package and the book's runs.

`nnfs.init()` patches numpy for the whole process (float32 by default, np.dot through float64), so
the book's own set-up runs in a child process; in this process nnfs's generator is only called
with numpy's global generator seeded and restored around it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import nnmath
from nnmath.optimizers import SGD, Adagrad, Adam, RMSprop
from nnmath.spiral import spiral_data, spiral_model
from nnmath.training import predict, predict_grid, train

BOOK = json.loads((Path(__file__).parents[1] / "data" / "book_ch10.json").read_text(encoding="utf-8"))
OPTIMIZERS = {"SGD": SGD, "Adagrad": Adagrad, "RMSprop": RMSprop, "Adam": Adam}

# The book's set-up, as its chapter 10 starts: nnfs.init(), the data, then the two layers' weights.
_BOOK_SETUP = """
import json, numpy as np, nnfs
from nnfs.datasets import spiral_data
nnfs.init()
X, y = spiral_data(samples=100, classes=3)
w1 = 0.01 * np.random.randn(2, 64)
w2 = 0.01 * np.random.randn(64, 3)
print(json.dumps({"X": X.tolist(), "y": y.tolist(), "w1": w1.tolist(), "w2": w2.tolist(), "dtype": str(X.dtype)}))
"""


@pytest.fixture(scope="module")
def book_setup() -> dict[str, np.ndarray]:
    done = subprocess.run([sys.executable, "-c", _BOOK_SETUP], capture_output=True, text=True, check=True, timeout=120)
    return {k: (np.array(v) if k != "dtype" else v) for k, v in json.loads(done.stdout).items()}


def test_spiral_data_is_nnfs_after_init(book_setup):
    X, y = spiral_data(100, 3)
    assert book_setup["dtype"] == "float32"  # what nnfs.init() makes it
    assert X.shape == (300, 2) and X.dtype == np.float64
    # nnfs draws its noise as float32 and stores float32 points: equal to float32's precision
    np.testing.assert_allclose(X, book_setup["X"], rtol=0, atol=2e-7)
    np.testing.assert_array_equal(y, book_setup["y"])


@settings(max_examples=20, deadline=None, database=None)
@given(samples=st.integers(1, 40), classes=st.integers(1, 6), seed=st.integers(0, 2**32 - 1))
def test_spiral_data_is_nnfs_generator_for_any_size_and_seed(samples, classes, seed):
    from nnfs.datasets import spiral_data as nnfs_spiral_data

    saved = np.random.get_state()
    try:
        np.random.seed(seed)
        expected_X, expected_y = nnfs_spiral_data(samples, classes)
    finally:
        np.random.set_state(saved)
    X, y = spiral_data(samples, classes, seed=seed)
    # Without nnfs.init() nnfs stays in float64: the same arithmetic, so the same numbers
    np.testing.assert_allclose(X, expected_X, rtol=0, atol=1e-15)
    np.testing.assert_array_equal(y, expected_y)


def test_spiral_model_draws_in_the_books_order(book_setup):
    X, y, layers = spiral_model()
    np.testing.assert_allclose(X, book_setup["X"], rtol=0, atol=2e-7)
    np.testing.assert_array_equal(y, book_setup["y"])
    # weights after the data, first layer then second, 0.01·randn (float32 in the book)
    np.testing.assert_allclose(layers[0].weights, book_setup["w1"], rtol=1e-6, atol=0)
    np.testing.assert_allclose(layers[1].weights, book_setup["w2"], rtol=1e-6, atol=0)
    assert [layer.activation for layer in layers] == ["relu", "softmax"]
    assert [layer.weights_layout for layer in layers] == ["inputs_neurons", "inputs_neurons"]
    assert not np.any(layers[0].biases) and not np.any(layers[1].biases)
    assert np.shape(layers[0].biases) == (64,) and np.shape(layers[1].biases) == (3,)


def test_spiral_model_sizes_and_seed():
    X, y, layers = spiral_model(samples=10, classes=4, hidden=5, seed=7)
    assert X.shape == (40, 2) and np.shape(layers[0].weights) == (2, 5) and np.shape(layers[1].weights) == (5, 4)
    np.testing.assert_array_equal(X, spiral_data(10, 4, seed=7)[0])  # the data come first in the stream
    assert not np.array_equal(spiral_model(seed=1)[0], spiral_model(seed=0)[0])


# --------------------------------------------------------------------------------------------
# The book's chapter-10 runs (tests/data/book_ch10.json says how they were made)
# --------------------------------------------------------------------------------------------

# SGD (with or without momentum) and RMSprop with rho 0.9 keep the float32 run within float32's
# precision of float64's for the first 31 epochs. Adagrad, RMSprop with rho 0.999 and Adam divide
# each step by √cache + 1e-7: for a gradient near zero that is a step of about ±lr whose sign and
# size float32's rounding decides, so their runs part from the first update on, by about 1e-4 of the
# loss within six epochs (a wrong rule — no bias correction, another rho — moves it by percents).
_STEADY = {"sgd", "sgd_decay_1e-2", "sgd_decay_1e-3", "sgd_momentum_0.5", "sgd_momentum_0.9", "rmsprop"}


def _run(run: dict, epochs: int):
    X, y, layers = spiral_model()
    return train(X, y, layers, OPTIMIZERS[run["optimizer"]](**run["settings"]), epochs)


@pytest.fixture(scope="module")
def runs() -> dict[str, list[dict]]:
    return {run["name"]: _run(run, 1000) for run in BOOK["runs"]}


@pytest.mark.parametrize("run", BOOK["runs"], ids=lambda r: r["name"])
def test_book_run_first_epochs(run, runs):
    history = runs[run["name"]]
    steady = run["name"] in _STEADY
    for epoch, loss, accuracy in run["first_epochs"][: 31 if steady else 7]:
        row = history[epoch]
        assert row["epoch"] == epoch
        # float32 carries about 7 digits
        assert row["loss"] == pytest.approx(loss, rel=3e-7 if steady or epoch == 0 else 2e-4), epoch
        # a sample lying on a class boundary may fall either side of it: one sample in 300
        assert abs(row["accuracy"] - accuracy) <= 1 / 300 + 1e-12, epoch


@pytest.mark.parametrize("run", BOOK["runs"], ids=lambda r: r["name"])
def test_book_run_printed_lines(run, runs):
    history = runs[run["name"]]
    epoch, acc, loss, _ = run["printed"][0]
    assert (epoch, f"{history[0]['accuracy']:.3f}", f"{history[0]['loss']:.3f}") == (0, acc, loss) == (0, "0.360", "1.099")
    for epoch, _, _, lr in run["printed"]:
        # the printed learning rate does not drift: it is the same float, digit for digit
        assert history[epoch]["learning_rate"] == lr, epoch


@pytest.mark.parametrize("name, until", [("sgd", 200), ("sgd_decay_1e-2", 1000), ("sgd_decay_1e-3", 600)])
def test_book_run_printed_lines_until_float32_drift_shows(name, until, runs):
    run = next(r for r in BOOK["runs"] if r["name"] == name)
    history = runs[name]
    for epoch, acc, loss, _ in run["printed"]:
        if epoch <= until:
            assert (f"{history[epoch]['accuracy']:.3f}", f"{history[epoch]['loss']:.3f}") == (acc, loss), epoch


# --------------------------------------------------------------------------------------------
# train: what a row means, the gradient it follows, snapshots
# --------------------------------------------------------------------------------------------


def _traced_loss(X, y, layers) -> float:
    """The loss by the forward pass's traced steps: a computation independent of train's kernels."""
    return float(nnmath.categorical_cross_entropy(nnmath.forward_trace(X, layers).output, y))


def test_rows_are_the_forward_pass_before_each_update():
    X, y, layers = spiral_model(samples=20, hidden=8)
    history = train(X, y, layers, SGD(learning_rate=0.5, decay=0.1), 5, snapshots=[0, 3, 5])
    assert [row["epoch"] for row in history] == [0, 1, 2, 3, 4, 5]
    assert set(history[0]) == {"epoch", "loss", "accuracy", "learning_rate"}
    assert history[0]["loss"] == pytest.approx(_traced_loss(X, y, layers), rel=1e-12)  # before any update
    for epoch, snapshot in history.snapshots.items():
        assert history[epoch]["loss"] == pytest.approx(_traced_loss(X, y, snapshot), rel=1e-12)
        predicted = nnmath.forward_trace(X, snapshot).predicted
        assert history[epoch]["accuracy"] == pytest.approx(np.mean(predicted == y))
    assert history[5]["loss"] == pytest.approx(_traced_loss(X, y, history.layers), rel=1e-12)
    # epoch e was reached by update e − 1, at the rate 0.5 / (1 + 0.1 (e − 1))
    assert [row["learning_rate"] for row in history] == pytest.approx([0.5, 0.5, 0.5 / 1.1, 0.5 / 1.2, 0.5 / 1.3, 0.5 / 1.4])
    assert history[5]["loss"] < history[0]["loss"]
    np.testing.assert_array_equal(layers[0].weights, spiral_model(samples=20, hidden=8)[2][0].weights)  # unchanged


@pytest.mark.parametrize("activation, layout", [("relu", "inputs_neurons"), ("tanh", "neurons_inputs"), ("sigmoid", "inputs_neurons")])
def test_one_sgd_step_follows_the_numerical_gradient(activation, layout):
    rng = np.random.default_rng(3)
    X, y = rng.normal(size=(7, 3)), rng.integers(0, 4, 7)
    shapes = [(3, 5), (5, 4)] if layout == "inputs_neurons" else [(5, 3), (4, 5)]
    layers = [
        nnmath.Layer(rng.normal(size=shapes[0]), rng.normal(size=5), activation=activation, weights_layout=layout),
        nnmath.Layer(rng.normal(size=shapes[1]), rng.normal(size=4), activation="softmax", weights_layout=layout),
    ]
    lr = 1e-3
    after = train(X, y, layers, SGD(learning_rate=lr), 1).layers
    for k, name in [(0, "weights"), (0, "biases"), (1, "weights"), (1, "biases")]:
        start = np.asarray(getattr(layers[k], name), dtype=float)
        gradient = (start - np.asarray(getattr(after[k], name))) / lr  # SGD: w1 = w0 − lr·g

        def loss(value, k=k, name=name):
            changed = [nnmath.Layer(**{**vars(layer), name: value}) if i == k else layer for i, layer in enumerate(layers)]
            return _traced_loss(X, y, changed)

        numeric = np.zeros_like(start)
        for index in np.ndindex(*start.shape):
            up, down = start.copy(), start.copy()
            up[index] += 1e-6
            down[index] -= 1e-6
            numeric[index] = (loss(up) - loss(down)) / 2e-6
        np.testing.assert_allclose(gradient, numeric, rtol=1e-4, atol=1e-7)


def test_one_hot_labels_train_like_class_indices():
    X, y, layers = spiral_model(samples=10, hidden=4)
    sparse = train(X, y, layers, Adam(0.05), 3)
    dense = train(X, np.eye(3)[y], layers, Adam(0.05), 3)
    assert list(sparse) == list(dense)


def test_predict_and_grid_match_the_traced_forward_pass():
    X, y, layers = spiral_model(samples=30, hidden=16, seed=2)
    layers = train(X, y, layers, Adam(0.05), 50).layers
    np.testing.assert_allclose(predict(X, layers), nnmath.forward_trace(X, layers).output, rtol=1e-12, atol=1e-15)
    xs, ys = np.linspace(-1, 1, 5), np.linspace(-1, 1, 3000)  # more points than one chunk
    grid = predict_grid(layers, xs, ys)
    assert grid.shape == (3000, 5, 3)
    np.testing.assert_allclose(grid[1234, 4], predict([[xs[4], ys[1234]]], layers)[0], rtol=1e-12)


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda X, y, L: train(X, y, L, SGD(), -1), "epochs must be a whole number ≥ 0"),
        (lambda X, y, L: train(X, y, L, "adam", 1), "optimizer must be an nnmath optimizer"),
        (lambda X, y, L: train(X, y[:-1], L, SGD(), 1), "has 8 labels for 9 samples"),
        (lambda X, y, L: train(X, y + 3, L, SGD(), 1), "outside 0..2"),
        (lambda X, y, L: train(X[:, :1], y, L, SGD(), 1), "takes 2 inputs, but X has 1"),
        (lambda X, y, L: train(X, y, L[:1], SGD(), 1), "must have activation 'softmax'"),
        (lambda X, y, L: train(X, y, [L[1], L[1]], SGD(), 1), "softmax only as the last"),
        (lambda X, y, L: train(X, y, [nnmath.Layer(**{**vars(L[0]), "layer_norm": True}), L[1]], SGD(), 1), "layer_norm"),
        (lambda X, y, L: train(X, y, L, SGD(), 2, snapshots=[3]), "snapshot epochs must be whole numbers in 0..2"),
        (lambda X, y, L: spiral_data(0, 3), "samples must be a whole number ≥ 1"),
        (lambda X, y, L: spiral_model(hidden=2.5), "hidden must be a whole number ≥ 1"),
    ],
)
def test_bad_input_is_refused_with_a_message(call, message):
    X, y, layers = spiral_model(samples=3, hidden=4)
    with pytest.raises(nnmath.NNMathError) as error:
        call(X, y, layers)
    assert message in str(error.value)
