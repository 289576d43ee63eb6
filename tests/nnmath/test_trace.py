"""Traced steps record what they were made from, and can be inspected and serialised."""

from __future__ import annotations

import json

import numpy as np
import pytest

import nnmath
from nnmath.trace import ancestors


def test_step_records_inputs_output_shapes_and_is_read_only():
    step = nnmath.dot_trace([1, 2, 3], [4, 5, 6])
    assert step.op == "dot"
    assert step.shapes == {"a": (3,), "b": (3,), "output": ()}
    assert float(step.output) == 32
    with pytest.raises(ValueError):
        step.intermediates["products"][0, 0, 0] = 0
    with pytest.raises(ValueError):
        step.output[()] = 0


def test_step_copies_its_inputs():
    a = np.array([1.0, 2.0, 3.0])
    step = nnmath.dot_trace(a, [1, 1, 1])
    a[0] = 100
    assert step.inputs["a"].tolist() == [1, 2, 3]


def test_np_dot_a_a_keeps_both_inputs():
    step = nnmath.dot_trace([1, 2], [3, 4], a_name="a", b_name="a")
    assert len(step.inputs) == 2


def test_forward_pass_walks_back_to_its_parents():
    fp = nnmath.forward_trace(
        [[10, 5]],
        [nnmath.Layer([[1, 0], [0, 1]], [0, 0]), nnmath.Layer([[1, 1], [1, -1]], [0, 0], activation="softmax")],
    )
    last = fp.trace[-1]
    assert last.op == "softmax"
    chain = ancestors(last)
    assert chain[-1] is last
    ops = [s.op for s in chain]
    # every step of the pass is an ancestor of the softmax, in computed order
    assert ops == [s.op for s in fp.trace]
    labels = [s.label for s in fp.trace]
    assert labels[:4] == ["w1ᵀ", "np.dot(X, w1ᵀ)", "np.dot(X, w1ᵀ) + b1", "relu(z1)"]
    assert fp.predicted.tolist() == [0]


def test_product_cells_in_reading_order():
    step = nnmath.dot_trace([[1, 2], [3, 4]], [[5, 6], [7, 8]])
    cells = list(step.cells())
    assert [c.index for c in cells] == [(0, 0), (0, 1), (1, 0), (1, 1)]
    assert cells[1].left.tolist() == [1, 2] and cells[1].right.tolist() == [6, 8]
    assert cells[1].products.tolist() == [6, 16] and cells[1].value == 22
    with pytest.raises(IndexError):
        step.cell(0)


def test_matrix_vector_cells_use_the_rows():
    step = nnmath.dot_trace([[1, 2], [3, 4]], [1, 10])
    assert [(c.row, c.column, c.value) for c in step.cells()] == [(0, 0, 21.0), (1, 0, 43.0)]


def test_to_dict_is_json():
    trace = nnmath.dense_trace([[1, 2]], [[1, 1], [2, 0], [0, 3]], [1, 2, 3])
    document = json.loads(json.dumps(trace.to_list()))
    assert [d["op"] for d in document] == ["transpose", "matrix_matrix", "add"]
    assert document[-1]["output"] == [[4, 4, 9]]
    assert document[-1]["parents"] == ["np.dot(X, Wᵀ)"]


def test_trace_find_and_repr():
    trace = nnmath.dense_trace([1, 2], [[1, 1]], [0])
    assert trace.find("add").output.tolist() == [3]
    with pytest.raises(KeyError, match="no step 'relu'"):
        trace.find("relu")
    assert "np.dot(X, Wᵀ)" in repr(trace)


def test_format_number_policy():
    f = nnmath.format_number
    assert [f(48.0), f(0.09003057), f(-0.0), f(2.30258509), f(6.3)] == ["48", "0.09", "0", "2.3026", "6.3"]
    assert f(123456789012.0) == "1.23e+11"
    assert f(1e-9) == "1e-09"
    assert f(0.511, 2) == "0.51"
