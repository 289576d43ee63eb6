"""The lecture as a Jupyter notebook (``nnanim notebook``) and videos inside any notebook
(:func:`nnanim.show`).

- :mod:`nnanim.notebook.cells` — each scene's plain-numpy code, from its values;
- :mod:`nnanim.notebook.build` — the notebook's cells, their execution and an atomic write;
- :mod:`nnanim.notebook.show` — ``nnanim.show(slug, values=..., quality=...)``.

The command (render what is missing, then write the notebook) is :mod:`nnanim.commands.notebook`.
"""
