"""The Lark parsers of grammar/structure.lark and grammar/tables.lark, fed by our own tokenizers.

Both are LALR parsers over token streams (see disclosure_lint.tokens), built once per process.
Deviations from the national layout are not fatal: the error handler records each token the grammar
could not place and parsing goes on, so that the rules can say *what* is wrong rather than "parse
error".

Building the two parsers takes ~70–95 ms, loading their saved tables ~10 ms. The wheel carries them
beside the grammars (`grammar/structure.cpython-311.lalr`, written by src/build_hooks/lark_tables.py).
They are looked for there, then in `grammar/__pycache__/` (where a checkout or an editable install
keeps its own), then in the user's cache folder, then in a private folder of the temp directory. A
file is used only if its header names exactly this grammar text, these parser options, this Lark
version and this Python, and its payload has the digest the header gives; anything else (stale,
foreign, corrupt, unloadable) is ignored, and the tables are built and saved to the first of the
last three places that can be written (`grammar/__pycache__/` only outside site-packages: an
installed package is pip's), or kept in memory only.
"""

from __future__ import annotations

import hashlib
import io
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import lark
from lark import Lark, Token, Tree
from lark.exceptions import UnexpectedInput, UnexpectedToken
from lark.lexer import Lexer

if TYPE_CHECKING:
    from disclosure_lint.tokens import TableTokens

GRAMMAR_DIR = Path(__file__).with_name("grammar")
PARSERS: dict[str, tuple[str, ...]] = {  # each grammar and the start symbols its parser is built for
    "structure.lark": ("report",),
    "tables.lark": ("table2", "table3", "table4"),
}
_FORMAT = "disclosure-lint LALR tables 1"  # change it when the file layout below changes
_TAG = sys.implementation.cache_tag or f"{sys.implementation.name}-{sys.version_info[0]}{sys.version_info[1]}"


class TokenStream(Lexer):
    """A Lark 'lexer' that passes on the tokens our tokenizers made."""

    def __init__(self, lexer_conf):
        pass

    def lex(self, tokens: Iterator[Token]) -> Iterator[Token]:  # type: ignore[override]
        return tokens


def _options(start: tuple[str, ...]) -> dict:
    return dict(parser="lalr", lexer=TokenStream, start=list(start), propagate_positions=False,
                maybe_placeholders=False)


def tables_name(grammar: str) -> str:
    """The file name of a grammar's tables beside it: `structure.lark` → `structure.cpython-311.lalr`."""
    return f"{grammar.rpartition('.')[0]}.{_TAG}.lalr"


def _key(text: str, start: tuple[str, ...]) -> str:
    """What saved tables must have been built from: this grammar text, these options, this Lark, this Python."""
    options = {**_options(start), "lexer": f"{TokenStream.__module__}.{TokenStream.__qualname__}"}
    facts = (_FORMAT, text, repr(sorted(options.items())), lark.__version__, _TAG)
    return hashlib.sha256("\0".join(facts).encode("utf-8")).hexdigest()


def _dump(parser: Lark, key: str) -> bytes:
    """The tables file: a header line `KEY DIGEST`, then Lark.save's payload, whose sha256 DIGEST is."""
    payload = io.BytesIO()
    parser.save(payload)
    data = payload.getvalue()
    return f"{key} {hashlib.sha256(data).hexdigest()}\n".encode("ascii") + data


def _read(path: Path, key: str, start: tuple[str, ...]) -> Lark | None:
    """The parser saved at `path` if it was saved for `key` and is intact; None otherwise."""
    try:
        data = path.read_bytes()
    except (OSError, ValueError):
        return None
    header, _, payload = data.partition(b"\n")
    if header != f"{key} {hashlib.sha256(payload).hexdigest()}".encode("ascii"):
        return None  # stale (another grammar, Lark or Python), foreign or corrupt: never unpickled
    try:
        parser = Lark.load(io.BytesIO(payload))
    except Exception:  # whatever a Lark upgrade may change: build instead
        return None
    if parser.options.lexer is not TokenStream or list(parser.options.start) != list(start):
        return None
    return parser


def _installed() -> bool:
    """Whether this package is an installed copy (whose files pip owns), not a checkout."""
    return any(part in ("site-packages", "dist-packages") for part in Path(__file__).parts)


def _user_cache_dir() -> Path | None:
    try:
        if sys.platform == "win32":
            base = Path(os.environ["LOCALAPPDATA"])
        elif sys.platform == "darwin":
            base = Path.home() / "Library" / "Caches"
        else:
            base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    except (KeyError, RuntimeError):  # no home directory
        return None
    return base / "disclosure-lint" if base.is_absolute() else None


def _temp_dir() -> Path:
    import tempfile  # lark has imported it already

    user = os.getuid() if hasattr(os, "getuid") else os.environ.get("USERNAME", "user")
    return Path(tempfile.gettempdir()) / f"disclosure-lint-{user}"


def _private(directory: Path) -> bool:
    """Whether `directory` is a real folder that only this user can write to (the temp folder is shared)."""
    try:
        st = os.lstat(directory)
    except OSError:
        return False
    if not hasattr(os, "getuid"):
        return os.path.isdir(directory)
    import stat

    return stat.S_ISDIR(st.st_mode) and st.st_uid == os.getuid() and not st.st_mode & 0o022


def _places(grammar: str, key: str) -> list[tuple[Path, str]]:
    """Where a grammar's tables may be, in the order they are looked for: (path, kind)."""
    cached = f"{grammar.rpartition('.')[0]}-{key[:16]}.lalr"
    places = [(GRAMMAR_DIR / tables_name(grammar), "shipped"),
              (GRAMMAR_DIR / "__pycache__" / tables_name(grammar), "checkout")]
    user = _user_cache_dir()
    if user is not None:
        places.append((user / cached, "user"))
    places.append((_temp_dir() / cached, "temp"))
    return places


def _write(path: Path, data: bytes, kind: str) -> bool:
    partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        if kind == "temp":
            path.parent.mkdir(mode=0o700, exist_ok=True)
            if not _private(path.parent):
                return False
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
        partial.write_bytes(data)
        os.replace(partial, path)  # atomic: a concurrent run reads the old file or the new one
        return True
    except OSError:
        try:
            partial.unlink()
        except OSError:
            pass
        return False


# How each parser of this process was obtained: `loaded:<kind>` or `built` (with `, saved:<kind>` when
# it could be saved). For tests and for measuring start-up.
provenance: dict[str, str] = {}


def _grammar_text(grammar: str) -> str:
    try:
        return (GRAMMAR_DIR / grammar).read_text(encoding="utf-8")
    except OSError:  # not a folder on disk (a zip import): read it as a resource
        from disclosure_lint.template import grammar_file

        return grammar_file(grammar)


@cache
def _lark(grammar: str) -> Lark:
    start = PARSERS[grammar]
    text = _grammar_text(grammar)
    key = _key(text, start)
    places = _places(grammar, key)
    for path, kind in places:
        if kind == "temp" and not _private(path.parent):
            continue
        parser = _read(path, key, start)
        if parser is not None:
            provenance[grammar] = f"loaded:{kind}"
            return parser
    parser = Lark(text, **_options(start))
    provenance[grammar] = "built"
    try:
        data = _dump(parser, key)
    except Exception:  # tables that cannot be saved still parse
        return parser
    for path, kind in places:
        if kind == "shipped" or (kind == "checkout" and _installed()):
            continue
        if _write(path, data, kind):
            provenance[grammar] += f", saved:{kind}"
            break
    return parser


def write_tables(directory: Path, grammar_dir: Path = GRAMMAR_DIR) -> list[Path]:
    """Build every parser from the grammars in `grammar_dir` and write its tables into `directory`
    under tables_name() — what the wheel's build hook ships beside the grammars."""
    written = []
    for grammar, start in PARSERS.items():
        text = (Path(grammar_dir) / grammar).read_text(encoding="utf-8")
        path = Path(directory) / tables_name(grammar)
        path.write_bytes(_dump(Lark(text, **_options(start)), _key(text, start)))
        written.append(path)
    return written


@dataclass(frozen=True)
class Parsed:
    tree: Tree | None
    strays: tuple[tuple[Token, tuple[Token, ...]], ...]  # tokens the grammar could not place
    error: str | None = None


def parse_structure(tokens: Iterable[Token]) -> Parsed:
    strays: list[tuple[Token, tuple[Token, ...]]] = []

    def recover(error: UnexpectedInput) -> bool:
        if isinstance(error, UnexpectedToken) and error.token.type != "$END":
            strays.append((error.token, ()))
            return True
        return False

    tree = _lark("structure.lark").parse(iter(tokens), start="report", on_error=recover)
    return Parsed(tree, tuple(strays))


def parse_table(stream: TableTokens, table: int) -> Parsed:
    """Parse one table region; rows the grammar cannot place come back as strays with their cells."""
    from disclosure_lint.tokens import VALUE_TYPES

    strays: list[tuple[Token, int]] = []

    def recover(error: UnexpectedInput) -> bool:
        if not isinstance(error, UnexpectedToken) or error.token.type == "$END":
            return False
        token = error.token
        if token.type != "TEXT" and token.type not in VALUE_TYPES:
            strays.append((token, len(stream.skipped)))
            stream.skip_values()
        return True

    try:
        tree = _lark("tables.lark").parse(iter(stream), start=f"table{table}", on_error=recover)
    except UnexpectedInput as error:
        return Parsed(None, (), f"表格无法解析（第 {getattr(error, 'line', '?')} 行附近）")
    ends = [start for _, start in strays[1:]] + [len(stream.skipped)]
    placed = tuple((token, tuple(stream.skipped[start:end])) for (token, start), end in zip(strays, ends))
    return Parsed(tree, placed)
