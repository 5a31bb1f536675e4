"""Quotation marks: where quoted passages start and end in a paragraph.

Double quotes, curly (“ ”) or straight ("), delimit quotations; single quotes inside
them are nested quotations and stay part of the outer one. Single quotes (‘ ’ or ')
delimit quotations only in a paragraph without double quotes (British style), and a
single quote between two letters is an apostrophe ("Ukraine’s"). A quotation split
around its frame ("“We will not,” he said, “accept it.”") is one passage in two parts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DOUBLE_OPEN = "“„"
_DOUBLE_CLOSE = "”"
_OPENERS = " \t\n([{—–-/:;,"
_TRAILING = ",;: \t\n"
# What may stand between the two halves of a split quotation: a short frame ending in a
# comma or colon, without a sentence end ("he said,", ", Macron told reporters,").
_SPLIT_GAP = re.compile(r"^\s*,?\s*[^.!?\"“”]{2,60}?[,:]\s*$")


@dataclass(frozen=True, slots=True)
class Quoted:
    """A quoted passage: its marks and the spans of its words (two when split)."""

    open: int
    close: int
    parts: tuple[tuple[int, int], ...]
    marked: tuple[tuple[int, int], ...]  # each part with its marks: (open, close)

    def holds(self, offset: int) -> bool:
        """Return True when an offset lies inside the marks (not in a split frame)."""
        return any(a <= offset < b for a, b in self.marked)

    @property
    def start(self) -> int:
        """Return where the quoted words start."""
        return self.parts[0][0]

    @property
    def end(self) -> int:
        """Return where the quoted words end."""
        return self.parts[-1][1]

    def text(self, source: str, offset: int = 0) -> str:
        """Return the quoted words, the parts of a split quotation joined by a space."""
        return " ".join(source[a - offset : b - offset] for a, b in self.parts)


def _inner(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1] in _TRAILING:
        end -= 1
    return (start, end) if end > start else None


def _double_pairs(text: str) -> list[tuple[int, int]]:
    """Return (open, close) offsets of double-quoted passages, marks included."""
    pairs: list[tuple[int, int]] = []
    opened: int | None = None
    for i, char in enumerate(text):
        if char in _DOUBLE_OPEN:
            opened = i
        elif char in _DOUBLE_CLOSE:
            if opened is not None:
                pairs.append((opened, i + 1))
            opened = None
        elif char == '"':
            if opened is None:
                if i + 1 < len(text) and not text[i + 1].isspace():
                    opened = i
            else:
                pairs.append((opened, i + 1))
                opened = None
    return pairs


def _single_pairs(text: str) -> list[tuple[int, int]]:
    """Return (open, close) offsets of single-quoted passages (apostrophes skipped)."""
    pairs: list[tuple[int, int]] = []
    opened: int | None = None
    for i, char in enumerate(text):
        if char not in "‘’'":
            continue
        before = text[i - 1] if i > 0 else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        if before.isalnum() and after.isalpha():
            continue  # an apostrophe: "Ukraine’s", "don't"
        if opened is None:
            if char in "‘'" and before in _OPENERS and after.isalnum():
                opened = i
        elif char in "’'" and not before.isspace() and not after.isalnum():
            pairs.append((opened, i + 1))
            opened = None
    return pairs


def find_quoted(text: str, offset: int = 0) -> list[Quoted]:
    """Return the quoted passages of one paragraph; offsets are shifted by ``offset``."""
    has_double = any(c in text for c in f'"{_DOUBLE_OPEN}{_DOUBLE_CLOSE}')
    pairs = _double_pairs(text) if has_double else _single_pairs(text)
    passages: list[Quoted] = []
    for open_at, close_at in pairs:
        inner = _inner(text, open_at + 1, close_at - 1)
        if inner is None:
            continue
        part = (inner[0] + offset, inner[1] + offset)
        previous = passages[-1] if passages else None
        if previous is not None and _continues(text, previous, open_at, offset):
            passages[-1] = Quoted(
                open=previous.open,
                close=close_at + offset,
                parts=(*previous.parts, part),
                marked=(*previous.marked, (open_at + offset, close_at + offset)),
            )
        else:
            passages.append(
                Quoted(
                    open=open_at + offset,
                    close=close_at + offset,
                    parts=(part,),
                    marked=((open_at + offset, close_at + offset),),
                )
            )
    return passages


def _continues(text: str, previous: Quoted, open_at: int, offset: int) -> bool:
    """Return True when a quotation resumes the previous one after its frame."""
    close = previous.close - offset
    inside = text[previous.parts[-1][0] - offset : close - 1].rstrip()
    gap = text[close:open_at]
    return inside.endswith(",") and bool(_SPLIT_GAP.match(gap))
