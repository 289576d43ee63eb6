"""The nnanim command's computing subcommands, through click's CliRunner."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib

import pytest
from click.testing import CliRunner

import course
from nnanim.cli import main

LECTURE_1 = course.lecture(1)
SCHEMA = LECTURE_1.schema()


@pytest.fixture
def run():
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(main, list(args), catch_exceptions=False)

    return invoke


def test_values_prints_the_lecture_toml_with_every_key(run):
    result = run("values")
    assert result.exit_code == 0
    data = tomllib.loads(result.output)
    assert set(data) - {"errata"} == set(SCHEMA)
    for slug, keys in SCHEMA.items():
        assert set(data[slug]) == set(keys), slug
    assert data["vector-matrix"]["B"] == [[4, 5, 6], [7, 8, 9], [10, 11, 12]]


def test_explain_vector_matrix_json_holds_outputs_and_products(run):
    result = run("explain", "vector-matrix", "--json")
    assert result.exit_code == 0
    document = json.loads(result.output)
    [section] = document["sections"]
    [step] = section["steps"]
    assert step["output"] == [48, 54, 60]
    assert [c["products"] for c in step["cells"]] == [[4, 14, 30], [5, 16, 33], [6, 18, 36]]
    assert [c["value"] for c in step["cells"]] == [48, 54, 60]
    assert step["shapes"] == {"a": [3], "B": [3, 3], "output": [3]}


def test_explain_matrix_vector_shows_68_and_the_notes_69(run):
    result = run("explain", "matrix-vector")
    assert result.exit_code == 0
    assert "[2] = 10·1 + 11·2 + 12·3 = 10 + 22 + 36 = 68" in result.output
    errata_part = result.output.split("-- errata")[1]
    assert "69" in errata_part and "68" in errata_part


def test_explain_all_covers_every_scene_in_order(run):
    result = run("explain", "--all", "--json")
    assert result.exit_code == 0
    assert [d["slug"] for d in json.loads(result.output)] == LECTURE_1.slugs


def test_explain_unknown_slug_suggests_the_closest(run):
    result = CliRunner().invoke(main, ["explain", "vector-matrx"])
    assert result.exit_code == 2
    assert "unknown scene 'vector-matrx'" in result.output
    assert "Did you mean vector-matrix" in result.output


def test_explain_without_a_slug_is_an_error_not_a_prompt(run):
    result = CliRunner().invoke(main, ["explain"])
    assert result.exit_code == 2
    assert "name one or more scenes" in result.output and "or give --all" in result.output


def test_explain_takes_a_glob_as_render_does(run):
    # The README: "A scene is named by its slug or a glob such as 'matrix-*'".
    result = run("explain", "matrix-*", "--json")
    assert result.exit_code == 0, result.output
    assert [d["slug"] for d in json.loads(result.output)] == ["matrix-vector", "matrix-matrix"]
    assert CliRunner().invoke(main, ["explain", "nothing-*"]).exit_code == 2


@pytest.mark.parametrize("command", [["explain"], ["render", "-q", "l"], ["stills", "-q", "l"]])
def test_all_with_scene_names_is_refused_not_ignored(command, tmp_path):
    result = CliRunner().invoke(main, [*command, "softmax", "--all", *(["--out", str(tmp_path)] if len(command) > 1 else [])])
    assert result.exit_code == 2
    assert "--all" in result.output and "softmax" in result.output
    assert not any(tmp_path.iterdir())


def test_explain_with_values_file_changes_the_numbers(run, tmp_path):
    values = tmp_path / "mine.toml"
    values.write_text("[dot-product]\na = [1, 1, 1]\n", encoding="utf-8")
    result = run("explain", "dot-product", "--json", "--values", str(values))
    assert result.exit_code == 0
    document = json.loads(result.output)
    assert document["quantities"]["a·b"]["value"] == 15  # 4 + 5 + 6


def test_explain_with_bad_values_names_key_and_line(tmp_path):
    values = tmp_path / "bad.toml"
    values.write_text("[softmax]\n# a comment\nz = [1, \"two\", 3]\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["explain", "softmax", "--values", str(values)])
    assert result.exit_code == 2
    assert f"{values}:3" in result.output
    assert "softmax.z" in result.output
    assert "Traceback" not in result.output


def test_explain_with_values_that_do_not_line_up(tmp_path):
    values = tmp_path / "bad.toml"
    values.write_text("[vector-matrix]\na = [1, 2, 3, 4]\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["explain", "vector-matrix", "--values", str(values)])
    assert result.exit_code == 2
    assert "[vector-matrix] (1, 4) . (3, 3): inner dimensions 4 and 3 differ" in result.output


def test_errata_lists_every_row_of_scenes_md(run):
    result = run("errata")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    for scene, notes, computed in [
        ("matrix-vector", "69", "68"),
        ("layers", "2×4", "3×4"),
        ("layers", "3×1", "(3,)"),
        ("cross-entropy", "0.22", "0.511"),
        ("cross-entropy", "2.202", "2.303"),
    ]:
        assert any(scene in line and f" {notes} " in line and f" {computed} " in line for line in lines), notes


def test_errata_json(run):
    rows = json.loads(run("errata", "--json").output)
    assert len(rows) == 5
    assert {"scene", "where", "notes", "computed", "how"} == set(rows[0])


def test_computing_commands_do_not_import_manim():
    code = (
        "import sys; from click.testing import CliRunner; from nnanim.cli import main; "
        "r = CliRunner().invoke(main, ['explain', '--all']); assert r.exit_code == 0, r.output; "
        "r = CliRunner().invoke(main, ['errata']); assert r.exit_code == 0; "
        "print('manim' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_console_script_runs():
    out = subprocess.run([sys.executable, "-m", "nnanim.cli", "errata"], capture_output=True, text=True)
    assert out.returncode == 0
    assert "matrix-vector" in out.stdout


# --- errata only while the numbers they are about are the notes' own (issue 14) -------------------


def _errata_printed(run, slug: str, values) -> tuple[str, list[dict]]:
    text = run("explain", slug, "--values", str(values)).output
    document = json.loads(run("explain", slug, "--json", "--values", str(values)).output)
    return text, document["errata"]


def test_explain_with_a_lecturers_values_drops_the_notes_69(run, tmp_path):
    values = tmp_path / "mine.toml"
    values.write_text("[matrix-vector]\na = [1, 1, 1]\n", encoding="utf-8")
    text, rows = _errata_printed(run, "matrix-vector", values)
    assert "-- errata" not in text and "69" not in text
    assert rows == []


def test_an_erratum_stays_while_its_own_numbers_do(run, tmp_path):
    # Only B's first row changes: the third entry is still 10·1 + 11·2 + 12·3, the notes' 69.
    values = tmp_path / "first_row.toml"
    values.write_text("[matrix-vector]\nB = [[1, 0, 0], [7, 8, 9], [10, 11, 12]]\n", encoding="utf-8")
    text, rows = _errata_printed(run, "matrix-vector", values)
    assert [(r["notes"], r["computed"]) for r in rows] == [("69", "68")]
    assert "69" in text.split("-- errata")[1]


def test_cross_entropy_errata_each_about_their_own_numbers(run, tmp_path):
    # Other predictions: the notes' 0.22 (about −log 0.6) goes; 0.1 is still in the table, so
    # the notes' −log(0.1) = 2.202 is still corrected.
    values = tmp_path / "mine.toml"
    values.write_text("[cross-entropy]\npredictions = [0.1, 0.7, 0.2]\ntable = [0.9, 0.3, 0.1]\n", encoding="utf-8")
    text, rows = _errata_printed(run, "cross-entropy", values)
    assert [(r["notes"], r["computed"]) for r in rows] == [("2.202", "2.303")]
    assert "0.22 " not in text and "2.202" in text
    # Without 0.1 in the table, nothing is left to correct.
    values.write_text("[cross-entropy]\npredictions = [0.1, 0.7, 0.2]\ntable = [0.9, 0.3]\n", encoding="utf-8")
    text, rows = _errata_printed(run, "cross-entropy", values)
    assert rows == [] and "2.202" not in text and "-- errata" not in text


# --- a large product is elided in text as on screen, and memory follows what is printed ----------


@pytest.fixture(scope="module")
def hundred_by_hundred(tmp_path_factory):
    import numpy as np

    rng = np.random.default_rng(0)
    a, b = (rng.integers(-9, 10, (100, 100)).tolist() for _ in range(2))
    path = tmp_path_factory.mktemp("big") / "big.toml"
    path.write_text(f"[matrix-matrix]\nA = {a}\nB = {b}\n", encoding="utf-8")
    return path


def test_explain_a_100_by_100_product_is_elided_as_on_screen(run, hundred_by_hundred):
    text = run("explain", "matrix-matrix", "--values", str(hundred_by_hundred)).output
    lines = text.splitlines()
    assert len(text) < 20_000 and max(map(len, lines)) < 200  # was 1.2 GB, in lines of 123 kB
    entries = [line for line in lines if line.startswith("  [")]
    # First four, then the last, along each axis: the 25 entries the scene draws.
    assert [line.split(" =")[0].strip() for line in entries[:6]] == ["[0, 0]", "[0, 1]", "[0, 2]", "[0, 3]", "[0, 99]", "[1, 0]"]
    assert len(entries) == 25 and entries[-1].startswith("  [99, 99] = ")
    assert all(" + … + " in line for line in entries)
    assert "the 25 the scene shows of 10000" in text


def test_explain_json_of_a_100_by_100_product_keeps_every_output(run, hundred_by_hundred):
    document = json.loads(run("explain", "matrix-matrix", "--json", "--values", str(hundred_by_hundred)).output)
    step = document["sections"][1]["steps"][0]
    assert len(step["output"]) == 100 and all(len(row) == 100 for row in step["output"])
    assert len(step["cells"]) == 25


def test_explain_of_a_100_by_100_product_takes_little_memory(hundred_by_hundred):
    # The peak of the process's own memory (VmHWM): ru_maxrss of a child keeps the parent's peak
    # from before its exec, so under a test process grown past 400 MB it measured pytest.
    code = (
        "import sys\nfrom nnanim.cli import main\n"
        "try:\n    main(['explain', 'matrix-matrix', '--values', sys.argv[1]])\nexcept SystemExit:\n    pass\n"
        "sys.stderr.write(next(line for line in open('/proc/self/status') if line.startswith('VmHWM:')).split()[1])\n"
    )
    done = subprocess.run([sys.executable, "-c", code, str(hundred_by_hundred)], capture_output=True, text=True, check=True)
    assert int(done.stderr.strip().splitlines()[-1]) < 400_000  # kB; it was 6.1 GB


# --- one module per command, each imported only when run (issue 13) -------------------------------

def test_every_command_lives_in_its_own_module_under_nnanim_commands():
    context = main.make_context("nnanim", ["list"])
    names = main.list_commands(context)
    assert names == sorted(names) and {"list", "render", "deck", "doctor", "figures"} <= set(names)
    modules = {name: main.get_command(context, name).callback.__module__ for name in names}
    assert all(module.startswith("nnanim.commands.") for module in modules.values()), modules
    assert len(set(modules.values())) == len(names), f"two commands share a module: {modules}"


def test_list_imports_its_own_command_module_and_no_other(tmp_path):
    # A command module imported at the top of another (or of nnanim.cli) would show up here: each
    # command pays only for what it uses, and `nnanim list` (reading the beat table) for no render
    # batch, figure, manim, course, scene, nnmath or numpy. The table is made here (make writes the
    # checkout's; git does not hold it), so the test does not depend on one being current.
    from nnanim import beat_table

    table = tmp_path / "beat_table.json"
    table.write_text(json.dumps(beat_table.table_of(course.LECTURES)), encoding="utf-8")
    code = (
        "import sys\nfrom pathlib import Path\nfrom nnanim import beat_table\nfrom nnanim.cli import main\n"
        "beat_table.TABLE = Path(sys.argv[1])\n"
        "try:\n    main(['list'])\nexcept SystemExit as done:\n    assert not done.code, done.code\n"
        "packages = ('manim', 'matplotlib', 'av', 'dask', 'course', 'scenes', 'nnmath', 'numpy')\n"
        "prefixes = ('nnanim.commands.', 'nnanim.batch', 'nnanim.doctor', 'nnanim.figures')\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in packages or m.startswith(prefixes)), file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", code, str(table)], capture_output=True, text=True, check=True)
    assert done.stderr.strip() == "['nnanim.commands.listing']", done.stderr
