"""Dates, clock times and time zones: resolution against the publication date, and the
interval logic of time comparisons (symmetry, self-compatibility, zones)."""

from __future__ import annotations

import re
import string
from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimdiff.compare.timing import compatible, distance
from claimdiff.models import FindingKind, TimeValue
from claimdiff.normalise import dates
from claimdiff.normalise.dates import find_dates
from claimdiff.normalise.times import find_clock_times, find_moments
from claimdiff.pipeline import run as check_documents
from claimdiff.testing import make_document

FRIDAY = date(2025, 9, 5)


@pytest.mark.parametrize(
    ("text", "span", "first", "last"),
    [
        ("leaders announced on Thursday", "Thursday", "2025-09-04", "2025-09-04"),
        ("leaders will meet on Thursday", "Thursday", "2025-09-11", "2025-09-11"),
        ("he met Trump in Alaska last month", "last month", "2025-08-01", "2025-08-31"),
        ("they met nearly three weeks ago", "nearly three weeks ago", "2025-08-15", "2025-08-22"),
        ("the invasion began in February 2022", "in February 2022", "2022-02-01", "2022-02-28"),
        ("the summit held on March 27, 2025", "March 27, 2025", "2025-03-27", "2025-03-27"),
        (
            "on Monday 1 September 2025 at noon",
            "Monday 1 September 2025",
            "2025-09-01",
            "2025-09-01",
        ),
        ("talks earlier this week", "earlier this week", "2025-09-01", "2025-09-05"),
        ("the vote next Friday", "next Friday", "2025-09-12", "2025-09-12"),
        ("ministers will sign on 27 March", "27 March", "2026-03-27", "2026-03-27"),
        ("ministers signed on 27 March", "27 March", "2025-03-27", "2025-03-27"),
    ],
)
def test_dates_resolved_against_publication(text: str, span: str, first: str, last: str) -> None:
    (mention,) = find_dates(text, published=FRIDAY)
    assert text[mention.start : mention.end] == span
    assert (mention.first.isoformat(), mention.last.isoformat()) == (first, last)


@pytest.mark.parametrize(
    "text",
    ["We may go to Paris", "pay only $46 for an annual subscription", "Article 5", "in 46 BC"],
)
def test_dates_never_read_from_words_or_money(text: str) -> None:
    assert find_dates(text, published=FRIDAY) == []


def test_dates_future_cue_after_the_date_does_not_turn_it_forward() -> None:
    text = "Ministers gathered on Friday to agree how cuts will be phased in."
    (mention,) = find_dates(text, published=date(2026, 4, 11))
    assert mention.first == date(2026, 4, 10)


@pytest.mark.parametrize(
    ("text", "minutes", "zone", "offset"),
    [
        ("at 13:38", 13 * 60 + 38, None, None),
        ("at 1:39 PM,", 13 * 60 + 39, None, None),
        ("at 11:20 pm.", 23 * 60 + 20, None, None),
        ("at 6 a.m.", 6 * 60, None, None),
        ("at 2:30 p.m. EDT", 14 * 60 + 30, "EDT", -240),
        ("at 2304 GMT", 23 * 60 + 4, "GMT", 0),
        ("at 3:40 am local time", 3 * 60 + 40, "local time", None),
        ("at midnight", 24 * 60, None, None),
    ],
)
def test_dates_clock_times(text: str, minutes: int, zone: str | None, offset: int | None) -> None:
    (clock,) = find_clock_times(text)
    assert (clock.minutes, clock.zone, clock.offset) == (minutes, zone, offset)


@pytest.mark.parametrize("text", ["a 2-1 win at 10.30", "a 12.5% rise", "Article 5:2"])
def test_dates_no_clock_in_scores_or_decimals(text: str) -> None:
    assert find_clock_times(text) == []


def test_dates_local_time_paired_with_gmt_gives_the_offset() -> None:
    text = "The quake struck at 8:24 a.m. (2304 GMT) on Tuesday."
    (moment,) = find_moments(text, published=FRIDAY)
    assert text[moment.start : moment.end] == "8:24 a.m. (2304 GMT) on Tuesday"
    assert moment.first == datetime(2025, 9, 2, 8, 24)
    assert moment.offset == 9 * 60 + 20


def test_dates_night_runs_into_the_next_morning() -> None:
    (moment,) = find_moments("It sank on Saturday night.", published=FRIDAY)
    assert moment.first == datetime(2025, 8, 30, 17)
    assert moment.last == datetime(2025, 8, 31, 7)


def _value(
    start: datetime,
    minutes: int,
    granularity: str,
    offset: int | None,
    *,
    dated: bool = True,
    zone: str | None = None,
) -> TimeValue:
    if offset is not None and zone is None:
        zone = "UTC"
    return TimeValue(
        start=start,
        end=start + timedelta(minutes=minutes),
        granularity=granularity,
        timezone=zone,
        offset_minutes=offset,
        dated=dated,
        surface="x",
    )


starts = st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2030, 1, 1)).map(
    lambda d: d.replace(second=0, microsecond=0)
)
shapes = st.sampled_from([("minute", 1), ("hour", 1), ("part_of_day", 600), ("day", 1440)])
offsets = st.one_of(st.none(), st.integers(min_value=-720, max_value=840))
# No zone, local time (offset known from a pair, or not), a stated zone, an ambiguous one.
zones = st.sampled_from([None, "local time", "local time, UTC+02:00", "UTC", "ET"])
values = st.builds(
    lambda start, shape, offset, dated, zone: _value(
        start,
        shape[1],
        shape[0],
        None if zone in (None, "local time", "ET") else offset,
        dated=dated,
        zone=zone,
    ),
    starts,
    shapes,
    offsets,
    st.booleans(),
    zones,
)


@given(values, values)
def test_dates_compatibility_is_symmetric(left: TimeValue, right: TimeValue) -> None:
    assert compatible(left, right) == compatible(right, left)
    assert distance(left, right) == distance(right, left)


@given(values)
def test_dates_a_value_is_compatible_with_itself(value: TimeValue) -> None:
    assert compatible(value, value)


@given(starts, st.integers(min_value=-720, max_value=840))
def test_dates_one_moment_in_two_zones_is_compatible(moment: datetime, offset: int) -> None:
    local = _value(
        moment + timedelta(minutes=offset), 1, "minute", offset, zone="local time, paired"
    )
    utc = _value(moment, 1, "minute", 0)
    assert compatible(local, utc)


@given(starts)
def test_dates_local_day_and_previous_utc_day_can_be_one_moment(moment: datetime) -> None:
    day = moment.replace(hour=0, minute=0)
    late_utc = _value(day - timedelta(minutes=56), 1, "minute", 0)  # 23:04 GMT the day before
    assert compatible(_value(day, 1440, "day", None), late_utc)


@given(starts, st.integers(min_value=3, max_value=600))
def test_dates_clock_times_apart_beyond_tolerance_clash(moment: datetime, gap: int) -> None:
    first = _value(moment, 1, "minute", None)
    second = _value(moment + timedelta(minutes=gap + 2), 1, "minute", None)
    assert not compatible(first, second)
    assert compatible(first, _value(moment + timedelta(minutes=1), 1, "minute", None))


# Words and marks that make (or almost make) a date, in several cases and scripts: the
# prefilter of find_dates (issue 7) must never drop a mention the patterns would find.
_PIECES = st.sampled_from(
    [
        "on",
        "in",
        "since",
        "the",
        "of",
        "met",
        "will",
        "meet",
        "said",
        ",",
        "ago",
        "three weeks",
        "2 days",
        "March",
        "Mar",
        "May",
        "may",
        "Sept.",
        "27",
        "3rd",
        "2025",
        "1999",
        "2025-09-04",
        "١٢",
        "Thursday",
        "thursday",
        "last",
        "Last",
        "next",
        "Friday",
        "today",
        "TODAY",
        "Tonight",
        "yesterday",
        "this week",
        "THIS WEEK",
        "earlier this year",
        "last\u00a0month",
        "\u0130S",
        "th\u0130s week",
        "th\u0131s week",
        "thi\u017f month",
        "ye\u017fterday",
        "\u212aelvin",
        "tomorrow",
        "next year",
        "week",
        "month",
    ]
)


@given(
    st.lists(_PIECES, max_size=8),
    st.sampled_from(["", " ", "-"]),
    st.sampled_from([None, FRIDAY]),
    st.sampled_from([None, True, False]),
)
def test_dates_prefilter_never_drops_a_mention(
    pieces: list[str], glue: str, published: date | None, future: bool | None
) -> None:
    text = glue.join(pieces)
    found = find_dates(text, published=published, future=future)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(dates, "_may_name_a_date", lambda text, *, relative: True)
        assert find_dates(text, published=published, future=future) == found


def test_dates_prefilter_folds_every_character_a_case_blind_pattern_reads_as_ascii() -> None:
    # The relative phrases are matched ignoring case: any character the pattern reads as
    # an ASCII letter must fold to that letter, or the prefilter could miss a phrase.
    letter = re.compile("[a-z]", re.IGNORECASE)
    for code in range(0x80, 0x110000):
        char = chr(code)
        if 0xD800 <= code <= 0xDFFF or not letter.fullmatch(char):
            continue
        folded = char.translate(dates._FOLD).lower()
        readings = [a for a in string.ascii_lowercase if re.fullmatch(a, char, re.IGNORECASE)]
        assert [folded] == readings, f"U+{code:04X}"


def test_dates_prefilter_skips_sentences_without_a_date() -> None:
    assert not dates._may_name_a_date(
        "About 4,000 workers walked out, the union said.", relative=True
    )
    assert dates._may_name_a_date("Talks resume This Week.", relative=True)
    assert not dates._may_name_a_date("Talks resume this week.", relative=False)


@pytest.mark.parametrize(
    "text", ["talks TH\u0130S WEEK", "talks thi\u017f week", "talks th\u0131s week"]
)
def test_dates_relative_phrase_read_ignoring_case_is_resolved(text: str) -> None:
    # The case-blind pattern reads these as "this week"; the phrase was looked up as
    # "thi\u0307s week" and raised KeyError (found by the prefilter's property test).
    (mention,) = find_dates(text, published=FRIDAY)
    assert (mention.first, mention.last) == (date(2025, 9, 1), date(2025, 9, 7))


def test_dates_preview_would_meet_and_report_met_name_one_sunday_end_to_end() -> None:
    # The preview (Wednesday) looks ahead: "would meet on Sunday" is the coming Sunday, the
    # day the Monday report says the ministers met. Only the outlet saying Saturday clashes.
    preview = make_document(
        "a",
        "LISBON — Fisheries ministers from six countries said they would meet in Lisbon on "
        "Sunday to settle the quota dispute. The talks follow months of wrangling over cod.",
        published=date(2026, 5, 13),
    )
    report = make_document(
        "b",
        "LISBON — Fisheries ministers from six countries met in Lisbon on Sunday and settled "
        "the quota dispute after months of wrangling over cod.",
        published=date(2026, 5, 18),
    )
    other = make_document(
        "c",
        "LISBON — Fisheries ministers from six countries met in Lisbon on Saturday to settle "
        "the quota dispute over cod.",
        published=date(2026, 5, 18),
    )
    checked = check_documents([preview, report, other])
    (finding,) = [f for f in checked.findings if f.kind is FindingKind.DATE_CONFLICT]
    sides = sorted(sorted(e.doc_id for e in side.evidence) for side in finding.sides)
    assert sides == [["a", "b"], ["c"]]
