"""The lecture as a Jupyter notebook (``nnanim notebook``) and videos inside any notebook
(:func:`nnanim.show`).

- :mod:`nnanim.notebook.cells` — each scene's plain-numpy code, from its values, by slug: lecture 1's
  in :mod:`~nnanim.notebook.lecture1`, lecture 2's in :mod:`~nnanim.notebook.lecture2`, written with
  :mod:`~nnanim.notebook.literals` (values as Python source) and :mod:`~nnanim.notebook.formulas`
  (the book's formulas several scenes share);
- :mod:`nnanim.notebook.build` — the notebook's cells, their execution and an atomic write;
- :mod:`nnanim.notebook.write` — a lecture's notebook from its rendered scenes (captions, path, outputs
  of the same cells kept);
- :mod:`nnanim.notebook.show` — ``nnanim.show(slug, values=..., quality=...)``.

The command (render what is missing, then write the notebook) is :mod:`nnanim.commands.notebook`, a
thin click layer over :func:`nnanim.notebook.write.write_lecture_notebook`.
"""
