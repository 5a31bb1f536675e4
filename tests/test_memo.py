"""Memos: derived once per object, found by identity or by an unchanged text only."""

from __future__ import annotations

import pytest

from claimdiff.memo import IdentityMemo, Recent, TextMemo, forget_all


class _Item:
    def __init__(self, value: int) -> None:
        self.value = value

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Item) and other.value == self.value

    __hash__ = None  # type: ignore[assignment]  # like a record holding a list


@pytest.mark.parametrize("limit", [1, 2, 100])
def test_memo_identity_derives_once_per_object_never_per_equal_object(limit: int) -> None:
    calls: list[int] = []

    def derive(item: _Item) -> int:
        calls.append(item.value)
        return item.value * 10

    memo: IdentityMemo[_Item, int] = IdentityMemo(derive, limit=limit)
    first, equal = _Item(1), _Item(1)
    assert memo(first) == memo(first) == 10
    assert memo(equal) == 10  # an equal object is another object: derived again
    assert calls == [1, 1]
    items = [_Item(n) for n in range(5)]
    assert [memo(item) for item in items] == [0, 10, 20, 30, 40]
    assert [memo(item) for item in items[-limit:]] == [n * 10 for n in range(5)][-limit:]
    assert len(calls) == 7  # the most recent ``limit`` objects were kept
    memo.put(first, 99)
    assert memo(first) == 99


def test_memo_identity_keeps_at_most_two_generations() -> None:
    memo: IdentityMemo[_Item, int] = IdentityMemo(lambda item: item.value, limit=3)
    for n in range(100):
        memo(_Item(n))
    assert len(memo) <= 6


def test_memo_identity_map_is_each_call() -> None:
    calls: list[int] = []
    memo: IdentityMemo[_Item, int] = IdentityMemo(
        lambda item: calls.append(item.value) or item.value * 10, limit=2
    )
    items = [_Item(n) for n in range(3)]
    assert memo.map(items) == [0, 10, 20] and calls == [0, 1, 2]
    assert memo.map([items[0], items[2]]) == [0, 20]  # items[0]: in the older generation
    assert calls == [0, 1, 2]
    assert memo.map([_Item(2)]) == [20] and calls == [0, 1, 2, 2]  # an equal object


def test_memo_forget_all_forgets_every_memo() -> None:
    memo: IdentityMemo[_Item, int] = IdentityMemo(lambda item: item.value)
    recent: Recent[str, int] = Recent(limit=4)
    item = _Item(1)
    memo(item)
    recent.put("a", 1)
    forget_all()
    assert not memo.known(item) and recent.get("a") is None and len(recent) == 0


def test_memo_text_serves_only_what_was_parsed_from_the_same_text() -> None:
    memo: TextMemo[list[int]] = TextMemo(limit=2)
    parsed = [1, 2]
    memo.put("k", parsed, b"[1,2]", None)
    assert memo.get("k", b"[1,2]", None) is parsed
    assert memo.get("k", b"[1,2]", b"") is None  # no text and an empty text differ
    memo.put("k", parsed, b"[1,2]", None)
    assert memo.get("k", b"[1, 2]", None) is None  # another text: stale, forgotten
    assert memo.get("k", b"[1,2]", None) is None
    for key in ("a", "b", "c"):
        memo.put(key, [len(key)], key.encode())
    assert memo.get("a", b"a") is None  # the least recently used went first
    assert memo.get("c", b"c") == [1]


def test_memo_identity_keeps_values_given_in_bulk() -> None:
    memo: IdentityMemo[_Item, int] = IdentityMemo(lambda item: -1, limit=4)
    items = [_Item(n) for n in range(3)]
    assert not memo.known(items[0])
    memo.put_many(items, [10, 11, 12])
    assert [memo.known(item) for item in items] == [True] * 3
    assert [memo(item) for item in items] == [10, 11, 12]
    assert not memo.known(_Item(0))
    more = [_Item(n) for n in range(3)]
    memo.put_many(more, [20, 21, 22])  # does not fit: a turn first
    assert [memo(item) for item in more] == [20, 21, 22]
    assert memo(items[0]) == 10  # the older generation is still there
