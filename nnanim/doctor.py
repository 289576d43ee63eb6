"""``nnanim doctor``'s checks: is everything a render needs installed, and can the renders be written?

Each check is a plain function returning a :class:`Check`; a failing check's ``fix`` says exactly
what to install or change. The command (:mod:`nnanim.commands.doctor`) prints one line per check and exits 1 if any fails, so
``make lecture`` can run it first and stop before a long render fails half-way.
:func:`missing_for_render` runs only the checks a render depends on, for a render command to
refuse early with the fix.
"""

from __future__ import annotations

import importlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from types import ModuleType

__all__ = [
    "Check",
    "MANIM_RANGE",
    "check_python",
    "check_manim",
    "check_cairo",
    "check_pango",
    "check_latex",
    "check_dvisvgm",
    "check_output_folder",
    "check_glyphs",
    "run_checks",
    "missing_for_render",
]

#: The Python nnanim needs (pyproject's requires-python).
MIN_PYTHON = (3, 11)
#: The manim releases nnanim is pinned to (pyproject: manim>=0.22,<0.23), as (lowest, first excluded).
MANIM_RANGE = ((0, 22), (0, 23))
#: Seconds a tool may take before the check gives up on it (a first LaTeX run builds font caches).
TOOL_TIMEOUT = 60.0

_SETUP = "bash scripts/setup.sh"
_LATEX_PACKAGES = "texlive-latex-base texlive-latex-extra texlive-fonts-recommended"
# manim's default TeX template (MathTex): the packages the tiny document must find.
_TINY_DOCUMENT = r"""\documentclass[preview]{standalone}
\usepackage[english]{babel}
\usepackage{amsmath}
\usepackage{amssymb}
\begin{document}
$\hat{y} = \sum_{i} x_i w_i + b$
\end{document}
"""


@dataclass(frozen=True)
class Check:
    """The outcome of one check.

    Attributes
    ----------
    name : what was checked (``latex``, ``output folder`` ...)
    ok : whether it passed
    detail : what was found (a version, a path) or what went wrong
    fix : what to install or change; empty when ``ok``
    """

    name: str
    ok: bool
    detail: str
    fix: str = ""

    def line(self) -> str:
        """``✓ name: detail`` or ``✗ name: detail; fix``."""
        mark = "✓" if self.ok else "✗"
        return f"{mark} {self.name}: {self.detail}" + (f"; {self.fix}" if self.fix else "")


# --- helpers --------------------------------------------------------------------------------------


def _apt_install(packages: str) -> str:
    """The command that installs Debian/Ubuntu ``packages`` (with sudo unless we are root)."""
    sudo = "" if hasattr(os, "geteuid") and os.geteuid() == 0 else "sudo "
    return f"install it: {sudo}apt-get install {packages} (or run `{_SETUP}`, which installs everything nnanim needs)"


def _version_tuple(text: str) -> tuple[int, ...]:
    """``"0.22.0rc1"`` -> ``(0, 22, 0)``: the leading whole numbers of a version."""
    match = re.match(r"\d+(\.\d+)*", text)
    return tuple(int(n) for n in match.group(0).split(".")) if match else ()


def _run(command: list[str], *, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=TOOL_TIMEOUT, check=False)


def _last_lines(text: str, count: int = 2) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return " | ".join(lines[-count:]) if lines else "no output"


# --- the checks -----------------------------------------------------------------------------------


def check_python(version: tuple[int, ...] | None = None) -> Check:
    """Python is at least :data:`MIN_PYTHON`. ``version`` defaults to the running interpreter's."""
    found = tuple(version or sys.version_info[:3])
    text = ".".join(str(n) for n in found)
    wanted = ".".join(str(n) for n in MIN_PYTHON)
    if found[:2] >= MIN_PYTHON:
        return Check("python", True, f"{text} ({sys.executable})")
    return Check(
        "python",
        False,
        f"{text} is too old; nnanim needs {wanted} or newer",
        f"install Python {wanted}+ (sudo apt-get install python3), then recreate the environment: "
        f"rm -rf .venv && PYTHON=/path/to/python{wanted} {_SETUP}",
    )


def check_manim() -> Check:
    """manim imports, and its version is within :data:`MANIM_RANGE`."""
    low, high = (".".join(map(str, v)) for v in MANIM_RANGE)
    fix = f"install the pinned release into the environment: .venv/bin/pip install 'manim>={low},<{high}' (or run `{_SETUP}`)"
    try:
        version = metadata.version("manim")
    except metadata.PackageNotFoundError:
        return Check("manim", False, "not installed", fix)
    try:
        import manim  # noqa: F401  (importing is the check: it loads Cairo, Pango and PyAV)
    except Exception as exc:  # any import-time failure means a render would fail the same way
        return Check("manim", False, f"{version} is installed but does not import: {type(exc).__name__}: {exc}", fix)
    if not MANIM_RANGE[0] <= _version_tuple(version)[:2] < MANIM_RANGE[1]:
        return Check("manim", False, f"{version} is outside the pinned range >={low},<{high}", fix)
    return Check("manim", True, version)


def _binding_check(name: str, module: str, package: str, headers: str, found: Callable[[ModuleType], str]) -> Check:
    """``module`` (pip ``package``, built against the C library's ``headers``) imports; ``found`` describes it."""
    try:
        imported = importlib.import_module(module)
    except ImportError as exc:
        return Check(
            name,
            False,
            f"{package} does not import: {exc}",
            f"install the {name.capitalize()} headers, then {package}: sudo apt-get install {headers} pkg-config && "
            f".venv/bin/pip install --force-reinstall {package} (or run `{_SETUP}`)",
        )
    return Check(name, True, found(imported))


def check_cairo() -> Check:
    """pycairo imports (manim draws with Cairo); reports the Cairo library's version."""
    return _binding_check(
        "cairo", "cairo", "pycairo", "libcairo2-dev", lambda m: f"Cairo {m.cairo_version_string()} (pycairo {m.version})"
    )


def check_pango() -> Check:
    """manimpango imports (manim's text goes through Pango); reports Pango's version."""
    return _binding_check(
        "pango", "manimpango", "manimpango", "libpango1.0-dev", lambda m: f"Pango {m.pango_version()} (manimpango {m.__version__})"
    )


def check_latex() -> Check:
    """``latex`` is on PATH and compiles a tiny formula with manim's default packages to DVI."""
    latex = shutil.which("latex")
    if latex is None:
        return Check("latex", False, "`latex` is not on PATH (formulas need it)", _apt_install(_LATEX_PACKAGES))
    with tempfile.TemporaryDirectory(prefix="nnanim-doctor-") as work:
        folder = Path(work)
        (folder / "tiny.tex").write_text(_TINY_DOCUMENT, encoding="utf-8")
        try:
            result = _run([latex, "-interaction=batchmode", "-halt-on-error", "tiny.tex"], cwd=folder)
        except subprocess.TimeoutExpired:
            return Check("latex", False, f"{latex} did not finish within {TOOL_TIMEOUT:.0f} s", _apt_install(_LATEX_PACKAGES))
        except OSError as exc:
            return Check("latex", False, f"{latex} cannot run: {exc}", _apt_install(_LATEX_PACKAGES))
        if result.returncode != 0 or not (folder / "tiny.dvi").exists():
            log = folder / "tiny.log"
            errors = [line for line in log.read_text(errors="replace").splitlines() if line.startswith("!")] if log.exists() else []
            why = errors[0] if errors else _last_lines(result.stdout + result.stderr)
            return Check(
                "latex",
                False,
                f"{latex} cannot compile a formula: {why}",
                "the LaTeX packages manim uses are missing: " + _apt_install(_LATEX_PACKAGES),
            )
    return Check("latex", True, f"{latex} compiles a formula")


def check_dvisvgm() -> Check:
    """``dvisvgm`` (LaTeX's DVI to the SVG manim draws) is on PATH and runs."""
    dvisvgm = shutil.which("dvisvgm")
    if dvisvgm is None:
        return Check("dvisvgm", False, "`dvisvgm` is not on PATH (formulas need it)", _apt_install("dvisvgm"))
    try:
        result = _run([dvisvgm, "--version"])
    except (subprocess.TimeoutExpired, OSError) as exc:
        return Check("dvisvgm", False, f"{dvisvgm} does not run: {exc}", _apt_install("dvisvgm"))
    if result.returncode != 0:
        return Check("dvisvgm", False, f"{dvisvgm} --version failed: {_last_lines(result.stderr)}", _apt_install("dvisvgm"))
    return Check("dvisvgm", True, _last_lines(result.stdout, 1) or dvisvgm)


#: File systems the kernel fills with its own entries (processes, devices, settings): no folder
#: on them can hold renders, whatever the permissions say.
_KERNEL_FILESYSTEMS = frozenset(
    {"proc", "sysfs", "devpts", "cgroup", "cgroup2", "debugfs", "tracefs", "securityfs", "pstore", "bpf",
     "configfs", "fusectl", "mqueue", "binfmt_misc", "efivarfs", "autofs", "hugetlbfs", "nsfs"}
)


def _filesystem_of(path: Path) -> str | None:
    """The type of the file system that holds ``path`` (``ext4``, ``proc`` ...), or None off Linux."""
    try:
        mounts = Path("/proc/self/mounts").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    real = os.path.realpath(path)
    best, kind = "", None
    for line in mounts.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        # /proc/self/mounts writes a space in a mount point as \040 (and tab, newline, backslash alike).
        mount = re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), fields[1])
        inside = real == mount or real.startswith(mount.rstrip("/") + "/")
        if inside and len(mount) >= len(best):
            best, kind = mount, fields[2]
    return kind


def _owner_could_fix(folder: Path) -> bool:
    """Whether ``chmod u+w`` would help: the owner's write bit is off and we are not root (root
    writes through the mode bits, so for root a refusal comes from somewhere else)."""
    try:
        mode = folder.stat().st_mode
    except OSError:
        return False
    return not (mode & 0o200) and not (hasattr(os, "geteuid") and os.geteuid() == 0)


def check_output_folder(folder: Path) -> Check:
    """``folder`` can hold the renders: it is a folder where a file can be written and removed, or
    it does not exist yet and its nearest existing parent is such a folder.

    Nothing is left behind: a missing folder is not created (the render creates it), and the file
    written to test is removed at once.
    """
    name = "output folder"
    other = "or choose another folder with --out DIR"
    existing = folder
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        if existing == folder:
            return Check(name, False, f"{folder} is a file, not a folder", f"remove or rename that file, {other}")
        return Check(name, False, f"{folder} cannot be created: {existing} is a file", f"remove or rename {existing}, {other}")
    where = folder if existing == folder else existing
    missing = "" if existing == folder else f"{folder} does not exist yet and "
    kind = _filesystem_of(existing)
    if kind in _KERNEL_FILESYSTEMS:
        return Check(
            name,
            False,
            f"{missing}{where} is on the kernel's {kind} file system, which shows the system's state and holds no "
            "files of ours",
            "choose a folder on a disk with --out DIR (renders/ in the lecture's folder is the default)",
        )
    try:
        with tempfile.NamedTemporaryFile(dir=existing, prefix=".nnanim-doctor-"):
            pass  # created and removed: the renders can be written and replaced
    except PermissionError:
        if _owner_could_fix(existing):
            return Check(
                name,
                False,
                f"{missing}{where} is not writable (no permission to create files in it)",
                f"make it writable: chmod u+w {where} (or sudo chown $USER {where}), {other}",
            )
        return Check(
            name,
            False,
            f"{missing}{where} refuses new files although its permissions allow them "
            f"(the {kind or 'unknown'} file system, or a security policy, forbids it)",
            "choose another folder with --out DIR",
        )
    except OSError as exc:
        from nnanim.errors import advice_for

        return Check(name, False, f"{missing}no file can be created in {where}: {exc.strerror or exc}", advice_for(exc))
    if existing != folder:
        return Check(name, True, f"{folder} will be created in {existing.resolve()}, which is writable")
    return Check(name, True, f"{folder.resolve()} is writable")


# Scripts whose letters the fonts set up by scripts/setup.sh (DejaVu, Latin Modern) lack, and the
# Debian package that has them; the first word of a character's Unicode name says its script.
_SCRIPT_FONTS = {
    ("CJK", "HIRAGANA", "KATAKANA", "HANGUL", "BOPOMOFO", "IDEOGRAPHIC", "HALFWIDTH", "FULLWIDTH"): "fonts-noto-cjk",
}
_DEFAULT_FONT_PACKAGE = "fonts-noto-core"
_EMOJI_PACKAGE = "fonts-noto-color-emoji"


def _font_package(char: str) -> tuple[str, str]:
    """(the script of ``char`` in words, the Debian package with a font that draws it)."""
    import unicodedata

    name = unicodedata.name(char, "")
    first = name.split(" ")[0] if name else f"U+{ord(char):04X}"
    for scripts, package in _SCRIPT_FONTS.items():
        if first in scripts:
            return ("Chinese, Japanese or Korean" if first in ("CJK", "IDEOGRAPHIC") else first.capitalize()), package
    if unicodedata.category(char) == "So":
        return "symbols or emoji", _EMOJI_PACKAGE
    return first.capitalize(), _DEFAULT_FONT_PACKAGE


def _has_a_font(char: str, cache: dict[str, bool] = {}) -> bool:  # noqa: B006 — a cache for the process
    """Whether any installed font draws ``char`` (Pango falls back from the scene's font to any
    font that has it; with none, the letter is drawn as a box)."""
    if ord(char) < 0x80:
        return True
    if char not in cache:
        fc_list = shutil.which("fc-list")
        if fc_list is None:
            return True  # no fontconfig to ask: nothing can be said
        try:
            found = _run([fc_list, f":charset={ord(char):x}", "family"]).stdout.strip()
        except (OSError, subprocess.TimeoutExpired):
            return True
        cache[char] = bool(found)
    return cache[char]


def check_glyphs(texts: dict[str, str]) -> Check:
    """Every character of ``texts`` (what is named where -> the text, e.g. ``{"[one-hot] classes":
    "薔薇"}``) has an installed font; otherwise the scene would draw boxes. The fix names the
    Debian package with the missing script's font (fonts-noto-cjk for Japanese, ...)."""
    missing: dict[str, tuple[str, str, str]] = {}
    for where, text in texts.items():
        for char in dict.fromkeys(text):
            if not char.isspace() and not _has_a_font(char):
                missing.setdefault(char, (where, text, ""))
    if not missing:
        return Check("fonts", True, "every name in the values has a font")
    scripts: dict[str, list[str]] = {}
    for char in missing:
        script, package = _font_package(char)
        scripts.setdefault(package, []).append(script)
    char, (where, text, _) = next(iter(missing.items()))
    listed = "".join(missing)
    packages = " ".join(scripts)
    words = ", ".join(dict.fromkeys(s for found in scripts.values() for s in found))
    return Check(
        "fonts",
        False,
        f"{where} holds {text!r}, whose letters {listed} ({words}) no installed font has: they would be drawn as boxes",
        f"install a font that has them: {'' if hasattr(os, 'geteuid') and os.geteuid() == 0 else 'sudo '}"
        f"apt-get install {packages}; or write the names in another script",
    )


# --- running them ---------------------------------------------------------------------------------

_RENDER_CHECKS: tuple[Callable[[], Check], ...] = (check_manim, check_cairo, check_pango, check_latex, check_dvisvgm)


def run_checks(out: Path) -> list[Check]:
    """Every check, in the order they are printed: Python, the render's needs, the output folder."""
    return [check_python(), *(check() for check in _RENDER_CHECKS), check_output_folder(out)]


def missing_for_render() -> list[Check]:
    """The failing checks among those a render needs (manim, Cairo, Pango, LaTeX, dvisvgm).

    Empty when a render can start; otherwise each :class:`Check` carries its ``fix``, for the
    render command to refuse early with, e.g. ``click.UsageError("\\n".join(c.line() for c in missing))``.
    """
    return [check for check in (run() for run in _RENDER_CHECKS) if not check.ok]
