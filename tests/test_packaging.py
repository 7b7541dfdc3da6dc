"""grammar/ and rules/ live outside src/ yet are part of the package: found the same way (through
`disclosure_lint`) in an editable install, where they are the repository's live files, and in a
regular install, where the wheel carries them."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from importlib import resources
from pathlib import Path

import pytest
from conftest import ROOT

import disclosure_lint.rules

PROBE = (
    "import disclosure_lint.rules as r, importlib.resources as res, pathlib;"
    "g = res.files('disclosure_lint') / 'grammar';"
    "print(pathlib.Path(r.__file__).resolve().parent);"
    "print(sorted(p.name for p in g.iterdir() if p.name.endswith(('.lark', '.json'))))"
)


def test_grammar_and_rules_resolve_through_the_package():
    grammar = resources.files("disclosure_lint") / "grammar"
    assert (grammar / "structure.lark").is_file() and (grammar / "tables.lark").is_file()
    assert (grammar / "template.json").is_file()
    from disclosure_lint.registry import all_rules

    assert {"DL001", "DL101", "DL203", "DL303"} <= {r.code for r in all_rules()}


def test_editable_install_sees_the_repository_files():
    here = Path(disclosure_lint.rules.__file__).resolve().parent
    if ROOT not in here.parents and here != ROOT / "rules":
        pytest.skip("the package under test is not an editable install of this checkout")
    assert here == ROOT / "rules"


@pytest.mark.skipif(os.environ.get("DISCLOSURE_LINT_SKIP_INSTALL") == "1", reason="install test disabled")
def test_regular_install_ships_grammar_and_rules(tmp_path: Path):
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    install = subprocess.run([str(python), "-m", "pip", "install", "--quiet", str(ROOT)],
                             capture_output=True, text=True, timeout=600)
    if install.returncode != 0 and "Could not find a version" in install.stderr + install.stdout:
        pytest.skip("no package index reachable to build the wheel")
    assert install.returncode == 0, install.stderr[-2000:]
    probe = subprocess.run([str(python), "-c", PROBE], capture_output=True, text=True, cwd=tmp_path)
    assert probe.returncode == 0, probe.stderr
    rules_dir, grammar_files = probe.stdout.splitlines()
    assert "site-packages" in rules_dir and not rules_dir.startswith(str(ROOT))
    assert grammar_files == str(["structure.lark", "tables.lark", "template.json"])
    run = subprocess.run([str(env_dir / "bin" / "disclosure-lint"), str(ROOT / "examples" / "2024-report.txt")],
                         capture_output=True, text=True, cwd=tmp_path)
    assert run.returncode == 0, run.stdout + run.stderr
    listed = subprocess.run([str(env_dir / "bin" / "disclosure-lint"), "rule"], capture_output=True, text=True)
    assert "DL303" in listed.stdout


# --- start-up: the LALR tables travel with the wheel; entry points without importlib.metadata ----

def _tables_names() -> list[str]:
    from disclosure_lint import grammar

    return [f"disclosure_lint/grammar/{grammar.tables_name(name)}" for name in grammar.PARSERS]


@pytest.mark.skipif(os.environ.get("DISCLOSURE_LINT_SKIP_INSTALL") == "1", reason="install test disabled")
def test_wheel_ships_the_parse_tables_and_a_run_writes_nothing_to_tmpdir(tmp_path: Path):
    """The wheel's build hook adds the LALR tables; a run in its venv loads them (empty TMPDIR, a
    read-only empty HOME) and writes nothing: no Lark cache, no tables of its own."""
    import zipfile

    wheels = tmp_path / "wheels"
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(wheels), str(ROOT)],
                           capture_output=True, text=True, timeout=600)
    if built.returncode != 0 and "Could not find a version" in built.stderr + built.stdout:
        pytest.skip("no package index reachable to build the wheel")
    assert built.returncode == 0, built.stderr[-2000:]
    (wheel,) = wheels.glob("disclosure_lint-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert set(_tables_names()) <= set(names), [n for n in names if "grammar" in n]
    assert not [n for n in names if "build_hooks" in n or "__pycache__" in n]

    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    install = subprocess.run([str(env_dir / "bin" / "python"), "-m", "pip", "install", "--quiet", str(wheel)],
                             capture_output=True, text=True, timeout=600)
    if install.returncode != 0 and "Could not find a version" in install.stderr + install.stdout:
        pytest.skip("no package index reachable to install the dependencies")
    assert install.returncode == 0, install.stderr[-2000:]

    temp, home = tmp_path / "tmp", tmp_path / "home"
    temp.mkdir()
    home.mkdir()
    home.chmod(0o555)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "XDG_CACHE_HOME")}
    env.update(TMPDIR=str(temp), HOME=str(home), NO_COLOR="1")
    try:
        run = subprocess.run([str(env_dir / "bin" / "disclosure-lint"), "--no-frames", str(ROOT / "examples" / "2024-report.txt")],
                             capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120)
        assert run.returncode == 0, run.stdout + run.stderr
        probe = subprocess.run(
            [str(env_dir / "bin" / "python"), "-c",
             "from disclosure_lint import grammar as g; [g._lark(n) for n in g.PARSERS]; print(sorted(g.provenance.values()))"],
            capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120)
        assert probe.stdout.strip() == str(["loaded:shipped", "loaded:shipped"]), probe.stdout + probe.stderr
        assert list(temp.iterdir()) == [] and list(home.iterdir()) == []
    finally:
        home.chmod(0o755)


@pytest.fixture
def tables(tmp_path: Path, monkeypatch):
    """grammar.py's parsers built afresh from a copy of the grammars, with the user cache and temp
    folders in tmp_path; `tables()` clears the parsers of this process and returns how each was obtained."""
    import shutil
    import tempfile

    from disclosure_lint import grammar

    folder = tmp_path / "grammar"
    folder.mkdir()
    for name in grammar.PARSERS:
        shutil.copy(grammar.GRAMMAR_DIR / name, folder / name)
    (tmp_path / "temp").mkdir()
    monkeypatch.setattr(grammar, "GRAMMAR_DIR", folder)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "temp"))

    def load() -> dict[str, str]:
        grammar._lark.cache_clear()
        grammar.provenance.clear()
        for name in grammar.PARSERS:
            grammar._lark(name)
        return dict(grammar.provenance)

    yield load
    grammar._lark.cache_clear()  # the other tests' parsers come from the real grammar folder again
    grammar.provenance.clear()


def _parses(name: str = "2024-report") -> None:
    from conftest import example_text, lint_text

    assert lint_text(example_text(name)).findings == ()


def test_tables_are_built_once_then_loaded(tables, tmp_path: Path, monkeypatch):
    from disclosure_lint import grammar

    assert set(tables().values()) == {"built, saved:checkout"}
    assert sorted(p.name for p in (tmp_path / "grammar" / "__pycache__").iterdir()) == sorted(
        grammar.tables_name(n) for n in grammar.PARSERS)
    assert set(tables().values()) == {"loaded:checkout"}
    _parses()
    # what the wheel ships beside the grammars comes first
    grammar.write_tables(tmp_path / "grammar")
    assert set(tables().values()) == {"loaded:shipped"}
    _parses()


def test_stale_foreign_or_corrupt_tables_are_never_trusted(tables, tmp_path: Path, monkeypatch):
    import hashlib
    import pickle

    from disclosure_lint import grammar

    grammar.write_tables(tmp_path / "grammar")
    shipped = [tmp_path / "grammar" / grammar.tables_name(n) for n in grammar.PARSERS]
    good = {p: p.read_bytes() for p in shipped}

    def rewrite(make) -> None:
        for path, data in good.items():
            path.write_bytes(make(data))
        for cached in (tmp_path / "grammar" / "__pycache__").glob("*.lalr"):
            cached.unlink()

    def sealed(payload: bytes, key: str) -> bytes:
        return f"{key} {hashlib.sha256(payload).hexdigest()}\n".encode() + payload

    other_lark = lambda data: sealed(data.partition(b"\n")[2], "0" * 64)  # noqa: E731 - built for another key
    corrupt = lambda data: data[:-10] + b"0123456789"  # noqa: E731 - the payload no longer has its digest
    garbage = lambda data: b"not tables at all"  # noqa: E731
    unloadable = lambda data: sealed(pickle.dumps({"x": 1}), data.split(b" ")[0].decode())  # noqa: E731 - right key, not Lark's
    for make in (other_lark, corrupt, garbage, unloadable):
        rewrite(make)
        assert set(tables().values()) == {"built, saved:checkout"}, make
        _parses()

    # an installed package is pip's: tables it cannot use go to the user's cache, then the temp folder
    monkeypatch.setattr(grammar, "_installed", lambda: True)
    rewrite(other_lark)
    assert set(tables().values()) == {"built, saved:user"}
    assert set(tables().values()) == {"loaded:user"}
    assert not (tmp_path / "grammar" / "__pycache__").exists() or not list((tmp_path / "grammar" / "__pycache__").iterdir())


def test_tables_fall_back_to_the_temp_folder_then_to_memory(tables, tmp_path: Path, monkeypatch):
    from disclosure_lint import grammar

    monkeypatch.setattr(grammar, "_installed", lambda: True)
    (tmp_path / "cache").write_text("a file where the cache folder would be")  # the user cache cannot be written
    assert set(tables().values()) == {"built, saved:temp"}
    private = grammar._temp_dir()
    assert private.parent == tmp_path / "temp" and private.stat().st_mode & 0o777 == 0o700
    assert set(tables().values()) == {"loaded:temp"}
    private.chmod(0o777)  # a temp folder others can write to is not read from, nor written to
    assert set(tables().values()) == {"built"}
    _parses()


def test_entry_points_are_found_as_importlib_metadata_finds_them(tmp_path: Path, monkeypatch):
    """registry's own entry_points.txt scan against importlib.metadata, on folders of distributions:
    the first distribution of a name on the path wins, egg-info and an egg's EGG-INFO count, other
    groups and comments are skipped; and on this interpreter's real sys.path, for every group."""
    from importlib import metadata

    from disclosure_lint import registry

    group = registry.ENTRY_POINT_GROUP

    def dist(folder: Path, directory: str, name: str, version: str, entry_points: str | None) -> None:
        info = folder / directory
        info.mkdir(parents=True)
        meta = "METADATA" if directory.endswith(".dist-info") else "PKG-INFO"
        (info / meta).write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n\nName: not this\n")
        if entry_points is not None:
            (info / "entry_points.txt").write_text(entry_points)

    first, second = tmp_path / "first", tmp_path / "second"
    dist(first, "pack_a-1.0.dist-info", "pack-a", "1.0", f"[console_scripts]\nx = y:z\n\n[{group}]\n# a comment\nalpha = pack_a\n")
    dist(second, "Pack.A-2.0.dist-info", "Pack.A", "2.0", f"[{group}]\nalpha2 = pack_a_v2\n")  # shadowed by 1.0
    dist(first, "pack_b-0.1.egg-info", "pack_b", "0.1", f"[{group}]\nbeta = pack_b.rules:provider\n")
    dist(second, "pack_c-3.dist-info", "pack-c", "3", f"[{group}]\n  gamma  =  pack_c  \n")
    dist(second, "pack_d-1.dist-info", "pack-d", "1", None)
    dist(second / "pack_e-1.0-py3.egg", "EGG-INFO", "pack-e", "1.0", f"[{group}]\nepsilon = pack_e\n")
    paths = [str(first), str(tmp_path / "missing"), str(second), str(second / "pack_e-1.0-py3.egg")]

    def seen(points) -> list[tuple]:
        return sorted((ep.name, ep.value, ep.group, ep.dist.name, ep.dist.version) for ep in points)

    ours = registry._scan_entry_points(group, paths)
    assert sorted(ep.name for ep in ours) == ["alpha", "beta", "epsilon", "gamma"]
    monkeypatch.setattr(sys, "path", paths)
    assert seen(ours) == seen(metadata.entry_points(group=group))
    assert {registry._distribution(ep) for ep in ours if ep.name == "alpha"} == {"pack-a 1.0"}
    monkeypatch.undo()

    real = {ep.group for d in metadata.distributions() for ep in d.entry_points} | {group}
    for name in real:
        assert seen(registry._scan_entry_points(name)) == seen(metadata.entry_points(group=name)), name

    (tmp_path / "archive.zip").write_bytes(b"")
    assert registry._scan_entry_points(group, [str(tmp_path / "archive.zip")]) is None  # importlib.metadata reads zips


def test_an_entry_point_loads_its_module_and_attribute(tmp_path: Path, monkeypatch):
    from disclosure_lint import registry

    monkeypatch.syspath_prepend(str(tmp_path))
    (tmp_path / "_dl_probe_pack.py").write_text("class Holder:\n    class rules:\n        pass\n")
    point = registry._EntryPoint("probe", "_dl_probe_pack : Holder.rules [extra]", registry.ENTRY_POINT_GROUP, None)
    assert point.load().__qualname__ == "Holder.rules"
    assert registry._EntryPoint("m", "_dl_probe_pack", registry.ENTRY_POINT_GROUP, None).load().__name__ == "_dl_probe_pack"
    with pytest.raises(ValueError):
        registry._EntryPoint("bad", "not a module!", registry.ENTRY_POINT_GROUP, None).load()
