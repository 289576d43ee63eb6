"""The optimizers: the book's defaults, each update rule from its formula, decay, state, traces.

The first steps of each rule have a closed form worked out by hand here (e.g. Adam's first step is
−lr·g/(|g| + ε), about −lr·sign(g)); the whole runs are checked against the book's in
tests/nnmath/test_training.py.
"""

from __future__ import annotations

import inspect

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from nnmath import NNMathError
from nnmath.optimizers import SGD, Adagrad, Adam, RMSprop

GRADS = hnp.arrays(np.float64, st.integers(1, 6), elements=st.floats(-10, 10, allow_nan=False).filter(lambda v: abs(v) > 1e-3))


def fast(n: int = 50):
    return settings(max_examples=n, deadline=None, database=None)


def defaults(cls) -> dict[str, object]:
    return {name: p.default for name, p in inspect.signature(cls).parameters.items()}


def test_the_books_parameter_names_and_defaults():
    assert defaults(SGD) == {"learning_rate": 1.0, "decay": 0.0, "momentum": 0.0}
    assert defaults(Adagrad) == {"learning_rate": 1.0, "decay": 0.0, "epsilon": 1e-7}
    assert defaults(RMSprop) == {"learning_rate": 0.001, "decay": 0.0, "epsilon": 1e-7, "rho": 0.9}
    assert defaults(Adam) == {"learning_rate": 0.001, "decay": 0.0, "epsilon": 1e-7, "beta_1": 0.9, "beta_2": 0.999}


@pytest.mark.parametrize("cls", [SGD, Adagrad, RMSprop, Adam])
def test_learning_rate_decay(cls):
    optimizer = cls(learning_rate=0.5, decay=0.1)
    assert optimizer.learning_rate_at(0) == 0.5
    assert optimizer.learning_rate_at(10) == pytest.approx(0.25)  # 0.5 / (1 + 0.1·10)
    assert cls(learning_rate=0.5).learning_rate_at(10**6) == 0.5  # no decay: constant


def test_decayed_rate_as_the_book_prints_it():
    # The book's chapter 10 prints "lr: 0.9099181073703367" at epoch 100 of SGD(decay=1e-3):
    # the rate of update 99, written out by Python to the last digit.
    assert repr(SGD(decay=1e-3).learning_rate_at(99)) == "0.9099181073703367"


@fast()
@given(g=GRADS)
def test_sgd_step(g):
    w = np.zeros_like(g)
    SGD(learning_rate=0.5).update([w], [g])
    np.testing.assert_allclose(w, -0.5 * g)


@fast()
@given(g=GRADS)
def test_sgd_momentum_keeps_a_fraction_of_the_last_change(g):
    w = np.zeros_like(g)
    optimizer = SGD(learning_rate=0.5, momentum=0.9)
    optimizer.update([w], [g])
    optimizer.update([w], [g])
    # first change −0.5g; second 0.9·(−0.5g) − 0.5g = −0.95g
    np.testing.assert_allclose(w, -0.5 * g - 0.95 * g)


@fast()
@given(g=GRADS)
def test_adagrad_divides_by_the_root_of_the_summed_squares(g):
    w = np.zeros_like(g)
    optimizer = Adagrad(learning_rate=0.1)
    optimizer.update([w], [g])
    optimizer.update([w], [g])
    # cache g², then 2g²: changes −0.1·g/(|g| + ε) and −0.1·g/(√2|g| + ε)
    expected = -0.1 * g / (np.abs(g) + 1e-7) - 0.1 * g / (np.sqrt(2) * np.abs(g) + 1e-7)
    np.testing.assert_allclose(w, expected, rtol=1e-12)


@fast()
@given(g=GRADS)
def test_rmsprop_first_step(g):
    w = np.zeros_like(g)
    RMSprop(learning_rate=0.01, rho=0.9).update([w], [g])
    # cache = 0.1·g², so the change is −0.01·g / (√0.1·|g| + ε)
    np.testing.assert_allclose(w, -0.01 * g / (np.sqrt(0.1) * np.abs(g) + 1e-7), rtol=1e-12)


@fast()
@given(g=GRADS)
def test_adam_first_step_is_about_the_learning_rate_against_the_gradient(g):
    w = np.zeros_like(g)
    Adam(learning_rate=0.05).update([w], [g])
    # bias correction makes m̂ = g and ĉ = g² at the first step
    np.testing.assert_allclose(w, -0.05 * g / (np.abs(g) + 1e-7), rtol=1e-9)


@pytest.mark.parametrize(
    "make", [lambda: SGD(0.3, 1e-2, 0.5), lambda: Adagrad(0.3, 1e-2), lambda: RMSprop(0.03, 1e-2), lambda: Adam(0.03, 1e-2)]
)
def test_update_trace_is_the_same_update(make):
    rng = np.random.default_rng(1)
    params_a = [rng.normal(size=(3, 2)), rng.normal(size=2)]
    params_b = [p.copy() for p in params_a]
    plain, traced = make(), make()
    for _ in range(4):
        grads = [rng.normal(size=(3, 2)), rng.normal(size=2)]
        plain.update(params_a, grads)
        trace = traced.update_trace(params_b, grads, names=["w", "b"])
    for a, b in zip(params_a, params_b):
        np.testing.assert_array_equal(a, b)
    assert plain.iterations == traced.iterations == 4
    step = trace[0]
    assert step.label == "w ← w + Δw" and step.op == traced.name
    np.testing.assert_array_equal(step.output, params_b[0])
    np.testing.assert_allclose(step.inputs["w"] + step.intermediates["change"], step.output, atol=1e-15)
    assert float(step.intermediates["learning_rate"]) == traced.learning_rate_at(3)
    for name in traced.state_names:
        assert step.intermediates[name].shape == (3, 2)


def test_adam_trace_keeps_the_corrected_moments():
    step = Adam(learning_rate=0.1).update_trace([np.zeros(2)], [np.array([2.0, -4.0])])[0]
    np.testing.assert_allclose(step.intermediates["momentum"], [0.2, -0.4])
    np.testing.assert_allclose(step.intermediates["momentum_corrected"], [2.0, -4.0])
    np.testing.assert_allclose(step.intermediates["cache_corrected"], [4.0, 16.0])


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: SGD(learning_rate=0), "learning_rate must be > 0"),
        (lambda: SGD(learning_rate="fast"), "learning_rate must be a number"),
        (lambda: SGD(decay=-1), "decay must be ≥ 0"),
        (lambda: SGD(momentum=1.0), "momentum must be ≥ 0 and < 1"),
        (lambda: Adagrad(epsilon=0), "epsilon must be > 0"),
        (lambda: RMSprop(rho=float("nan")), "rho must be"),
        (lambda: Adam(beta_2=1.5), "beta_2 must be ≥ 0 and < 1"),
        (lambda: SGD().learning_rate_at(-1), "iterations must be a whole number ≥ 0"),
        (lambda: SGD().update([np.zeros(2)], [np.zeros(3)]), "parameter 0 (2,) and its gradient (3,) differ"),
        (lambda: SGD().update([np.zeros(2)], []), "1 parameters but 0 gradients"),
    ],
)
def test_bad_settings_are_refused_with_a_message(call, message):
    with pytest.raises(NNMathError) as error:
        call()
    assert message in str(error.value)


def test_an_optimizer_refuses_another_models_parameters():
    optimizer = Adam()
    optimizer.update([np.zeros(2)], [np.ones(2)])
    with pytest.raises(NNMathError, match="state for it is"):
        optimizer.update([np.zeros(3)], [np.ones(3)])
    optimizer.reset()
    optimizer.update([np.zeros(3)], [np.ones(3)])  # after reset() it starts over
    assert optimizer.iterations == 1
