"""Attribution pass: claims inside quotations take the speaker; one person, one id."""

from __future__ import annotations

from claimdiff.extract.attribution import attribute_speakers, canonical_speakers
from claimdiff.models import Bound, Claim, ClaimKind, Quantity, QuoteValue, Span

_COUNT = Quantity(anchor=14, low=Bound(value=14), high=Bound(value=14), surface="14")


def _quote(doc_id: str, start: int, end: int, speaker: str | None, name: str | None) -> Claim:
    value = QuoteValue(text="we hold", words="we hold", speaker=speaker, speaker_name=name)
    return Claim(
        id=f"{doc_id}-q{start}",
        doc_id=doc_id,
        kind=ClaimKind.QUOTE,
        subject=speaker or "unattributed",
        subject_text="",
        measure="quote",
        value=value,
        event="e",
        speaker=speaker,
        evidence=Span(doc_id=doc_id, start=start, end=end),
        sentence=Span(doc_id=doc_id, start=0, end=200),
    )


def _count(doc_id: str, start: int, speaker: str | None = None) -> Claim:
    return Claim(
        id=f"{doc_id}-n{start}",
        doc_id=doc_id,
        kind=ClaimKind.QUANTITY,
        subject="nation",
        subject_text="nations",
        measure="commitment",
        value=_COUNT,
        event="e",
        speaker=speaker,
        evidence=Span(doc_id=doc_id, start=start, end=start + 2),
        sentence=Span(doc_id=doc_id, start=0, end=200),
    )


def _copied_every_time(claims: list[Claim]) -> list[Claim]:
    """The pass as first written: a scan per claim, and a copy of every attributed claim."""
    speech = [c for c in claims if c.kind in (ClaimKind.QUOTE, ClaimKind.STATEMENT)]
    canonical = canonical_speakers(speech)
    result = []
    for claim in claims:
        speaker = claim.speaker
        if speaker is None and claim.kind not in (ClaimKind.QUOTE, ClaimKind.STATEMENT):
            holders = [
                s
                for s in speech
                if s.doc_id == claim.doc_id
                and s.speaker is not None
                and s.evidence.start <= claim.evidence.start
                and claim.evidence.end <= s.evidence.end
            ]
            if holders:
                speaker = min(
                    holders, key=lambda s: (s.evidence.end - s.evidence.start, s.id)
                ).speaker
        if speaker is None:
            result.append(claim)
            continue
        speaker = canonical.get(speaker, speaker)
        update: dict[str, object] = {"speaker": speaker}
        if isinstance(claim.value, QuoteValue):
            update["value"] = claim.value.model_copy(update={"speaker": speaker})
            update["subject"] = speaker
        result.append(claim.model_copy(update=update))
    return result


def _corpus() -> list[Claim]:
    return [
        _quote("a", 10, 90, "person:volodymyr-zelensky", "Volodymyr Zelensky"),
        _quote("a", 30, 60, "person:karin-olsson", "Karin Olsson"),  # inside the first
        _count("a", 40),  # in both: the narrower quotation's speaker
        _count("a", 70),  # in the first only
        _count("a", 120),  # in no quotation
        _count("a", 20, speaker="person:karin-olsson"),  # attributed already
        _quote("b", 10, 90, "person:volodymyr-zelenskyy", "Volodymyr Zelenskyy"),
        _count("b", 40),
        _quote("b", 100, 150, None, None),  # unattributed: gives no speaker
        _count("b", 110),
    ]


def test_attribution_matches_copying_every_attributed_claim() -> None:
    # issue 7: claims already carrying their canonical speaker are kept, not copied.
    claims = _corpus()
    assert attribute_speakers(claims) == _copied_every_time(claims)


def test_attribution_speakers_inside_quotations_and_across_documents() -> None:
    claims = _corpus()
    found = {c.id: c for c in attribute_speakers(claims)}
    zelensky = found["a-q10"].speaker
    assert zelensky in ("person:volodymyr-zelensky", "person:volodymyr-zelenskyy")
    assert found["b-q10"].speaker == found["b-q10"].subject == zelensky
    assert isinstance(found["b-q10"].value, QuoteValue) and found["b-q10"].value.speaker == zelensky
    assert found["a-n40"].speaker == "person:karin-olsson"
    assert found["a-n70"].speaker == zelensky
    assert found["b-n40"].speaker == zelensky
    assert found["a-n120"].speaker is None
    assert found["b-n110"].speaker is None


def test_attribution_keeps_claims_that_need_no_change() -> None:
    claims = _corpus()
    found = attribute_speakers(claims)
    unchanged = [new is old for new, old in zip(found, claims, strict=True)]
    # The two Olsson claims and the claims without a speaker are the objects given.
    for index in (1, 4, 5, 8, 9):
        assert unchanged[index]


def test_attribution_document_by_document_is_the_pass_over_the_corpus() -> None:
    # Issue 7: a document's claims, given again as the same objects while the speakers
    # merged across documents are the same, get the claims the pass gave them before;
    # whatever changes (a document's claims, a speaker merged differently because an
    # added document spells the name another way, documents out of order), each call
    # gives what the pass over every claim gives.
    corpus = _corpus()
    first = attribute_speakers(corpus)
    again = attribute_speakers(corpus)
    assert again == _copied_every_time(corpus)
    assert all(a is b for a, b in zip(again, first, strict=True))
    # An added document naming someone else leaves the others' claims as they were.
    other = [*corpus, _quote("d", 10, 90, "person:ann-lee", "Ann Lee"), _count("d", 40)]
    found = attribute_speakers(other)
    assert found == _copied_every_time(other)
    assert all(a is b for a, b in zip(found, first, strict=False))
    # An added document whose spelling sorts first renames the person everywhere.
    added = [
        _quote("c", 10, 90, "person:volodymyr-zelenski", "Volodymyr Zelenski"),
        _count("c", 40),
    ]
    grown = [*corpus, *added]
    found = attribute_speakers(grown)
    assert found == _copied_every_time(grown)
    assert found[3].speaker == "person:volodymyr-zelenski" != first[3].speaker
    # A document's claims changed (new objects), and one document in two runs.
    edited = [c.model_copy() if c.doc_id == "b" else c for c in corpus]
    assert attribute_speakers(edited) == _copied_every_time(edited)
    split = [*corpus[:3], *corpus[6:], *corpus[3:6]]
    assert attribute_speakers(split) == _copied_every_time(split)
    assert attribute_speakers([]) == []
