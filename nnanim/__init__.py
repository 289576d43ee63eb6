"""nnanim: lecture videos, slide stills and the numbers behind them for a neural network's forward pass.

This package is the ``nnanim`` command; the math lives in :mod:`nnmath`, the drawing in :mod:`scenes`.
"""

__version__ = "0.1.0"
