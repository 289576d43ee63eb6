"""Matplotlib figures for slides, drawn from nnmath's values: ``nnanim figures``.

:mod:`nnanim.figures.registry` names every figure in lecture order; one module per topic draws
them (:mod:`~nnanim.figures.activations`, :mod:`~nnanim.figures.losses`, ...) in the lecture's
theme (:mod:`~nnanim.figures.style`); :mod:`~nnanim.figures.animate` turns the moving ones into
GIF or MP4 previews; :mod:`~nnanim.figures.output` writes them where they go. The click command is
:mod:`nnanim.commands.figures`.

This package imports nothing itself, so ``nnanim`` starts without loading matplotlib.
"""
