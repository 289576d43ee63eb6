"""``nnanim doctor``: each check passes here, and each missing piece is named with its fix."""

from __future__ import annotations

import json
import os
import shutil
import stat
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from nnanim.commands.doctor import doctor_command
from nnanim.doctor import check_latex, check_output_folder, check_python, missing_for_render


def _doctor(*args: str):
    return CliRunner().invoke(doctor_command, list(args), catch_exceptions=False)


def _lines(output: str) -> dict[str, str]:
    """The printed check lines by check name: ``{"latex": "✗ latex: ...; install it: ..."}``."""
    lines = {}
    for line in output.splitlines():
        if line[:2] in ("✓ ", "✗ "):
            lines[line[2:].split(":", 1)[0]] = line
    return lines


def _path_with(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *tools: str) -> Path:
    """Set PATH to a fresh folder holding only wrappers for ``tools`` (each calls the real one)."""
    folder = tmp_path / "bin"
    folder.mkdir()
    for tool in tools:
        real = shutil.which(tool)
        assert real, f"{tool} is needed on this machine for the test"
        wrapper = folder / tool
        wrapper.write_text(f'#!/bin/sh\nexec {real} "$@"\n', encoding="utf-8")
        wrapper.chmod(0o755)
    monkeypatch.setenv("PATH", str(folder))
    return folder


def test_every_check_passes_on_this_machine(tmp_path):
    out = tmp_path / "renders" / "dark"
    result = _doctor("--out", str(out))
    assert result.exit_code == 0, result.output
    lines = _lines(result.output)
    assert list(lines) == ["python", "manim", "cairo", "pango", "latex", "dvisvgm", "output folder"]
    assert all(line.startswith("✓") for line in lines.values())
    assert not out.exists(), "a missing output folder is checked, not created"
    assert list(tmp_path.iterdir()) == [], "the probe file is removed again"
    assert missing_for_render() == []


def test_json_lists_every_check_with_its_outcome(tmp_path):
    result = _doctor("--out", str(tmp_path), "--json")
    document = json.loads(result.output)
    assert document["ok"] is True and result.exit_code == 0
    assert {c["name"] for c in document["checks"]} >= {"latex", "dvisvgm", "output folder"}
    assert all(c["ok"] and c["fix"] == "" for c in document["checks"])


@pytest.mark.parametrize(
    ("missing", "present", "apt"),
    [
        ("latex", "dvisvgm", "apt-get install texlive-latex-base texlive-latex-extra texlive-fonts-recommended"),
        ("dvisvgm", "latex", "apt-get install dvisvgm"),
    ],
)
def test_a_missing_tool_names_its_apt_packages(missing, present, apt, tmp_path, monkeypatch):
    _path_with(tmp_path, monkeypatch, present)
    result = _doctor("--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    lines = _lines(result.output)
    assert lines[missing].startswith(f"✗ {missing}: `{missing}` is not on PATH")
    assert apt in lines[missing]
    assert lines[present].startswith("✓"), "the tool still on PATH passes (latex still compiles through it)"
    assert f"1 of 7 checks failed: {missing}." in result.output
    assert [c.name for c in missing_for_render()] == [missing]


def test_a_latex_that_cannot_compile_is_reported_with_its_error(tmp_path, monkeypatch):
    folder = _path_with(tmp_path, monkeypatch)
    broken = folder / "latex"
    # In batch mode latex prints nothing useful: the error is in the .log it writes.
    broken.write_text(
        "#!/bin/sh\necho '! LaTeX Error: File `amsmath.sty` not found.' > tiny.log\nexit 1\n",
        encoding="utf-8",
    )
    broken.chmod(0o755)
    check = check_latex()
    assert not check.ok
    assert "amsmath.sty" in check.detail
    assert "texlive-latex-extra" in check.fix


def test_read_only_output_folder_says_what_to_change(tmp_path):
    folder = tmp_path / "renders"
    folder.mkdir()
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)  # 0o500
    try:
        if os.access(folder, os.W_OK):
            # root writes through the mode bits: a folder under a regular file can never be made
            (tmp_path / "afile").write_text("not a folder", encoding="utf-8")
            target, expected = tmp_path / "afile" / "out", f"remove or rename {tmp_path / 'afile'}"
        else:
            target, expected = folder, f"chmod u+w {folder}"
        result = _doctor("--out", str(target))
    finally:
        folder.chmod(0o700)
    assert result.exit_code == 1
    line = _lines(result.output)["output folder"]
    assert line.startswith("✗ output folder:")
    assert expected in line and "--out" in line
    assert "All 7 checks passed" not in result.output


def test_output_path_that_is_a_file_is_not_a_folder(tmp_path):
    file = tmp_path / "renders"
    file.write_text("", encoding="utf-8")
    check = check_output_folder(file)
    assert not check.ok
    assert "is a file, not a folder" in check.detail


def test_old_python_is_refused_with_how_to_get_a_new_one():
    assert check_python((3, 11, 0)).ok
    old = check_python((3, 10, 12))
    assert not old.ok
    assert "3.10.12 is too old" in old.detail and "3.11" in old.fix


@pytest.mark.parametrize(("module", "name", "headers"), [("cairo", "cairo", "libcairo2-dev"), ("manimpango", "pango", "libpango1.0-dev")])
def test_a_binding_that_does_not_import_names_the_headers_to_install(module, name, headers, monkeypatch):
    monkeypatch.setitem(sys.modules, module, None)  # what `import` sees when the module is absent
    [failing] = missing_for_render()
    assert failing.name == name and not failing.ok
    assert f"apt-get install {headers}" in failing.fix and "pip install --force-reinstall" in failing.fix


# --- checking leaves nothing behind, and says what is true (issue 14) ----------------------------


def test_doctor_creates_no_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _doctor()  # the default --out renders
    _doctor("--out", "typo/a/b/c")
    assert list(tmp_path.iterdir()) == []


def test_a_missing_output_folder_is_checked_where_it_would_be_created(tmp_path):
    check = check_output_folder(tmp_path / "typo" / "a" / "b")
    assert check.ok
    assert f"will be created in {tmp_path}" in check.detail
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(not Path("/proc/self/mounts").exists(), reason="needs Linux's /proc to name file systems")
@pytest.mark.parametrize("folder", ["/proc", "/sys/kernel", "/proc/self/renders"])
def test_kernel_file_systems_are_named_not_misdiagnosed(folder):
    check = check_output_folder(Path(folder))
    assert not check.ok
    assert "kernel's" in check.detail and "--out DIR" in check.fix
    # Neither a permission to change nor a garbled errno sentence.
    assert "chmod" not in check.line() and "No such file" not in check.line() and ": or" not in check.line()


def test_root_is_not_told_to_chmod(monkeypatch):
    import errno

    from nnanim.errors import describe_os_error

    monkeypatch.setattr(os, "geteuid", lambda: 0)
    message = describe_os_error(PermissionError(errno.EACCES, "Permission denied", "/somewhere/x.png"))
    assert "chmod" not in message and "--out DIR" in message
    monkeypatch.setattr(os, "geteuid", lambda: 1000)
    assert "chmod u+w" in describe_os_error(PermissionError(errno.EACCES, "Permission denied", "/somewhere/x.png"))


def test_a_script_without_a_font_names_the_package(monkeypatch):
    import nnanim.doctor as doctor

    # As on a machine with only the fonts setup.sh installs: no font for Japanese.
    monkeypatch.setattr(doctor, "_has_a_font", lambda char: ord(char) < 0x3000)
    check = doctor.check_glyphs({"[one-hot] classes": "薔薇 daisy"})
    assert not check.ok
    assert "[one-hot] classes" in check.detail and "薔薇" in check.detail and "boxes" in check.detail
    assert "apt-get install fonts-noto-cjk" in check.fix
    assert doctor.check_glyphs({"[one-hot] classes": "rose daisy tulip rosé"}).ok


@pytest.mark.skipif(shutil.which("fc-list") is None, reason="needs fontconfig's fc-list")
def test_fonts_are_asked_for_each_letter():
    from nnanim.doctor import _has_a_font

    assert _has_a_font("é") and _has_a_font("→")  # DejaVu Sans has both
    assert not _has_a_font("\U000f0000")  # a private-use letter no font has
