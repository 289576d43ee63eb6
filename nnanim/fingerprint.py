"""What a scene's render depends on, as one hash: the project files it imports, and manim.

A render is up to date when this fingerprint, the scene's resolved values and the render options
are those of the last render. The fingerprint covers only the files the scene uses — its scene
module, its content (compute) module, and every module of ``nnmath``, ``scenes`` and ``course``
that those import, followed through imports — so editing one scene's module re-renders that
scene alone, while editing a shared piece (a mobject, the theme, an nnmath operation) re-renders
every scene that uses it.
"""

from __future__ import annotations

import ast
import hashlib
import re
from functools import cache
from importlib.metadata import version
from pathlib import Path

__all__ = ["scene_fingerprint", "files_of_scene"]

#: The project's own packages; imports of anything else (numpy, manim) are not followed.
_OURS = ("nnmath", "scenes", "course")
#: Modules whose imports list every lecture (``course``) or every scene of a lecture
#: (``course.lecture1``): a scene depends on its own content, not the others'.
_COURSE_INDEX = re.compile(r"course(\.lecture\d+)?")


#: Where the project's packages live (found by path, so that nothing is imported to find a file).
_ROOT = Path(__file__).resolve().parent.parent


def _file_of(module: str) -> Path | None:
    base = _ROOT.joinpath(*module.split("."))
    for path in (base.with_suffix(".py"), base / "__init__.py"):
        if path.is_file():
            return path
    return None


def _parents(module: str) -> list[str]:
    parts = module.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts))]


@cache
def _imports_of(module: str) -> tuple[str, ...]:
    """The project modules ``module`` imports (anywhere in its file), with their parent packages."""
    path = _file_of(module)
    if path is None or _COURSE_INDEX.fullmatch(module):
        return ()
    found: list[str] = []
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: from . import x
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            # `from pkg import name` may name a submodule
            names = [base, *(f"{base}.{alias.name}" for alias in node.names)]
        else:
            continue
        for name in names:
            if name.split(".")[0] in _OURS and _file_of(name) is not None:
                found += [*_parents(name), name]
    return tuple(dict.fromkeys(found))


def _closure(roots: list[str]) -> list[str]:
    seen: dict[str, None] = {}
    stack = list(roots)
    while stack:
        module = stack.pop()
        if module in seen:
            continue
        seen[module] = None
        stack += [m for m in (*_parents(module), *_imports_of(module)) if m not in seen]
    return sorted(seen)


def files_of_scene(slug: str) -> list[Path]:
    """The project files scene ``slug`` uses: its scene and content modules (its built-in values
    are in the latter) and their imports, plus its lecture's errata file if it has one."""
    import course

    scene_spec = course.spec(slug)
    roots = [scene_spec.scene.split(":")[0], scene_spec.compute.__module__, "course.spec"]
    files = [path for module in _closure(roots) if (path := _file_of(module)) is not None]
    lecture = course.lecture_of(slug)
    if lecture.errata:
        files.append(_ROOT.joinpath(*lecture.package.split("."), lecture.errata))
    return sorted(set(files))


def scene_fingerprint(slug: str) -> str:
    """A hash of manim's version and the content of every file scene ``slug`` uses."""
    digest = hashlib.sha256(version("manim").encode())
    for path in files_of_scene(slug):
        digest.update(path.name.encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()
