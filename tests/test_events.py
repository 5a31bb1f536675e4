"""Event resolution: which occasion each document and each claim is about."""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path

import pytest

from claimdiff import check
from claimdiff.align import resolve_events
from claimdiff.align.clues import event_clues, find_dateline
from claimdiff.align.clusters import Anchor, Clusters, identify
from claimdiff.align.signature import Signature
from claimdiff.config import Settings
from claimdiff.extract import extract_claims
from claimdiff.ingest import load_documents
from claimdiff.models import Claim, ClaimKind, Document, Event, FindingKind
from claimdiff.pipeline import run as check_documents
from claimdiff.segment import segment_all
from claimdiff.store import segment_and_extract
from claimdiff.testing import make_document

ROOT = Path(__file__).resolve().parents[1]


def _resolve(*documents: Document) -> tuple[list[Event], list[Claim]]:
    sentences = segment_all(documents)
    claims = extract_claims(documents, sentences)
    return resolve_events(documents, sentences, claims, settings=Settings())


def _doc_events(events: list[Event]) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for event in events:
        for doc_id in event.doc_ids:
            found.setdefault(doc_id, set()).add(event.id)
    return found


@pytest.mark.parametrize(
    ("lead", "town"),
    [
        (["BRAVIK, Estmark — An aftershock shook Bravik on Friday."], "Bravik"),
        (
            ["Aftershock rattles town", "PORT LEVA, Estmark — It hit Port Leva at dawn."],
            "Port Leva",
        ),
        (["SOLM (Agency) - Ministers met on Thursday.", "Talks in Solm ran late."], "Solm"),
        # the reporter's town, not named again: no place
        (["KIRSK, Estmark (AP) — Missiles struck Varna overnight."], None),
        (["Leaders met in Solm on Thursday."], None),
        (["US — Estmark talks ended; the US said little."], None),
    ],
)
def test_events_dateline_names_the_place_when_the_lead_names_it_too(
    lead: list[str], town: str | None
) -> None:
    assert find_dateline(lead) == town


def test_events_datelines_keep_two_towns_aftershocks_apart() -> None:
    # Two stories a day apart whose text names no "<occasion> in <place>": the datelines
    # (and the leads naming the towns) tell the occasions apart.
    first = make_document(
        "first",
        "BRAVIK, Estmark — A strong aftershock shook Bravik on Friday, damaging homes. "
        "Rescue teams searched the rubble through the night, the emergency service said. "
        "Twelve people were killed, officials said.",
        published=date(2026, 3, 6),
    )
    second = make_document(
        "second",
        "KORVEN, Estmark — A strong aftershock shook Korven on Saturday, damaging homes. "
        "Rescue teams searched the rubble through the night, the emergency service said. "
        "Forty people were killed, officials said.",
        published=date(2026, 3, 7),
    )
    events, claims = _resolve(first, second)
    by_doc = _doc_events(events)
    assert by_doc["first"] != by_doc["second"]
    report = check_documents([first, second])
    assert not [f for f in report.findings if f.kind is FindingKind.NUMERIC_CONFLICT]


def _aftershock_report(doc_id: str, killed: str, aside: str) -> Document:
    # The lead names the dateline's town and the earlier quake's place, not the
    # aftershock's; a sentence after the lead names another place for a passing occasion.
    return make_document(
        doc_id,
        "BRAVIK, Estmark — A strong aftershock shook the town on Friday, two weeks after the "
        "earthquake in Bravik of March 6. Rescue teams searched the rubble through the night, "
        "the emergency service said. Many families slept in their cars. Schools stayed shut. "
        "Engineers inspected the bridges on the main road. Shops opened late. "
        f"{aside} The aftershock killed {killed} people, officials said.",
        published=date(2026, 3, 21),
    )


@pytest.mark.parametrize(
    "asides",
    [
        (
            "Residents told a public meeting that the hospitals in Korven were overwhelmed.",
            "Analysts in Solm told a public meeting that the roads needed repairs.",
        ),
        # One names a passing place, the other none.
        ("Residents told a public meeting that the hospitals in Korven were overwhelmed.", ""),
    ],
)
def test_events_passing_place_does_not_split_reports_filed_from_one_town(
    asides: tuple[str, str],
) -> None:
    first = _aftershock_report("first", "seven", asides[0])
    second = _aftershock_report("second", "nine", asides[1])
    events, _ = _resolve(first, second)
    (friday,) = [e for e in events if e.start == date(2026, 3, 20)]
    assert friday.doc_ids == ["first", "second"]
    report = check_documents([first, second])
    (conflict,) = [f for f in report.findings if f.kind is FindingKind.NUMERIC_CONFLICT]
    assert sorted(e.text for side in conflict.sides for e in side.evidence) == [
        "nine people",
        "seven people",
    ]


def test_events_later_place_still_counts_without_a_dateline_or_as_the_datelines_town() -> None:
    without = make_document(
        "without",
        "An aftershock shook the region on Friday. Rescue teams searched the rubble. Many "
        "families slept in their cars. Schools stayed shut. Shops opened late. Officials "
        "held a meeting in Korven.",
        published=date(2026, 3, 21),
    )
    same = make_document(
        "same",
        "BRAVIK, Estmark — An aftershock shook Bravik on Friday. Rescue teams "
        "searched the rubble. Many families slept in their cars. Schools stayed shut. Shops "
        "opened late. Residents told a meeting in Korven that help was slow. Residents "
        "gathered for a meeting in Bravik.",
        published=date(2026, 3, 21),
    )
    assert event_clues(same, segment_all([same])[same.id]).dateline == "Bravik"
    events, _ = _resolve(without)
    assert [e.place for e in events] == ["Korven"]
    events, _ = _resolve(same)
    assert [e.place for e in events] == ["Bravik"]


def test_events_two_meetings_in_one_city_weeks_apart_are_two_events() -> None:
    events, _ = _resolve(
        make_document(
            "a", "Ministers met in Lisbon on 3 March for talks.", published=date(2026, 3, 3)
        ),
        make_document(
            "b", "Ministers met in Lisbon on 24 March for talks.", published=date(2026, 3, 24)
        ),
    )
    by_doc = _doc_events(events)
    assert by_doc["a"] != by_doc["b"]
    assert all(e.place == "Lisbon" for e in events)


def test_events_article_before_and_after_the_event_report_one_event() -> None:
    before = make_document(
        "before",
        "Military chiefs are set to gather in Paris for talks on the force.",
        published=date(2026, 3, 9),
    )
    after = make_document(
        "after",
        "Military chiefs met in Paris on Wednesday for talks on the force.",
        published=date(2026, 3, 12),
    )
    events, _ = _resolve(before, after)
    assert len(events) == 1 and events[0].doc_ids == ["after", "before"]


def test_events_earlier_event_named_by_a_claim_gets_its_own_event() -> None:
    text = (
        "Leaders met in Paris on Thursday for a summit on the force. "
        "The summit came after Putin met Trump in Alaska last month."
    )
    events, claims = _resolve(make_document("d", text, published=date(2025, 9, 5)))
    (alaska,) = [c for c in claims if c.kind is ClaimKind.TIME and c.value.label() == "last month"]
    assert alaska.event == "2025-08-01..2025-08-31-alaska"
    (paris,) = [c for c in claims if c.kind is ClaimKind.TIME and c.value.label() == "Thursday"]
    assert paris.event == "2025-09-04-paris"
    assert {e.id for e in events} == {alaska.event, paris.event}


def test_events_misdated_document_joins_without_renaming_the_event() -> None:
    documents = [
        make_document(
            d, f"Negotiators met in Stenhavn on {day} for talks.", published=date(2026, 7, 16)
        )
        for d, day in (("a", "Wednesday"), ("b", "Wednesday"), ("c", "Tuesday"))
    ]
    events, _ = _resolve(*documents)
    (event,) = events
    assert event.id == "2026-07-15-stenhavn" and event.doc_ids == ["a", "b", "c"]


def test_events_place_of_an_earlier_occasion_is_not_the_documents_place() -> None:
    text = (
        "Twenty-six nations committed to the pledge at the conference on Monday. "
        "It was the largest meeting on the subject since the one in Manila two years ago."
    )
    events, _ = _resolve(make_document("d", text, published=date(2026, 6, 9)))
    (own,) = [e for e in events if e.start == date(2026, 6, 8)]
    assert own.place is None
    assert [e.place for e in events if e is not own] == ["Manila"]


def test_events_anchored_duration_stays_with_its_document() -> None:
    text = (
        "Leaders met in Paris on Thursday for a summit. Europe has been under pressure more "
        "than three and a half years after Russia began its full-scale invasion in February 2022."
    )
    _, claims = _resolve(make_document("d", text, published=date(2025, 9, 5)))
    (since,) = [c for c in claims if c.kind is ClaimKind.DURATION]
    assert since.event == "2025-09-04-paris"
    (began,) = [c for c in claims if c.kind is ClaimKind.TIME and c.measure == "began"]
    assert began.event == "2022-02-01..2022-02-28"


# Stories: events are told apart by what their documents are about, not by dates alone.

_FIRE = (
    "Three people were killed when fire tore through a Brannock Logistics warehouse early "
    "on Tuesday, trapping night-shift workers as the roof collapsed. Chief fire officer "
    "Mara Quill said the blaze started in a loading bay and spread along racks of packaged "
    "goods. In 2019, a fire at the same Brannock depot killed four people.",
    "A blaze at a Brannock Logistics warehouse killed five people on Tuesday, chief fire "
    "officer Mara Quill said, after the roof of the storage hall collapsed on workers of the "
    "night shift. Workers said pallets had blocked two fire doors for months. In 2019, a "
    "fire at the same Brannock depot killed four people.",
)
_COACH = (
    "Two people were killed when a Greyline coach carrying a youth choir overturned on the "
    "motorway on Tuesday, Superintendent Rhys Talbot said. The coach crossed the hard "
    "shoulder and rolled down an embankment. Parents waited for news at the school gates. "
    "In 2019, a crash on the same stretch of motorway killed six people.",
    "A Greyline coach taking a youth choir home rolled down an embankment on Tuesday, "
    "killing two people, Superintendent Rhys Talbot said. Paramedics cut pupils free from "
    "the crushed coach before taking them to hospital. In 2019, a crash on the same "
    "stretch of motorway killed six people.",
)
_TUESDAY = date(2026, 11, 3)


def _two_stories(published: date | None = _TUESDAY) -> list[Document]:
    texts = {"fire-a": _FIRE[0], "fire-b": _FIRE[1], "coach-a": _COACH[0], "coach-b": _COACH[1]}
    return [make_document(d, text, published=published) for d, text in texts.items()]


def _killed_in(claims: list[Claim], doc_id: str, count: float) -> Claim:
    (claim,) = [
        c
        for c in claims
        if c.doc_id == doc_id and c.kind is ClaimKind.QUANTITY and c.value.anchor == count
    ]
    return claim


def test_events_two_stories_of_one_day_without_a_place_are_two_events() -> None:
    events, _ = _resolve(*_two_stories())
    by_doc = _doc_events([e for e in events if e.start == _TUESDAY])
    assert by_doc["fire-a"] == by_doc["fire-b"]
    assert by_doc["coach-a"] == by_doc["coach-b"]
    assert by_doc["fire-a"] != by_doc["coach-a"]
    today = sorted((e.id, e.label) for e in events if e.start == _TUESDAY)
    assert [event_id.startswith("2026-11-03-") for event_id, _ in today] == [True, True]
    assert all(label.startswith("3 November 2026, about ") for _, label in today)


def test_events_past_events_of_two_stories_in_one_year_stay_apart() -> None:
    _, claims = _resolve(*_two_stories())
    fire = {_killed_in(claims, d, 4).event for d in ("fire-a", "fire-b")}
    coach = {_killed_in(claims, d, 6).event for d in ("coach-a", "coach-b")}
    assert len(fire) == len(coach) == 1
    assert fire != coach
    assert all(event.startswith("2019-01-01..2019-12-31-") for event in fire | coach)


def test_events_undated_documents_split_by_story() -> None:
    events, _ = _resolve(*_two_stories(published=None))
    by_doc = _doc_events(events)
    assert by_doc["fire-a"] == by_doc["fire-b"] != by_doc["coach-a"] == by_doc["coach-b"]
    assert all(e.id.startswith("undated-") and e.start is None for e in events)


def test_events_ids_and_labels_do_not_depend_on_document_order() -> None:
    documents = _two_stories()
    forward = _resolve(*documents)
    backward = _resolve(*reversed(documents))
    assert forward[0] == backward[0]
    assert sorted((c.id, c.event) for c in forward[1]) == sorted(
        (c.id, c.event) for c in backward[1]
    )


def test_events_same_day_stories_never_meet_in_a_finding() -> None:
    report = check([ROOT / "fixtures" / "stories" / "same-day-fire-and-crash"])
    stories = [{e.doc_id[:2] for side in f.sides for e in side.evidence} for f in report.findings]
    assert stories and all(len(found) == 1 for found in stories)
    conflicts = {
        (f.kind, frozenset(e.text for side in f.sides for e in side.evidence))
        for f in report.findings
        if f.kind is FindingKind.NUMERIC_CONFLICT
    }
    assert (FindingKind.NUMERIC_CONFLICT, frozenset({"17 people", "23 people"})) in conflicts
    assert any({"Three people", "Five people"} <= texts for _, texts in conflicts)


# The clustering rules, on signatures made by hand: each story is 20 terms of its own.


def _signature(**shares: float) -> Signature:
    """Return a unit signature putting the given share of its squared norm on each story.

    Its keys are the first term of each story it holds (as the corpus would index it).
    """
    weights = {
        f"{story}{i:02d}": math.sqrt(share / 20)
        for story, share in shares.items()
        for i in range(20)
    }
    return Signature(weights=weights, keys=tuple(f"{story}00" for story in shares))


def _day(day: int) -> Anchor:
    return Anchor(first=date(2026, 1, day), last=date(2026, 1, day), place=None)


def _clusters() -> Clusters:
    return Clusters(3, similarity=0.15, story_similarity=0.3)


def test_events_centroid_does_not_chain_two_stories() -> None:
    # b resembles a by 0.5 and c resembles b by 0.5, but c shares nothing with a: joined
    # to the centroid of a and b, c scores 0.29, below what a weak join needs alone.
    clusters = Clusters(3, similarity=0.3, story_similarity=0.3)
    a = clusters.join(_day(5), "a", _signature(x=1.0))
    assert clusters.join(_day(5), "b", _signature(x=0.25, y=0.25, z=0.5)) is a
    assert clusters.join(_day(5), "c", _signature(y=1.0)) is not a


def test_events_follow_up_opens_its_own_event_rather_than_another_storys() -> None:
    clusters = _clusters()
    earlier = clusters.join(_day(1), "first", _signature(x=1.0))
    other = clusters.join(_day(14), "other", _signature(y=1.0))
    # Resembles the day's other story weakly (0.2) and its own earlier event more (0.6).
    follow_up = clusters.join(_day(14), "follow-up", _signature(x=0.36, y=0.04, z=0.6))
    assert follow_up not in (earlier, other)
    # Without the earlier event, the same weak resemblance joins the day's event.
    alone = _clusters()
    day = alone.join(_day(14), "other", _signature(y=1.0))
    assert alone.join(_day(14), "follow-up", _signature(x=0.36, y=0.04, z=0.6)) is day


def test_events_follow_up_without_a_place_is_no_new_storys_event() -> None:
    # A follow-up whose lead names its town only beside the earlier date names no place;
    # its event is its story's (it resembles the earlier quake by 0.8), so the first
    # article of a new story of its days, naming its own town, does not join it on the
    # 0.2 that two stories of one kind share.
    clusters = _clusters()
    quake = Anchor(first=date(2026, 1, 1), last=date(2026, 1, 1), place="Kalloona")
    clusters.join(quake, "quake", _signature(x=1.0))
    follow_up = clusters.join(_day(14), "follow-up", _signature(x=0.64, z=0.36))
    town = Anchor(first=date(2026, 1, 15), last=date(2026, 1, 15), place="Dunpeek")
    assert clusters.join(town, "new-story", _signature(w=0.889, z=0.111)) is not follow_up
    # Another outlet's follow-up, naming the town, resembles it on the story: it joins.
    assert clusters.join(town, "follow-up-2", _signature(x=0.5, z=0.5)) is follow_up


def test_events_event_without_a_place_takes_a_document_naming_one_on_a_weak_resemblance() -> None:
    # Two outlets name no place and follow nothing up; a third naming the town joins them
    # at 0.2, as outlets of one story resemble each other from 0.18.
    clusters = _clusters()
    day = clusters.join(_day(14), "a", _signature(z=1.0))
    town = Anchor(first=date(2026, 1, 14), last=date(2026, 1, 14), place="Kelbria")
    assert clusters.join(town, "b", _signature(w=0.96, z=0.04)) is day


def test_events_claim_joins_its_own_storys_event_on_a_weak_resemblance_only() -> None:
    clusters = _clusters()
    year = Anchor(first=date(2014, 1, 1), last=date(2014, 12, 31), place=None)
    home = clusters.join(_day(5), "a", _signature(x=1.0))
    assert clusters.join(_day(5), "b", _signature(x=0.04, y=0.96)) is home  # 0.2, alone
    other = clusters.join(_day(20), "c", _signature(x=0.04, z=0.96))  # another story
    past = clusters.join(year, "a", _signature(x=1.0), home=home)
    # b's event already placed a claim in 2014: b's claim joins it at 0.2.
    assert clusters.join(year, "b", _signature(x=0.04, y=0.96), home=home) is past
    # c's event did not: at 0.2, c's claim of 2014 is about another 2014.
    assert clusters.join(year, "c", _signature(x=0.04, z=0.96), home=other) is not past


def test_events_that_would_share_an_id_get_their_most_characteristic_term() -> None:
    clusters = _clusters()
    fire = Signature(weights=_signature(x=1.0).weights, surface={"x00": "Brannock"})
    coach = Signature(weights=_signature(y=1.0).weights, surface={"y00": "Greyline"})
    clusters.join(_day(5), "fire", fire)
    clusters.join(_day(5), "coach", coach)
    clusters.join(_day(6), "alone", _signature(z=1.0))
    events = identify(clusters.members, {"fire": fire, "coach": coach, "alone": _signature()})
    assert [(e.id, e.label) for e in events] == [
        ("2026-01-05-brannock", "5 January 2026, about Brannock"),
        ("2026-01-05-greyline", "5 January 2026, about Greyline"),
        ("2026-01-06", "6 January 2026"),
    ]


STORIES = ROOT / "fixtures" / "stories"


def test_events_clues_found_once_give_the_events_found_from_sentences() -> None:
    # Clues found in the extraction workers (or read from a store) are what events would
    # find in the sentences: given all, some or none, the events are the same.
    documents, _ = load_documents([STORIES / "kelbria-earthquake", STORIES / "daler-river-talks"])
    sentences, claims, clues = segment_and_extract(documents)
    assert clues == {d.id: event_clues(d, sentences[d.id]) for d in documents}
    found = resolve_events(documents, sentences, claims, settings=Settings())
    some = {doc_id: clues[doc_id] for doc_id in sorted(clues)[::2]}
    for given in (clues, some):
        assert (
            resolve_events(documents, sentences, claims, settings=Settings(), clues=given) == found
        )


@pytest.mark.parametrize("published", [date(2026, 3, 5), None])
def test_events_clues_of_a_document(published: date | None) -> None:
    lead = "Leaders will gather for a summit in Lisvik on Thursday."
    past = "The last summit, in Manila in 2019, ended without a deal."
    document = make_document(
        "a", f"{lead}\n\n{past}\n\nDelegates arrived by ferry.\n", published=published
    )
    clues = event_clues(document, segment_all([document])["a"])
    assert clues.forward
    assert clues.terms["summit"] == (2, False, "summit")
    assert clues.terms["lisvik"][1:] == (True, "Lisvik")
    places = [(s.index, s.place, s.verb_place) for s in clues.sentences]
    assert places == [(0, "Lisvik", "Lisvik"), (1, "Manila", "Manila")]
    year = (past.index("in 2019"), date(2019, 1, 1), date(2019, 12, 31))
    if published is None:  # no weekday is read without a publication date
        assert clues.lead is None
        assert [s.dates for s in clues.sentences] == [[], [year]]
    else:
        thursday = date(2026, 3, 5)
        assert clues.lead == (thursday, thursday)
        assert [s.dates for s in clues.sentences] == [
            [(lead.index("Thursday"), thursday, thursday)],
            [year],
        ]
