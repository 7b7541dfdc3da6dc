"""No traceback on any input: seeded random edits of every layout (lines moved, deleted, repeated,
characters replaced by table-ish noise, other encodings) must lint without raising."""

from __future__ import annotations

import random
import re

import pytest
from conftest import EXAMPLES, SEED_NAMES, seed_path

from disclosure_lint.lint import lint
from disclosure_lint.registry import all_rules

NOISE = "0123456789一二三四五六、（）()|\t —/无\r\x00年月日<>&;"


def mutate(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    op = rng.choice(["move", "delete", "repeat", "chars", "truncate", "numbers"])
    if op == "move":
        i, j = sorted(rng.sample(range(len(lines)), 2))
        block, k = lines[i:j], rng.randrange(len(lines))
        del lines[i:j]
        lines[k:k] = block
    elif op == "delete":
        i = rng.randrange(len(lines))
        del lines[i : i + rng.randint(1, 30)]
    elif op == "repeat":
        i = rng.randrange(len(lines))
        lines[i:i] = lines[i : i + rng.randint(1, 40)]
    elif op == "chars":
        chars = list("\n".join(lines))
        for _ in range(rng.randint(1, 50)):
            chars[rng.randrange(len(chars))] = rng.choice(NOISE)
        return "".join(chars)
    elif op == "truncate":
        lines = lines[: rng.randrange(len(lines))]
    else:
        return re.sub(r"\b0\b", lambda m: rng.choice(["0", "1", "-1", "—", "", "1.5", "０"]), text)
    return "\n".join(lines)


def sources() -> list[str]:
    texts = [(EXAMPLES / "2024-report.txt").read_text(encoding="utf-8")]
    for key in SEED_NAMES:
        try:
            texts.append(seed_path(key).read_text(encoding="utf-8"))
        except pytest.skip.Exception:
            pass
    return texts


@pytest.mark.parametrize("seed", range(4))
def test_random_edits_never_raise(seed: int):
    rng = random.Random(seed)
    rules = all_rules()
    texts = sources()
    for _ in range(60):
        text = mutate(rng.choice(texts), rng)
        data = text.encode(rng.choice(["utf-8", "gb18030", "utf-16"]), errors="ignore")
        result = lint("fuzzed.txt", rules, data)
        assert all(f.line >= 1 and f.column >= 1 for f in result.findings)


def test_odd_numbering_in_table_two_is_text_not_a_crash():
    text = (EXAMPLES / "2024-report.txt").read_text(encoding="utf-8").replace("第二十条第（五）项", "第二十条第（四四）项")
    result = lint("odd.txt", all_rules(), text.encode())
    assert "DL202" in {f.code for f in result.findings}
