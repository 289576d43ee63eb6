#!/usr/bin/env bash
# Install what nnanim needs and is missing, saying what it installs:
#   1. Debian/Ubuntu packages: Cairo and Pango headers (pycairo builds from source),
#      LaTeX and dvisvgm (manim's MathTex), and Python's venv/headers/compiler if absent;
#   2. a virtual environment in .venv/ with nnanim installed editable, plus test extras.
# `setup.sh --test` also installs what only the tests need: Chromium, headless, to step through
# the HTML deck. Re-running it installs nothing that is already there.
set -euo pipefail

cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
PYTHON=${PYTHON:-python3}
STAMP="$VENV/.nnanim-installed"

SYSTEM_PACKAGES=(
    libcairo2-dev libpango1.0-dev pkg-config fonts-dejavu-core
    texlive-latex-base texlive-latex-extra texlive-fonts-recommended dvisvgm cm-super-minimal
)
if [ "${1:-}" = "--test" ]; then
    SYSTEM_PACKAGES+=(chromium)
fi

say() { printf 'setup: %s\n' "$*"; }
die() { printf 'setup: error: %s\n' "$*" >&2; exit 1; }

command -v "$PYTHON" >/dev/null 2>&1 || die "$PYTHON not found. Install Python 3.11 or newer (apt-get install python3)."
"$PYTHON" - <<'PY' || die "nnanim needs Python 3.11 or newer; $PYTHON is older. Set PYTHON=/path/to/python3.11."
import sys
sys.exit(0 if sys.version_info >= (3, 11) else 1)
PY

missing=()
if command -v dpkg-query >/dev/null 2>&1; then
    for pkg in "${SYSTEM_PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
    done
    # Python's own pieces: the venv module with ensurepip, the C headers and a compiler for pycairo.
    "$PYTHON" -c "import venv, ensurepip" >/dev/null 2>&1 || missing+=("python3-venv")
    include_dir=$("$PYTHON" -c "import sysconfig; print(sysconfig.get_paths()['include'])")
    [ -f "$include_dir/Python.h" ] || missing+=("python3-dev")
    command -v cc >/dev/null 2>&1 || missing+=("build-essential")
else
    say "not a Debian/Ubuntu system (no dpkg): install by hand the equivalents of: ${SYSTEM_PACKAGES[*]}"
fi

if [ ${#missing[@]} -gt 0 ]; then
    say "installing system packages: ${missing[*]}"
    if [ "$(id -u)" -eq 0 ]; then
        SUDO=()
    elif command -v sudo >/dev/null 2>&1; then
        SUDO=(sudo)
    else
        die "not root and no sudo: run as root: apt-get update && apt-get install -y ${missing[*]}"
    fi
    export DEBIAN_FRONTEND=noninteractive
    "${SUDO[@]}" apt-get update -q || die "apt-get update failed; check the network, then run 'make' again."
    "${SUDO[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" \
        || die "apt-get install failed for: ${missing[*]}"
else
    say "system packages present"
fi

if [ ! -x "$VENV/bin/python" ]; then
    say "creating virtual environment $VENV/"
    "$PYTHON" -m venv "$VENV"
fi

if [ ! -f "$STAMP" ] || [ pyproject.toml -nt "$STAMP" ]; then
    say "installing nnanim (editable) with its test extras into $VENV/"
    "$VENV/bin/python" -m pip install -q --upgrade pip
    "$VENV/bin/python" -m pip install -q -e ".[test]"
    touch "$STAMP"
else
    say "nnanim already installed in $VENV/"
fi
