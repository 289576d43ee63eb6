"""The ``nnanim`` commands, one module each; :mod:`nnanim.cli` is the group that registers them.

A command module is a thin click layer: it parses its options (shared ones are decorators in
:mod:`nnanim.options`, the scene selection and the render batch are in :mod:`.common`), then calls
the parts that do the work. Each module imports at the top only click and light modules, so that
the group can import one command without paying for the others (``nnanim list`` imports neither
manim nor the render batch).
"""
