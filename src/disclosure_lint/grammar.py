"""The Lark parsers of grammar/structure.lark and grammar/tables.lark, fed by our own tokenizers.

Both are LALR parsers over token streams (see disclosure_lint.tokens), built once per process and
cached by Lark between processes. Deviations from the national layout are not fatal: the error
handler records each token the grammar could not place and parsing goes on, so that the rules can
say *what* is wrong rather than "parse error".
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

from lark import Lark, Token, Tree
from lark.exceptions import UnexpectedInput, UnexpectedToken
from lark.lexer import Lexer

from disclosure_lint.template import grammar_file
from disclosure_lint.tokens import VALUE_TYPES, TableTokens


class TokenStream(Lexer):
    """A Lark 'lexer' that passes on the tokens our tokenizers made."""

    def __init__(self, lexer_conf):
        pass

    def lex(self, tokens: Iterator[Token]) -> Iterator[Token]:  # type: ignore[override]
        return tokens


@cache
def _lark(grammar: str, start: tuple[str, ...]) -> Lark:
    return Lark(grammar_file(grammar), parser="lalr", lexer=TokenStream, start=list(start),
                propagate_positions=False, maybe_placeholders=False, cache=True)


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

    tree = _lark("structure.lark", ("report",)).parse(iter(tokens), start="report", on_error=recover)
    return Parsed(tree, tuple(strays))


def parse_table(stream: TableTokens, table: int) -> Parsed:
    """Parse one table region; rows the grammar cannot place come back as strays with their cells."""
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
        tree = _lark("tables.lark", ("table2", "table3", "table4")).parse(
            iter(stream), start=f"table{table}", on_error=recover)
    except UnexpectedInput as error:
        return Parsed(None, (), f"表格无法解析（第 {getattr(error, 'line', '?')} 行附近）")
    ends = [start for _, start in strays[1:]] + [len(stream.skipped)]
    placed = tuple((token, tuple(stream.skipped[start:end])) for (token, start), end in zip(strays, ends))
    return Parsed(tree, placed)
