"""nnanim: lecture videos, slide stills and the numbers behind them for a neural network's forward pass.

This package is the ``nnanim`` command; the math lives in :mod:`nnmath`, the drawing in :mod:`scenes`.
"""

__version__ = "0.1.0"


def __getattr__(name: str):
    # `nnanim.show` is imported on first use, so `import nnanim` (and the command) stay quick.
    if name == "show":
        from nnanim.notebook.show import show

        return show
    raise AttributeError(f"module 'nnanim' has no attribute {name!r}")
