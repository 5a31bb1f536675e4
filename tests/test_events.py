"""Event resolution: which occasion each document and each claim is about."""

from __future__ import annotations

from datetime import date

from claimdiff.align import resolve_events
from claimdiff.config import Settings
from claimdiff.extract import extract_claims
from claimdiff.models import Claim, ClaimKind, Document, Event
from claimdiff.segment import segment_all
from claimdiff.testing import make_document


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
