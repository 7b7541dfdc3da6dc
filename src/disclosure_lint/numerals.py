"""Chinese numerals, as reports write counts (三件, 十二条, 七十一号) and numbering (第（五）项, 六、)."""

from __future__ import annotations

import regex

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
           "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}


def chinese_number(text: str) -> int | None:
    """三 -> 3, 十二 -> 12, 七十一 -> 71, 一百零五 -> 105, 两万 -> 20000, 二〇二五 -> 2025; None if not one."""
    if not text or any(ch not in _DIGITS and ch not in _UNITS and ch != "万" for ch in text):
        return None
    if len(text) > 1 and all(ch in _DIGITS for ch in text):  # 二〇二五: digit by digit
        return int("".join(str(_DIGITS[ch]) for ch in text))
    total = section = number = 0
    for ch in text:
        if ch in _DIGITS:
            number = _DIGITS[ch]
        elif ch in _UNITS:
            section += (number or 1) * _UNITS[ch]
            number = 0
        else:  # 万
            total += (section + number or 1) * 10000
            section = number = 0
    return total + section + number


def parse_number(text: str) -> int | None:
    """A count written in digits or in Chinese numerals."""
    text = text.strip()
    if text.isascii() and text.isdigit():
        return int(text)
    return chinese_number(text)


def numbering_value(numeral: str) -> int | None:
    """The value of a section or clause numeral (一 … 九十九); None for anything else (四四, 百)."""
    if not _NUMBERING.fullmatch(numeral or ""):
        return None
    return chinese_number(numeral)


_NUMBERING = regex.compile(r"[一二三四五六七八九]|[一二三四五六七八九]?十[一二三四五六七八九]?")
