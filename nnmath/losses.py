"""Losses, accuracy and one-hot encoding, traced.

Logs are natural logs. Predictions of a cross-entropy are clipped to ``[1e-7, 1 − 1e-7]``, as the
book does, so that log(0) never happens and a perfect prediction does not pull the mean towards 0
on its own. Predictions must be probabilities (in [0, 1]); rows need not sum to 1.
"""

from __future__ import annotations

import numpy as np

from nnmath.errors import InputError, ShapeError
from nnmath.trace import Step
from nnmath.validate import as_array, as_labels, format_shape

__all__ = [
    "CLIP",
    "one_hot_trace",
    "categorical_cross_entropy_trace",
    "binary_cross_entropy_trace",
    "mse_trace",
    "accuracy_trace",
    "negative_log_trace",
    "clipped_text",
    "one_hot",
    "categorical_cross_entropy",
    "binary_cross_entropy",
    "mse",
    "accuracy",
]

CLIP = 1e-7


def _probabilities(value: object, name: str, ndim: tuple[int, ...]) -> np.ndarray:
    array = as_array(value, name, ndim=ndim)
    outside = (array < 0) | (array > 1)
    if outside.any():
        bad = float(array[outside][0])
        raise InputError(f"{name} must be probabilities in [0, 1]; it holds {bad}")
    return array


def one_hot_trace(labels: object, n_classes: int, *, labels_name: str = "labels") -> Step:
    """Class indices to one-hot rows.

    Parameters
    ----------
    labels : int or array of ints of shape (samples,), each in [0, n_classes)
    n_classes : number of classes

    Returns
    -------
    Step
        ``output`` of shape (n_classes,) or (samples, n_classes): 1 at each label, 0 elsewhere.
    """
    if isinstance(n_classes, bool) or not isinstance(n_classes, (int, np.integer)) or n_classes < 1:
        raise InputError(f"n_classes must be a positive whole number, got {n_classes!r}")
    indices = as_labels(labels, labels_name, n_classes=int(n_classes))
    output = np.eye(int(n_classes))[indices]
    return Step(
        op="one_hot",
        label=f"one_hot({labels_name})",
        inputs={labels_name: indices},
        output=output,
        note=f"a 1 at each label's index among {n_classes} classes, 0 elsewhere",
    )


def _targets_as_one_hot(targets: object, predictions: np.ndarray) -> tuple[np.ndarray, bool]:
    """Return one-hot targets like ``predictions`` and whether they were given sparse."""
    n_classes = predictions.shape[-1]
    raw = as_array(targets, "targets", ndim=(0, 1, 2))
    if raw.ndim == predictions.ndim - 1:
        if raw.shape != predictions.shape[:-1]:
            raise ShapeError(
                f"targets {format_shape(raw.shape)} give one label per sample, but predictions "
                f"{format_shape(predictions.shape)} hold {predictions.shape[0]} samples"
            )
        return np.eye(n_classes)[as_labels(raw, "targets", n_classes=n_classes)], True
    if raw.shape == predictions.shape:
        if not np.isin(raw, (0.0, 1.0)).all() or not np.all(raw.sum(axis=-1) == 1):
            raise InputError(
                "one-hot targets must hold a single 1 per sample and 0 elsewhere; "
                f"got {raw.tolist()}"
            )
        return raw, False
    raise ShapeError(
        f"targets {format_shape(raw.shape)} fit neither way with predictions "
        f"{format_shape(predictions.shape)}: give class indices of shape "
        f"{format_shape(predictions.shape[:-1])} or one-hot rows of shape {format_shape(predictions.shape)}"
    )


def categorical_cross_entropy_trace(predictions: object, targets: object) -> Step:
    """CE = −Σ true · log(predicted), averaged over the samples.

    Parameters
    ----------
    predictions : array of shape (classes,) or (batch, classes), probabilities
    targets : class indices of shape () or (batch,), or one-hot rows shaped like ``predictions``

    Returns
    -------
    Step
        ``intermediates``: ``one_hot`` targets, ``clipped`` predictions, ``log`` of them,
        ``terms`` = −true · log(predicted) like ``predictions`` (zero except the true class),
        ``surviving`` (batch,) the predicted probability of each true class, and
        ``sample_losses`` (batch,) = −log(surviving). ``output`` is their mean.
    """
    probs = _probabilities(predictions, "predictions", (1, 2))
    one_hot, sparse = _targets_as_one_hot(targets, probs)
    clipped = np.clip(probs, CLIP, 1 - CLIP)
    log = np.log(clipped)
    terms = -one_hot * log
    surviving = np.sum(clipped * one_hot, axis=-1)
    sample_losses = -np.log(surviving)
    return Step(
        op="categorical_cross_entropy",
        label="CE(predictions, targets)",
        inputs={"predictions": probs, "targets": one_hot},
        output=np.mean(sample_losses),
        intermediates={
            "clipped": clipped,
            "log": log,
            "terms": terms,
            "surviving": np.atleast_1d(surviving),
            "sample_losses": np.atleast_1d(sample_losses),
        },
        note="only the true class's term survives: CE = −ln(predicted probability of the true class)"
        + (" (targets given as class indices)" if sparse else "")
        + (
            f"; predictions clipped to [{CLIP:g}, 1 − {CLIP:g}] so that ln 0 = −∞ never happens"
            if not np.array_equal(clipped, probs)
            else ""
        ),
    )


def binary_cross_entropy_trace(y_true: object, y_pred: object) -> Step:
    """BCE = −(y log p + (1 − y) log(1 − p)), averaged over every output.

    Parameters
    ----------
    y_true : array of 0s and 1s, any shape up to 2-D
    y_pred : probabilities of the same shape
    """
    truth = as_array(y_true, "y_true")
    probs = _probabilities(y_pred, "y_pred", (0, 1, 2))
    if truth.shape != probs.shape:
        raise ShapeError(f"y_true {format_shape(truth.shape)} and y_pred {format_shape(probs.shape)} differ in shape")
    if not np.isin(truth, (0.0, 1.0)).all():
        raise InputError(f"y_true must hold only 0 and 1; got {truth.tolist()}")
    clipped = np.clip(probs, CLIP, 1 - CLIP)
    losses = -(truth * np.log(clipped) + (1 - truth) * np.log(1 - clipped))
    return Step(
        op="binary_cross_entropy",
        label="BCE(y_true, y_pred)",
        inputs={"y_true": truth, "y_pred": probs},
        output=np.mean(losses),
        intermediates={"clipped": clipped, "losses": losses},
        note="−(y·log p + (1 − y)·log(1 − p)), averaged",
    )


def mse_trace(y_true: object, y_pred: object) -> Step:
    """MSE = (1/n) Σ (y − ŷ)² over every value.

    Parameters
    ----------
    y_true, y_pred : numbers or arrays of the same shape

    Returns
    -------
    Step
        ``intermediates``: ``errors`` y − ŷ, ``squared`` errors, ``n`` the count.
    """
    truth = as_array(y_true, "y_true")
    pred = as_array(y_pred, "y_pred")
    if truth.shape != pred.shape:
        raise ShapeError(f"y_true {format_shape(truth.shape)} and y_pred {format_shape(pred.shape)} differ in shape")
    with np.errstate(over="ignore"):  # Step reports an overflow as an InputError
        errors = truth - pred
        squared = errors**2
    return Step(
        op="mse",
        label="MSE(y, ŷ)",
        inputs={"y_true": truth, "y_pred": pred},
        output=np.mean(squared),
        intermediates={"errors": errors, "squared": squared, "n": np.array(truth.size)},
        note="the mean of the squared differences",
    )


def accuracy_trace(predictions: object, targets: object) -> Step:
    """The fraction of samples whose largest prediction is the true class.

    Parameters
    ----------
    predictions : array of shape (classes,) or (batch, classes)
    targets : class indices of shape () or (batch,), or one-hot rows shaped like ``predictions``
    """
    scores = as_array(predictions, "predictions", ndim=(1, 2))
    one_hot, _ = _targets_as_one_hot(targets, scores)
    predicted = np.argmax(scores, axis=-1)
    true = np.argmax(one_hot, axis=-1)
    correct = np.atleast_1d(predicted == true).astype(np.float64)
    return Step(
        op="accuracy",
        label="accuracy(predictions, targets)",
        inputs={"predictions": scores, "targets": one_hot},
        output=np.mean(correct),
        intermediates={"predicted": np.atleast_1d(predicted), "true": np.atleast_1d(true), "correct": correct},
        note="argmax of each prediction compared with the true class",
    )


def negative_log_trace(probabilities: object, *, name: str = "p") -> Step:
    """−ln p for each probability p in (0, 1]: the loss when p is the predicted probability of the
    true class. Exact, not clipped: −ln 1 is 0, and p = 0 (whose −ln is infinite) is refused.

    ``intermediates["negative_log10"]`` holds −log₁₀ p, the base a calculator's "log" key uses.
    """
    probs = _probabilities(probabilities, name, (0, 1))
    if (probs == 0).any():
        raise InputError(
            f"{name} holds 0: −ln 0 is infinite, the loss grows without bound as p → 0; give probabilities "
            f"above 0, such as 0.001 (a cross-entropy clips a prediction of 0 to {CLIP:g})"
        )
    return Step(
        op="negative_log",
        label="−ln(p)",
        inputs={"p": probs},
        output=-np.log(probs),
        intermediates={"negative_log10": -np.log10(probs)},
        note="natural log: −ln 1 = 0 (no loss), growing without bound as p → 0",
    )


def clipped_text(value: float) -> str:
    """How a clipped probability is written so that it is not mistaken for 0 or 1: ``1e−7`` and
    ``1 − 1e−7`` (rounded, 1 − 1e−7 would read as 1, and −ln of it, 1e−7, would look like −ln 1)."""
    if value == 1 - CLIP:
        return f"1 − {CLIP:g}".replace("-", "−")
    if value == CLIP:
        return f"{CLIP:g}".replace("-", "−")
    raise InputError(f"{value!r} is not a clipped end: only {CLIP:g} and 1 − {CLIP:g} are")


def one_hot(labels: object, n_classes: int) -> np.ndarray:
    """One-hot rows for class indices: shape (n_classes,) or (samples, n_classes)."""
    return np.array(one_hot_trace(labels, n_classes).output)


def categorical_cross_entropy(predictions: object, targets: object) -> np.float64:
    """Mean categorical cross-entropy; targets sparse (class indices) or one-hot."""
    return np.float64(categorical_cross_entropy_trace(predictions, targets).output)


def binary_cross_entropy(y_true: object, y_pred: object) -> np.float64:
    """Mean binary cross-entropy."""
    return np.float64(binary_cross_entropy_trace(y_true, y_pred).output)


def mse(y_true: object, y_pred: object) -> np.float64:
    """Mean squared error."""
    return np.float64(mse_trace(y_true, y_pred).output)


def accuracy(predictions: object, targets: object) -> np.float64:
    """Fraction of samples predicted correctly."""
    return np.float64(accuracy_trace(predictions, targets).output)
