"""The book's formulas as numpy source, for the cells of several scenes: the activations and
their derivatives, softmax, and the optimizers' updates.

Each is written once here, so that a cell that applies ReLU, or updates a parameter with Adam,
writes it the same way in every scene (and as *Neural Networks from Scratch in Python* does).
"""

from __future__ import annotations

from nnanim.notebook.literals import assign, print_call
from nnmath.optimizers import Optimizer

__all__ = [
    "apply",
    "derivative",
    "axis_arguments",
    "softmax_lines",
    "DECAYED_LEARNING_RATE",
    "optimizer_settings",
    "optimizer_state",
    "update_lines",
]

# Each activation (and each function of the derivatives scene) as a numpy expression of {x},
# and its derivative. The binary step's derivative is 0 everywhere and ReLU'(0) = 0, as in nnmath.
_FUNCTIONS: dict[str, tuple[str, str]] = {
    "relu": ("np.maximum(0, {x})", "np.where({x} > 0, 1.0, 0.0)"),
    "sigmoid": ("1 / (1 + np.exp(-{x}))", "(1 / (1 + np.exp(-{x}))) * (1 - 1 / (1 + np.exp(-{x})))"),
    "tanh": ("np.tanh({x})", "1 - np.tanh({x}) ** 2"),
    "step": ("np.where({x} > 0, 1.0, 0.0)", "np.zeros_like({x} * 1.0)"),
    "linear": ("{x}", "np.ones_like({x} * 1.0)"),
    "square": ("{x} ** 2", "2 * {x}"),
    "cube": ("{x} ** 3", "3 * {x} ** 2"),
    "sin": ("np.sin({x})", "np.cos({x})"),
    "exp": ("np.exp({x})", "np.exp({x})"),
}


def apply(name: str, x: str) -> str:
    """Function ``name`` (``relu``, ``sigmoid``, ``sin``, …) applied to the expression ``x``.

    Parameters
    ----------
    name : str
        An activation, or a function of the derivatives scene.
    x : str
        The numpy expression it is applied to (``"z"``, ``"points"``).

    Returns
    -------
    str
        A numpy expression, such as ``np.maximum(0, z)``.
    """
    return _FUNCTIONS[name][0].format(x=x)


def derivative(name: str, x: str) -> str:
    """The derivative of function ``name`` at the expression ``x``, as :func:`apply` writes it."""
    return _FUNCTIONS[name][1].format(x=x)


def axis_arguments(ndim: int) -> str:
    """The reduction arguments that work on one sample (a vector) or on each row of a batch."""
    return ", axis=1, keepdims=True" if ndim == 2 else ""


def softmax_lines(z: str, out: str, ndim: int, *, subtract_max: bool = True, show: str = "") -> list[str]:
    """The book's softmax as lines of source: exponentiate, sum, normalise.

    Parameters
    ----------
    z : str
        The variable holding the scores.
    out : str
        The variable the probabilities go to.
    ndim : int
        1 for one sample, 2 for a batch (one sample a row).
    subtract_max : bool, optional
        Subtract each sample's maximum first, as the book does, so that ``e^x`` cannot overflow.
    show : str, optional
        If given, also print the exponentials and their sum, under this name.

    Returns
    -------
    list of str
        The lines, to go into a cell.
    """
    shifted = f"{z} - np.max({z}{axis_arguments(ndim)})" if subtract_max else z
    lines = [f"exp_values = np.exp({shifted})"]
    if show:
        lines += [print_call(show, "exp_values", ndim == 2), print_call("sum", f"np.sum(exp_values{axis_arguments(ndim)})", ndim == 2)]
    lines.append(f"{out} = exp_values / np.sum(exp_values{axis_arguments(ndim)})")
    return lines


# Each optimizer's update of one parameter {p} with gradient {g} at update number `iteration`, in
# place, as the book's chapter 10 writes it ({m} the momentums, {c} the cache, kept between updates).
_UPDATES: dict[str, tuple[str, ...]] = {
    "sgd": ("{p} += -current_learning_rate * {g}",),
    "momentum": ("{m}[:] = momentum * {m} - current_learning_rate * {g}", "{p} += {m}"),
    "adagrad": ("{c} += {g} ** 2", "{p} += -current_learning_rate * {g} / (np.sqrt({c}) + epsilon)"),
    "rmsprop": (
        "{c}[:] = rho * {c} + (1 - rho) * {g} ** 2",
        "{p} += -current_learning_rate * {g} / (np.sqrt({c}) + epsilon)",
    ),
    "adam": (
        "{m}[:] = beta_1 * {m} + (1 - beta_1) * {g}",
        "{c}[:] = beta_2 * {c} + (1 - beta_2) * {g} ** 2",
        "{m}_corrected = {m} / (1 - beta_1 ** (iteration + 1))",
        "{c}_corrected = {c} / (1 - beta_2 ** (iteration + 1))",
        "{p} += -current_learning_rate * {m}_corrected / (np.sqrt({c}_corrected) + epsilon)",
    ),
}
# What each optimizer keeps per parameter between updates, as named in _UPDATES.
_STATE: dict[str, tuple[str, ...]] = {"sgd": (), "momentum": ("m",), "adagrad": ("c",), "rmsprop": ("c",), "adam": ("m", "c")}
#: The book's decayed learning rate at update number ``iteration``, as a line of source.
DECAYED_LEARNING_RATE = "current_learning_rate = learning_rate * (1. / (1. + decay * iteration))"


def _optimizer_kind(optimizer: Optimizer) -> str:
    return "momentum" if getattr(optimizer, "momentum", 0.0) else optimizer.name


def optimizer_settings(optimizer: Optimizer) -> list[str]:
    """The optimizer's hyper-parameters as assignments, the book's names, from the nnmath optimizer
    the scene runs (so the code's defaults are nnmath's)."""
    names = ("learning_rate", "decay", "momentum", "epsilon", "rho", "beta_1", "beta_2")
    kept = [n for n in names if hasattr(optimizer, n) and (n != "momentum" or optimizer.momentum)]
    return [assign(n, getattr(optimizer, n)) for n in kept]


def optimizer_state(optimizer: Optimizer) -> tuple[str, ...]:
    """What ``optimizer`` keeps per parameter between updates: ``"m"`` (momentums), ``"c"`` (a
    cache), both (Adam) or none (plain SGD); the names :func:`update_lines` writes them as."""
    return _STATE[_optimizer_kind(optimizer)]


def update_lines(optimizer: Optimizer, indent: str, **names: str) -> list[str]:
    """One update of a parameter by ``optimizer``, as lines of source.

    Parameters
    ----------
    optimizer : Optimizer
        The nnmath optimizer whose update is written (momentum SGD when its momentum is not 0).
    indent : str
        What each line starts with (the loop's indentation).
    **names : str
        The variables: ``p`` the parameter, ``g`` its gradient, and, as the optimizer keeps them
        (:func:`optimizer_state`), ``m`` its momentums and ``c`` its cache.

    Returns
    -------
    list of str
        The update's lines, in the book's order.
    """
    return [indent + line.format(**names) for line in _UPDATES[_optimizer_kind(optimizer)]]
