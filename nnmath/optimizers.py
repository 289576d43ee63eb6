"""Optimizers: how a gradient becomes a change of the parameters.

The four of the book's chapter 10, with its parameter names and defaults and its order of
operations, so the same settings give the same runs:

* :class:`SGD` — ``w ← w − lr·g``; with ``momentum``, ``m ← momentum·m − lr·g``, ``w ← w + m``;
* :class:`Adagrad` — ``cache ← cache + g²``, ``w ← w − lr·g / (√cache + ε)``;
* :class:`RMSprop` — ``cache ← ρ·cache + (1 − ρ)·g²``, ``w ← w − lr·g / (√cache + ε)``;
* :class:`Adam` — momentum and RMSprop's cache, each divided by ``1 − β^(t+1)`` (bias correction).

Every optimizer decays its learning rate as ``lr · 1 / (1 + decay · iterations)``
(:meth:`Optimizer.learning_rate_at`), and counts ``iterations``: one per :meth:`~Optimizer.update`
of all the parameters, as the book's ``pre_update_params`` / ``post_update_params`` do. Its state
(momentums, caches) is kept per parameter, by position in the list given to ``update``.

``update`` changes the parameters in place with bare numpy; ``update_trace`` does the same update
and returns a :class:`Trace` with one step per parameter recording the gradient, the learning rate,
the state after the step and the change.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from nnmath.errors import InputError, ShapeError
from nnmath.trace import Step, Trace
from nnmath.validate import format_shape

__all__ = ["Optimizer", "SGD", "Adagrad", "RMSprop", "Adam"]

State = dict[str, np.ndarray]


def _number(value: object, name: str, *, low: float, high: float | None = None, low_open: bool = False) -> float:
    """A finite float in [low, high) (or (low, high) with ``low_open``), else an InputError naming it."""
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise InputError(f"{name} must be a number, got {value!r}")
    number = float(value)
    too_low = number <= low if low_open else number < low
    if not np.isfinite(number) or too_low or (high is not None and number >= high):
        bounds = f"{'>' if low_open else '≥'} {low:g}" + (f" and < {high:g}" if high is not None else "")
        raise InputError(f"{name} must be {bounds}, got {value!r}")
    return number


class Optimizer:
    """What the four optimizers share: the decayed learning rate, the iteration count, the state.

    Subclasses set ``name`` and ``formula`` and define ``_step(g, state, lr, t)``, which returns
    the change to add to the parameter and, for a trace, the named values it computed on the way.
    """

    name = "optimizer"
    formula = ""
    #: The names of the state arrays a parameter carries between updates, each shaped like it.
    state_names: tuple[str, ...] = ()

    def __init__(self, learning_rate: float, decay: float) -> None:
        self.learning_rate = _number(learning_rate, "learning_rate", low=0.0, low_open=True)
        self.decay = _number(decay, "decay", low=0.0)
        self.iterations = 0
        self._states: list[State] = []

    def learning_rate_at(self, iterations: int) -> float:
        """The learning rate of update number ``iterations`` (from 0): lr · 1 / (1 + decay · iterations)."""
        if isinstance(iterations, bool) or not isinstance(iterations, (int, np.integer)) or iterations < 0:
            raise InputError(f"iterations must be a whole number ≥ 0, got {iterations!r}")
        # The book's expression, operation for operation, so its printed rates come out digit for digit.
        return self.learning_rate * (1.0 / (1.0 + self.decay * int(iterations)))

    @property
    def current_learning_rate(self) -> float:
        """The learning rate the next update will use."""
        return self.learning_rate_at(self.iterations)

    def reset(self) -> None:
        """Forget every parameter's state and start counting iterations from 0 again."""
        self.iterations = 0
        self._states = []

    def update(self, params: Sequence[np.ndarray], grads: Sequence[np.ndarray]) -> None:
        """One update of every parameter, in place: ``param += change``; then ``iterations += 1``.

        ``params`` are writable float64 arrays, ``grads`` their gradients, same shapes, the same
        parameters in the same order at every call (their state is kept by position).
        """
        lr = self.current_learning_rate
        for param, grad, state in zip(params, grads, self._states_for(params, grads)):
            param += self._step(grad, state, lr, self.iterations)[0]
        self.iterations += 1

    def update_trace(
        self, params: Sequence[np.ndarray], grads: Sequence[np.ndarray], *, names: Sequence[str] | None = None
    ) -> Trace:
        """:meth:`update`, recording each parameter's step.

        Returns
        -------
        Trace
            One step per parameter, ``op`` the optimizer's name: ``inputs`` the parameter before
            and its gradient ``d<name>``; ``intermediates`` the ``learning_rate``, the state after
            the step (``momentum``, ``cache``, ...), anything else computed (Adam's
            ``momentum_corrected``, ``cache_corrected``) and the ``change``; ``output`` the
            parameter after.
        """
        names = list(names) if names is not None else [f"p{i}" for i in range(len(params))]
        if len(names) != len(params):
            raise InputError(f"{len(names)} names for {len(params)} parameters")
        lr = self.current_learning_rate
        steps = []
        for name, param, grad, state in zip(names, params, grads, self._states_for(params, grads)):
            before = param.copy()
            change, computed = self._step(grad, state, lr, self.iterations)
            param += change
            steps.append(
                Step(
                    op=self.name,
                    label=f"{name} ← {name} + Δ{name}",
                    inputs={name: before, f"d{name}": grad},
                    output=param,
                    intermediates={
                        "learning_rate": np.array(lr),
                        "iteration": np.array(self.iterations),
                        **{key: state[key] for key in self.state_names},
                        **computed,
                        "change": change,
                    },
                    note=self.formula,
                )
            )
        self.iterations += 1
        return Trace(steps)

    def _states_for(self, params: Sequence[np.ndarray], grads: Sequence[np.ndarray]) -> list[State]:
        if len(params) != len(grads):
            raise InputError(f"{len(params)} parameters but {len(grads)} gradients")
        if not self._states:
            self._states = [{key: np.zeros_like(p, dtype=np.float64) for key in self.state_names} for p in params]
        if len(self._states) != len(params):
            raise InputError(
                f"this {self.name} optimizer has updated {len(self._states)} parameters; it was given "
                f"{len(params)}: use a new optimizer (or reset()) for another model"
            )
        for i, (param, grad) in enumerate(zip(params, grads)):
            if np.shape(param) != np.shape(grad):
                raise ShapeError(
                    f"parameter {i} {format_shape(np.shape(param))} and its gradient "
                    f"{format_shape(np.shape(grad))} differ in shape"
                )
            held = next(iter(self._states[i].values()), None)
            if held is not None and held.shape != np.shape(param):
                raise ShapeError(
                    f"parameter {i} has shape {format_shape(np.shape(param))} but this optimizer's state "
                    f"for it is {format_shape(held.shape)}: use a new optimizer (or reset()) for another model"
                )
        return self._states

    def _step(self, g: np.ndarray, state: State, lr: float, t: int) -> tuple[np.ndarray, dict[str, np.ndarray]]:
        raise NotImplementedError

    def __repr__(self) -> str:
        hidden = ("iterations", "state_names", "formula")
        settings = ", ".join(f"{k}={v!r}" for k, v in vars(self).items() if not k.startswith("_") and k not in hidden)
        return f"{type(self).__name__}({settings})"


class SGD(Optimizer):
    """Stochastic gradient descent, optionally with momentum (the book's ``Optimizer_SGD``)."""

    name = "sgd"

    def __init__(self, learning_rate: float = 1.0, decay: float = 0.0, momentum: float = 0.0) -> None:
        super().__init__(learning_rate, decay)
        self.momentum = _number(momentum, "momentum", low=0.0, high=1.0)
        self.state_names = ("momentum",) if self.momentum else ()
        self.formula = "m ← momentum·m − lr·g; w ← w + m" if self.momentum else "w ← w − lr·g"

    def _step(self, g, state, lr, t):
        if self.momentum:
            state["momentum"] = self.momentum * state["momentum"] - lr * g
            return state["momentum"], {}
        return -lr * g, {}


class Adagrad(Optimizer):
    """Adaptive gradient: each parameter's step divided by the root of its summed squared gradients."""

    name = "adagrad"
    formula = "cache ← cache + g²; w ← w − lr·g / (√cache + ε)"
    state_names = ("cache",)

    def __init__(self, learning_rate: float = 1.0, decay: float = 0.0, epsilon: float = 1e-7) -> None:
        super().__init__(learning_rate, decay)
        self.epsilon = _number(epsilon, "epsilon", low=0.0, low_open=True)

    def _step(self, g, state, lr, t):
        state["cache"] = state["cache"] + g**2
        return -lr * g / (np.sqrt(state["cache"]) + self.epsilon), {}


class RMSprop(Optimizer):
    """Root mean square propagation: Adagrad's cache as a moving average with retention ``rho``."""

    name = "rmsprop"
    formula = "cache ← ρ·cache + (1 − ρ)·g²; w ← w − lr·g / (√cache + ε)"
    state_names = ("cache",)

    def __init__(self, learning_rate: float = 0.001, decay: float = 0.0, epsilon: float = 1e-7, rho: float = 0.9) -> None:
        super().__init__(learning_rate, decay)
        self.epsilon = _number(epsilon, "epsilon", low=0.0, low_open=True)
        self.rho = _number(rho, "rho", low=0.0, high=1.0)

    def _step(self, g, state, lr, t):
        state["cache"] = self.rho * state["cache"] + (1 - self.rho) * g**2
        return -lr * g / (np.sqrt(state["cache"]) + self.epsilon), {}


class Adam(Optimizer):
    """Adaptive moment estimation: momentum over RMSprop's cache, both bias-corrected."""

    name = "adam"
    formula = "m ← β₁m + (1 − β₁)g; c ← β₂c + (1 − β₂)g²; w ← w − lr·m̂ / (√ĉ + ε), m̂ = m/(1 − β₁ᵗ), ĉ = c/(1 − β₂ᵗ)"
    state_names = ("momentum", "cache")

    def __init__(
        self,
        learning_rate: float = 0.001,
        decay: float = 0.0,
        epsilon: float = 1e-7,
        beta_1: float = 0.9,
        beta_2: float = 0.999,
    ) -> None:
        super().__init__(learning_rate, decay)
        self.epsilon = _number(epsilon, "epsilon", low=0.0, low_open=True)
        self.beta_1 = _number(beta_1, "beta_1", low=0.0, high=1.0)
        self.beta_2 = _number(beta_2, "beta_2", low=0.0, high=1.0)

    def _step(self, g, state, lr, t):
        state["momentum"] = self.beta_1 * state["momentum"] + (1 - self.beta_1) * g
        state["cache"] = self.beta_2 * state["cache"] + (1 - self.beta_2) * g**2
        # t counts from 0 at the first update; the correction needs 1 there (the book's iterations + 1).
        momentum_corrected = state["momentum"] / (1 - self.beta_1 ** (t + 1))
        cache_corrected = state["cache"] / (1 - self.beta_2 ** (t + 1))
        change = -lr * momentum_corrected / (np.sqrt(cache_corrected) + self.epsilon)
        return change, {"momentum_corrected": momentum_corrected, "cache_corrected": cache_corrected}

