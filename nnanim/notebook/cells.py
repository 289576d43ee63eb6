"""The plain-numpy code of each scene, as a student would type it beside the video.

One small function per scene, registered in :data:`CODE` by slug: those of lecture 1 are
:mod:`nnanim.notebook.lecture1`, those of lecture 2 :mod:`nnanim.notebook.lecture2`, built from
the literals of :mod:`nnanim.notebook.literals` and the formulas of
:mod:`nnanim.notebook.formulas`. Each takes the scene's values table and its
:class:`~nnmath.lecture.Explanation` and returns the sources of its code cells. The values are
written into the code as literals, so a ``--values`` file changes the code's numbers; the
explanation is read to choose the code's *form* (a batch or one sample, which sections the scene
has) and, where the scene's inputs are themselves computed (why-activations' hand-set weights,
the playground's points and recorded weights), for those inputs as literals. Every number the
cells print is computed by the cell itself, with numpy, and ``tests/nnanim/test_notebook_cells.py``
holds each printed number to what ``nnanim explain`` computes.

The code is the book's (*Neural Networks from Scratch in Python*, chapters 2–10):
``np.dot(inputs, weights.T) + biases``, its backward passes and optimizers, no import of nnmath
or nnanim. Each print reads ``label = value`` so that a student sees what the number is (and
the tests can find it).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from nnanim.notebook import lecture1, lecture2
from nnanim.notebook.literals import Values
from nnmath.lecture import Explanation

__all__ = ["CODE", "IMPORTS", "CellsFunction", "code_cells"]

#: The first code cell of every notebook.
IMPORTS = "import numpy as np"

#: What makes a scene's code cells: its values table and explanation in, the cells' sources out.
CellsFunction = Callable[[Values, Explanation], list[str]]

#: The code of each scene, by slug.
CODE: Mapping[str, CellsFunction] = {**lecture1.CELLS, **lecture2.CELLS}


def code_cells(slug: str, values: Values, explanation: Explanation) -> list[str]:
    """The sources of a scene's code cells.

    Parameters
    ----------
    slug : str
        The scene.
    values : Values
        Its values table.
    explanation : Explanation
        What ``course.explain`` computed of it.

    Returns
    -------
    list of str
        One source per code cell; none for a scene without numpy code here (the notebook then
        says where its numbers are).
    """
    return CODE[slug](values, explanation) if slug in CODE else []
