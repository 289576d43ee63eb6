"""Property tests of nnmath.calculus: the chain rule's trace is the derivative of the composition (each
factor against numpy, the product against a numerical derivative), and a neuron's partials."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import nnmath
from numpy_oracles import NUMPY_ACTIVATIONS, NUMPY_DERIVATIVES, assert_close, fast, np_sigmoid


# --------------------------------------------------------------------------------------------
# chain rule
# --------------------------------------------------------------------------------------------

NUMPY_FUNCTIONS = {
    "square": (lambda u: u**2, lambda u: 2 * u),
    "cube": (lambda u: u**3, lambda u: 3 * u**2),
    "sin": (np.sin, np.cos),
    "exp": (np.exp, np.exp),
    "sigmoid": (np_sigmoid, NUMPY_DERIVATIVES["sigmoid"]),
    "tanh": (np.tanh, NUMPY_DERIVATIVES["tanh"]),
    "linear": (lambda u: u, lambda u: np.ones_like(u)),
    "relu": (NUMPY_ACTIVATIONS["relu"], NUMPY_DERIVATIVES["relu"]),
    "step": (NUMPY_ACTIVATIONS["step"], NUMPY_DERIVATIVES["step"]),
}


def test_function_table_is_known():
    assert set(nnmath.FUNCTIONS) == set(NUMPY_FUNCTIONS)


def compose(names, x):
    for name in names:
        x = NUMPY_FUNCTIONS[name][0](x)
    return x


@fast(200)
@given(
    x=st.floats(-2, 2, allow_nan=False),
    names=st.lists(st.sampled_from(sorted(NUMPY_FUNCTIONS)), min_size=1, max_size=3),
)
def test_chain_rule_is_the_derivative_of_the_composition(x, names):
    # the input each function sees, and its value
    inputs = []
    u = np.float64(x)
    for name in names:
        inputs.append(u)
        u = NUMPY_FUNCTIONS[name][0](u)
        assume(abs(u) < 50)
    for name, value in zip(names, inputs):
        if name in ("relu", "step"):
            assume(abs(value) > 1e-3)  # away from the kink

    trace = nnmath.chain_rule_trace(x, names)
    assert len(trace) == len(names) + 1
    chain = trace[-1]
    assert chain.op == "chain_rule"
    factors = chain.intermediates["factors"]
    assert factors.shape == (len(names),)
    for step, name, value in zip(trace[:-1], names, inputs):
        assert_close(step.inputs["u"], value, scale=abs(value), rtol=1e-12)
        assert_close(step.intermediates["derivative"], NUMPY_FUNCTIONS[name][1](value), scale=abs(value), rtol=1e-10)
    assert_close(trace[-2].output, compose(names, np.float64(x)), scale=abs(u), rtol=1e-10)
    assert float(chain.output) == pytest.approx(float(np.prod(factors)), rel=1e-12, abs=1e-300)

    h = 1e-6
    numerical = (compose(names, x + h) - compose(names, x - h)) / (2 * h)
    np.testing.assert_allclose(float(chain.output), numerical, rtol=1e-5, atol=1e-6 * max(1.0, abs(float(u))))


@fast(80)
@given(
    x=st.floats(-10, 10, allow_nan=False),
    w=st.floats(-10, 10, allow_nan=False),
    b=st.floats(-10, 10, allow_nan=False),
    activation=st.sampled_from(["sigmoid", "tanh", "linear", "square"]),
)
def test_neuron_chain_rule_partials(x, w, b, activation):
    trace = nnmath.neuron_chain_rule_trace(x, w, b, activation)
    g, g_prime = NUMPY_FUNCTIONS[activation]
    z = w * x + b
    assert_close(trace.output, g_prime(z) * np.array([x, w, 1.0]), scale=abs(g_prime(z)) * 10, rtol=1e-10)
    h = 1e-6
    numerical = np.array(
        [
            (g((w + h) * x + b) - g((w - h) * x + b)) / (2 * h),
            (g(w * (x + h) + b) - g(w * (x - h) + b)) / (2 * h),
            (g(w * x + b + h) - g(w * x + b - h)) / (2 * h),
        ]
    )
    np.testing.assert_allclose(trace.output, numerical, rtol=1e-5, atol=1e-6 * max(1.0, abs(float(g(z)))))
