"""Colours of lecture 2's scenes by role (input, weight, gradient, ...), whichever theme is in force.

The course's palette gives each object a role and a role one colour per theme (``theme.gradient``
for every gradient, ``theme.weight`` for weights, ...). Until a theme defines every role, the
roles map onto its older positional names, so lecture 2's scenes draw the same either way.
"""

from __future__ import annotations

from scenes.theme import Theme

__all__ = ["role"]

# A role a theme may not define yet, and the older colour that played it.
_FALLBACK = {
    "input": "left",
    "weight": "right",
    "output": "result",
    "activation": "product",
    "gradient": "wrong",
    "loss": "wrong",
    "truth": "muted",
}


def role(theme: Theme, name: str) -> str:
    """The colour of role ``name`` in ``theme``."""
    if hasattr(theme, name):
        return getattr(theme, name)
    return getattr(theme, _FALLBACK[name])
