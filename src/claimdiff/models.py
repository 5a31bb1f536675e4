"""The data model every stage shares: documents, spans, claims, findings, reports.

All models are frozen pydantic records that reject unknown keys. Evidence is always a
``Span`` into ``Document.text``; any quoted text in a report is derived from a span.
"""

from __future__ import annotations

import hashlib
import math
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field


class Record(BaseModel):
    """Base of every model: immutable and strict about keys."""

    model_config = ConfigDict(frozen=True, extra="forbid")


def stable_id(*parts: object, length: int = 16) -> str:
    """Return a deterministic short hash of ``parts`` (used for claim and finding ids)."""
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8"))
    return digest.hexdigest()[:length]


class Document(Record):
    """One article, its metadata and its exact text."""

    id: str
    outlet: str
    url: str | None = None
    title: str | None = None
    published: date | None = None
    text: str
    sha256: str
    source: str = Field(description="Path (or path#record) the document was read from.")
    extra: dict[str, str] = Field(
        default_factory=dict, description="Metadata keys claimdiff does not know, kept as given."
    )


class Span(Record):
    """A half-open character range ``[start, end)`` into one document's text."""

    doc_id: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)

    def text(self, document: Document) -> str:
        """Return the characters this span covers."""
        return document.text[self.start : self.end]


class Sentence(Record):
    """A sentence kept for extraction, with its paragraph index and span."""

    doc_id: str
    index: int
    paragraph: int
    span: Span
    text: str


class EntityKind(StrEnum):
    """What an entity is."""

    PERSON = "person"
    COUNTRY = "country"
    ORG = "org"
    GROUP = "group"
    PLACE = "place"
    EVENT = "event"


class Entity(Record):
    """Something claims are about or said by, with the names it goes by."""

    id: str = Field(description='Canonical id, e.g. "country:france", "person:emmanuel-macron".')
    name: str
    kind: EntityKind
    aliases: list[str] = Field(default_factory=list)
    affiliation: str | None = Field(
        default=None, description="Entity id this one acts for (a spokesperson's country)."
    )


class ClaimKind(StrEnum):
    """What sort of checkable statement a claim is."""

    QUANTITY = "quantity"
    QUOTE = "quote"
    STATEMENT = "statement"
    STATUS = "status"
    MODE = "mode"
    ABSENCE = "absence"
    TIME = "time"
    DURATION = "duration"
    TIMEFRAME = "timeframe"


class Bound(Record):
    """One end of an interval; ``None`` value means unbounded."""

    value: float | None
    inclusive: bool = True


class Quantity(Record):
    """A count as an interval, with the hedge that produced it.

    ``anchor`` is the number as written ("around 30" -> 30); ``low``/``high`` are the
    interval the hedge makes of it.
    """

    kind: Literal["quantity"] = "quantity"
    anchor: float
    low: Bound
    high: Bound
    hedge: str | None = None
    surface: str

    def overlaps(self, other: Quantity) -> bool:
        """Return True when the two intervals share at least one value."""
        return _below(self.low, other.high) and _below(other.low, self.high)

    def label(self) -> str:
        """Return a short human form: "26", "about 30", "more than 24"."""
        if self.hedge is not None and self.hedge == " ".join(self.surface.lower().split()):
            return self.hedge  # a vague plural such as "dozens of" is its own label
        if self.hedge is None and self.low.value is not None and self.low != self.high:
            return f"{_fmt(self.low.value)} to {_fmt(self.high.value or 0)}"
        number = _fmt(self.anchor)
        return f"{self.hedge} {number}" if self.hedge else number

    def normalised(self) -> str:
        """Return the canonical value reports print beside the label."""
        return self.interval()

    def interval(self) -> str:
        """Return the interval in mathematical notation, e.g. ``(24, inf)``."""
        left = "[" if self.low.inclusive and self.low.value is not None else "("
        right = "]" if self.high.inclusive and self.high.value is not None else ")"
        low = "-inf" if self.low.value is None else _fmt(self.low.value, grouped=False)
        high = "inf" if self.high.value is None else _fmt(self.high.value, grouped=False)
        return f"{left}{low}, {high}{right}"


def _below(low: Bound, high: Bound) -> bool:
    """Return True when a lower bound does not exceed an upper bound."""
    if low.value is None or high.value is None:
        return True
    if math.isclose(low.value, high.value):
        return low.inclusive and high.inclusive
    return low.value < high.value


def _fmt(value: float, *, grouped: bool = True) -> str:
    """Format a number for people ("12,400") or, ungrouped, for interval notation."""
    if float(value).is_integer():
        return f"{int(value):,}" if grouped else str(int(value))
    return f"{value:,.6g}" if grouped else f"{value:.6g}"


# Value types of the other claim kinds. Each has `label()` (what a reader sees) and
# `normalised()` (the canonical form the comparison used). Each extractor owns its class.


class QuoteValue(Record):
    """A direct quotation or reported statement and who said it.

    ``text`` is read from the evidence span (the two halves of a quotation split around
    its frame are joined by a space). ``speaker`` is an entity id: a person, or for an
    unnamed official or group acting for a country ("a spokesman for the German
    government"), that country. ``attribution`` is the chain through which the outlet
    has the words ("according to NBC News", "the Associated Press noted").
    """

    kind: Literal["quote"] = "quote"
    text: str = Field(description="The quoted words as written (read from the evidence span).")
    words: str = Field(description="Lower-case words without punctuation, for matching.")
    speaker: str | None = Field(default=None, description="Canonical entity id of the speaker.")
    speaker_name: str | None = Field(default=None, description="The speaker's name or office.")
    affiliation: str | None = Field(default=None, description="Entity id the speaker acts for.")
    attribution: list[str] = Field(default_factory=list, description='e.g. ["according to AP"]')
    direct: bool = True

    def label(self) -> str:
        """Return the quotation in quote marks, or the reported content as written."""
        return f"“{self.text}”" if self.direct else self.text

    def normalised(self) -> str:
        """Return the matching form of the words."""
        return self.words


class StatusValue(Record):
    """Where an actor stands on an undertaking: committed, declined, unspecified, ...

    ``status`` is one of committed, willing (ready to take part, no firm commitment),
    conditional, undecided, declined, excluded, supporting (a role short of full
    participation, named in ``role``) and unspecified (the outlet or its source says the
    status or form is open: "remains ambiguous", "still being ironed out").
    ``undertaking`` is a class from ``data/participation.toml`` ("troops", "participation").
    """

    kind: Literal["status"] = "status"
    actor: str = Field(description="Canonical entity id (a country, organisation or person).")
    actor_name: str
    undertaking: str
    status: str = Field(
        description=(
            "committed, willing, conditional, undecided, declined, excluded, supporting, "
            "unspecified"
        )
    )
    role: str | None = Field(default=None, description='A supporting role, e.g. "backstop".')
    cue: str = Field(description="The lexicon cue that set the status.")

    def label(self) -> str:
        """Return e.g. "United States: supporting (backstop)"."""
        role = f" ({self.role})" if self.role else ""
        return f"{self.actor_name}: {self.status}{role}"

    def normalised(self) -> str:
        """Return the status with its role, e.g. "supporting:backstop"."""
        return f"{self.status}:{self.role}" if self.role else self.status


class ModeValue(Record):
    """How and when an actor took part in an event.

    ``mode``: in_person, video, phone, remote (not there, means not given; compatible
    with video and phone) or written. ``timing``: before, during or after the event.
    """

    kind: Literal["mode"] = "mode"
    actor: str
    actor_name: str
    mode: str | None = Field(default=None, description="in_person, video, phone, remote, written")
    timing: str | None = Field(default=None, description="before, during, after")
    cue: str

    def label(self) -> str:
        """Return e.g. "Donald Trump: video, after"."""
        parts = [p.replace("_", " ") for p in (self.mode, self.timing) if p]
        return f"{self.actor_name}: {', '.join(parts)}"

    def normalised(self) -> str:
        """Return mode/timing, "?" for a part the text does not give."""
        return f"{self.mode or '?'}/{self.timing or '?'}"


class AbsenceValue(Record):
    """A statement that something did not happen (yet), or a report that it did.

    An absence ("no immediate official reaction") has ``occurred`` False and holds as of
    ``as_of`` (the date the text gives, else the publication date). A report of the same
    thing ("Zakharova insisted on Thursday ...") has ``occurred`` True and is dated by
    ``first``/``last`` when the text gives a date, by ``timing`` (before, during, after
    the event) when it places it relative to the event, or not at all. ``about`` holds
    the lemmas (and undertaking classes) of what the reaction or act concerns.
    """

    kind: Literal["absence"] = "absence"
    what: str = Field(description='Canonical form of the thing, e.g. "reaction".')
    label_text: str = Field(description='How findings name it, e.g. "official reaction".')
    actor: str | None = None
    actor_name: str | None = None
    occurred: bool = Field(default=False, description="True: a report of it happening.")
    as_of: date | None = Field(
        default=None,
        description="An absence holds up to this date; a report was known by it (published).",
    )
    first: date | None = Field(default=None, description="A report's date range, when given.")
    last: date | None = None
    timing: str | None = Field(default=None, description="before, during, after the event")
    about: list[str] = Field(default_factory=list)
    cue: str

    def label(self) -> str:
        """Return e.g. "no official reaction" or "official reaction on 2025-09-04"."""
        if not self.occurred:
            return f"no {self.label_text}"
        return f"{self.label_text} {self.when()}".strip()

    def when(self) -> str:
        """Return when a report places the thing ("on 2025-09-04", "before the event")."""
        if self.first is not None:
            if self.last is not None and self.last != self.first:
                return f"between {self.first.isoformat()} and {self.last.isoformat()}"
            return f"on {self.first.isoformat()}"
        if self.timing is not None:
            return f"{self.timing} the event"
        return ""

    def normalised(self) -> str:
        """Return "absent:reaction@2025-09-05" or "reported:reaction@2025-09-04"."""
        state = "reported" if self.occurred else "absent"
        when = self.as_of if not self.occurred else self.first
        suffix = f"@{when.isoformat()}" if when else (f"@{self.timing}" if self.timing else "")
        return f"{state}:{self.what}{suffix}"


class TimeValue(Record):
    """A date or moment as a half-open range ``[start, end)``, with granularity and zone.

    ``start``/``end`` are wall-clock times in the zone the text gives (naive datetimes);
    ``offset_minutes`` is that zone's offset east of UTC when known, so "30 July, 8:24
    local" and "29 July, 23:04 GMT" can be recognised as one moment. An undated clock time
    ("at 13:38") has ``dated`` False: its day is the document's, only the clock is claimed.
    Timeframes ("in the coming days") use the same type for the window they name.
    """

    kind: Literal["time"] = "time"
    start: datetime
    end: datetime
    granularity: str = Field(
        description="minute, hour, part_of_day, day, week, month, year (timeframes: window)"
    )
    timezone: str | None = Field(default=None, description='As written: "GMT", "local time".')
    offset_minutes: int | None = Field(default=None, description="Minutes east of UTC if known.")
    dated: bool = Field(default=True, description="False when only a clock time is written.")
    relative: bool = Field(
        default=False, description='Read against the publication date ("on Thursday").'
    )
    actors: list[str] = Field(
        default_factory=list, description="Who took part in the happening (lower case keys)."
    )
    surface: str

    def label(self) -> str:
        """Return the expression as written."""
        return self.surface

    def normalised(self) -> str:
        """Return the range in ISO 8601: whole days as dates, clock times to the minute."""
        midnight = self.start.time() == self.end.time() == datetime.min.time()
        if midnight and self.granularity not in ("minute", "hour"):
            first, last = self.start.date(), (self.end - timedelta(days=1)).date()
            return first.isoformat() if first == last else f"{first}/{last}"
        offset = ""
        if self.offset_minutes is not None:
            sign = "+" if self.offset_minutes >= 0 else "-"
            hours, minutes = divmod(abs(self.offset_minutes), 60)
            offset = f"{sign}{hours:02d}:{minutes:02d}"

        def stamp(moment: datetime) -> str:
            clock = moment.strftime("%H:%M") + offset
            return f"{moment.date().isoformat()}T{clock}" if self.dated else f"T{clock}"

        if self.end - self.start == timedelta(minutes=1):
            return stamp(self.start)
        return f"{stamp(self.start)}/{stamp(self.end)}"


class DurationValue(Record):
    """A length of time as an interval of seconds, with its hedge and anchor.

    Plain counts carry the rounding news gives them ("three years" is [3, 4) years,
    "90 minutes" is [89.5, 91) minutes); hedges apply the hedge lexicon in the written
    unit ("nearly three hours" is [2, 3) hours). ``anchor`` is the start date when the
    text gives one ("more than three and a half years after February 2022").
    """

    kind: Literal["duration"] = "duration"
    low: Bound
    high: Bound
    hedge: str | None = None
    unit: str = Field(description="The smallest unit written: second ... decade.")
    surface: str
    anchor: date | None = Field(
        default=None, description='Start date when given ("after February 2022").'
    )

    def label(self) -> str:
        """Return the expression as written."""
        return self.surface

    def overlaps(self, other: DurationValue) -> bool:
        """Return True when the two intervals share at least one length."""
        return _below(self.low, other.high) and _below(other.low, self.high)

    def normalised(self) -> str:
        """Return the interval in seconds, with the anchor date when there is one."""
        left = "[" if self.low.inclusive and self.low.value is not None else "("
        right = "]" if self.high.inclusive and self.high.value is not None else ")"
        low = "-inf" if self.low.value is None else _fmt(self.low.value, grouped=False)
        high = "inf" if self.high.value is None else _fmt(self.high.value, grouped=False)
        since = f" since {self.anchor.isoformat()}" if self.anchor is not None else ""
        return f"{left}{low}, {high}{right} s{since}"


Value = Annotated[
    Quantity | QuoteValue | StatusValue | ModeValue | AbsenceValue | TimeValue | DurationValue,
    Field(discriminator="kind"),
]


class Event(Record):
    """A real-world occurrence claims are about: a place and a date window."""

    id: str
    label: str
    start: date | None
    end: date | None
    place: str | None = None
    doc_ids: list[str]


class Claim(Record):
    """A checkable statement extracted from one sentence of one document."""

    id: str
    doc_id: str
    kind: ClaimKind
    subject: str = Field(description="Class of the counted thing, e.g. 'nation'.")
    subject_text: str = Field(description="The counted noun as written, e.g. 'Western nations'.")
    measure: str = Field(description="Predicate class: what is being counted, e.g. 'commitment'.")
    measure_cue: str | None = Field(default=None, description="The word that set the measure.")
    value: Value
    event: str
    speaker: str | None = Field(default=None, description="Entity id when the claim is attributed.")
    qualifier: str | None = Field(
        default=None,
        description=(
            "Which group of the counted thing a count is about, e.g. 'country:ukraine' for "
            "'Ukrainian soldiers'; counts of different groups are never compared."
        ),
    )
    agent: str | None = Field(
        default=None,
        description=(
            "Who does what a count counts, e.g. 'name:Halvorsen Motors' for 'Halvorsen "
            "Motors will cut 1,200 jobs'; '?' when a pronoun names it and nothing resolves it."
        ),
    )
    evidence: Span
    sentence: Span


class Severity(StrEnum):
    """How much a finding matters; ordered from most to least serious."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"
    INFO = "info"

    @property
    def rank(self) -> int:
        """Return 0 for high up to 3 for info."""
        return list(Severity).index(self)


class FindingKind(StrEnum):
    """The verdicts comparators can reach."""

    NUMERIC_CONFLICT = "numeric_conflict"
    DIFFERENT_MEASURE = "different_measure"
    QUOTE_VARIANT = "quote_variant"
    MISATTRIBUTION = "misattribution"
    SPECIFIED_VS_UNSPECIFIED = "specified_vs_unspecified"
    STATUS_CONFLICT = "status_conflict"
    MODE_CONFLICT = "mode_conflict"
    ABSENCE_VS_REPORT = "absence_vs_report"
    DATE_CONFLICT = "date_conflict"
    TIME_CONFLICT = "time_conflict"
    DURATION_CONFLICT = "duration_conflict"
    TIMEFRAME_CONFLICT = "timeframe_conflict"


class Decision(StrEnum):
    """An editor's decision on a finding (stored by ``review``, never part of a report)."""

    UNDECIDED = "undecided"
    CONFIRMED = "confirmed"
    DISMISSED = "dismissed"
    FOLLOW_UP = "follow_up"

    @property
    def label(self) -> str:
        """Return the decision for people: "follow_up" -> "Follow up"."""
        return self.value.replace("_", " ").capitalize()


class Evidence(Record):
    """One claim's place in its source: the exact value span and its sentence."""

    claim_id: str
    doc_id: str
    outlet: str
    span: Span
    text: str
    sentence: Span
    sentence_text: str


class Side(Record):
    """Claims that support one value; sides of a finding disagree with each other."""

    label: str
    measure: str
    value: Value
    outlets: list[str]
    independent_sources: int
    evidence: list[Evidence]


class Finding(Record):
    """A disagreement (or a contrast worth showing) between outlets."""

    id: str
    kind: FindingKind
    severity: Severity
    confidence: float = Field(ge=0.0, le=1.0)
    topic: str
    event: str
    explanation: str
    sides: list[Side] = Field(min_length=2)
    silent: list[str] = Field(description="Outlets in the event that say nothing on the topic.")


class DocumentSummary(Record):
    """A document as listed in a report (metadata, not the text)."""

    id: str
    outlet: str
    url: str | None
    title: str | None
    published: date | None
    sha256: str
    chars: int
    sentences: int
    claims: int


class Statistics(Record):
    """Counts describing one run."""

    documents: int
    sentences: int
    claims: int
    candidate_comparisons: int
    findings: int
    findings_by_kind: dict[str, int]
    findings_by_severity: dict[str, int]


class Report(Record):
    """Everything one check produced; JSON output is this model dumped."""

    tool: str = "claimdiff"
    version: str
    documents: list[DocumentSummary]
    events: list[Event]
    claims: list[Claim]
    findings: list[Finding]
    statistics: Statistics
    warnings: list[str]
    syndication: list[SyndicationLink] = Field(
        default_factory=list, description="Document pairs that share copy (wire, rewrites)."
    )


class SharedPassage(Record):
    """Two near-duplicate sentences in two documents (wire copy, syndication, a rewrite)."""

    left: Span
    right: Span
    left_text: str = Field(description="The left sentence, read from its span.")
    right_text: str = Field(description="The right sentence, read from its span.")
    similarity: float = Field(ge=0.0, le=1.0, description="rapidfuzz ratio / 100.")


class SyndicationLink(Record):
    """Two documents that share copy: their outlets are not independent sources."""

    left: str = Field(description="Document id (the smaller of the two).")
    right: str = Field(description="Document id.")
    left_outlet: str
    right_outlet: str
    share: float = Field(
        ge=0.0, le=1.0, description="Shared passages over the shorter document's sentences."
    )
    passages: list[SharedPassage]


Report.model_rebuild()
