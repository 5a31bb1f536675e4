"""Mode conflicts: outlets disagree on how or when an actor took part in the event.

"Remote" (virtually) says only that the actor was not there: it is compatible with both
video and phone, which are not compatible with each other; in person is compatible with
none of them (``data/modes.toml``). Before, during and after the event exclude each other.
An outlet that reports two different ways or times itself describes two acts, so that
pair is never set against another outlet.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import ClassVar

from claimdiff.align.blocking import ClaimGroup, ModeKey, mode_key
from claimdiff.compare.base import Comparison, Verdict, event_label, outlets
from claimdiff.compare.participants import mode_of, mode_phrase, timing_phrase
from claimdiff.extract.cues import mode_lexicon
from claimdiff.findings import Context, make_finding, make_side
from claimdiff.models import Claim, ClaimKind, Finding, FindingKind, ModeValue, Severity
from claimdiff.normalise.entities import same_name


def mode_clash(a: ModeValue, b: ModeValue) -> bool:
    """Return True when two stated modes cannot describe one participation."""
    if a.mode is None or b.mode is None:
        return False
    return not mode_lexicon().compatible_modes(a.mode, b.mode)


def timing_clash(a: ModeValue, b: ModeValue) -> bool:
    """Return True when two stated timings differ."""
    return a.timing is not None and b.timing is not None and a.timing != b.timing


def _compatibility_note(values: Sequence[ModeValue]) -> str:
    """Return why a "remote" account is no conflict with video or phone, when both occur."""
    modes = {v.mode for v in values}
    if "remote" in modes and modes & {"video", "phone"}:
        others = " and ".join(m for m in ("video", "phone") if m in modes)
        both = "both " if len(modes & {"video", "phone"}) == 2 else ""
        return f"taking part virtually or remotely is compatible with {both}{others}"
    return ""


class ModeConflictComparator:
    """Incompatible ways (phone vs video vs in person) or times of one actor's part.

    Contradiction: "Trump spoke to the leaders by phone" vs "Trump joined by video link".
    Consistent:    "Trump joined the meeting virtually" vs "Trump took part by video".
    """

    name: ClassVar[str] = "mode_conflict"
    kind: ClassVar[FindingKind] = FindingKind.MODE_CONFLICT
    handles: ClassVar[frozenset[ClaimKind]] = frozenset({ClaimKind.MODE})

    def block(self, claim: Claim) -> Hashable | None:
        """Mode claims meet on (event, actor)."""
        return mode_key(claim)

    def relate(self, left: Claim, right: Claim) -> Comparison:
        """Return CONTRADICTION when the modes or the timings cannot both hold."""
        if self.block(left) is None or self.block(left) != self.block(right):
            return Comparison(verdict=Verdict.NOT_COMPARABLE, explanation="different topics")
        a, b = mode_of(left), mode_of(right)
        if not same_name(a.actor_name, b.actor_name):
            return Comparison(verdict=Verdict.NOT_COMPARABLE, explanation="different people")
        problems = []
        if mode_clash(a, b):
            problems.append(f"{mode_phrase(a.mode)} vs {mode_phrase(b.mode)}")
        if timing_clash(a, b):
            problems.append(f"{timing_phrase(a.timing)} vs {timing_phrase(b.timing)}")
        if problems:
            return Comparison(verdict=Verdict.CONTRADICTION, explanation="; ".join(problems))
        note = _compatibility_note([a, b])
        return Comparison(
            verdict=Verdict.CONSISTENT,
            explanation=note or f"{a.label()} and {b.label()} can both hold",
        )

    def findings(self, group: ClaimGroup, context: Context) -> list[Finding]:
        """Return a finding per person whose way or time of taking part outlets dispute."""
        if not isinstance(group.key, ModeKey):
            return []
        people: list[list[Claim]] = []
        for claim in group.claims:
            name = mode_of(claim).actor_name
            for cluster in people:
                if same_name(mode_of(cluster[0]).actor_name, name):
                    cluster.append(claim)
                    break
            else:
                people.append([claim])
        found: list[Finding] = []
        for cluster in people:
            finding = self._finding(group.key, cluster, context)
            if finding is not None:
                found.append(finding)
        return found

    def _finding(self, key: ModeKey, claims: list[Claim], context: Context) -> Finding | None:
        values: dict[str, list[Claim]] = {}
        for claim in claims:
            values.setdefault(mode_of(claim).normalised(), []).append(claim)
        names = sorted(values)
        docs = {n: {c.doc_id for c in values[n]} for n in names}
        modes: list[tuple[str, str]] = []
        timings: list[tuple[str, str]] = []
        for i, left in enumerate(names):
            for right in names[i + 1 :]:
                a, b = mode_of(values[left][0]), mode_of(values[right][0])
                # Two outlets, each saying only one of the two.
                if not (docs[left] - docs[right] and docs[right] - docs[left]):
                    continue
                if mode_clash(a, b):
                    modes.append((left, right))
                if timing_clash(a, b):
                    timings.append((left, right))
        clashing = sorted({n for pair in (*modes, *timings) for n in pair})
        if not clashing:
            return None
        sides = []
        for name in clashing:
            value = mode_of(values[name][0])
            sides.append(
                make_side(
                    values[name],
                    label=", ".join(
                        p
                        for p in (
                            mode_phrase(value.mode) if value.mode else "",
                            timing_phrase(value.timing) if value.timing else "",
                        )
                        if p
                    ),
                    measure="participation",
                    value=value,
                    context=context,
                )
            )
        actor = mode_of(claims[0]).actor_name
        how = "; ".join(
            f"{mode_phrase(mode_of(values[a][0]).mode)} ({outlets(values[a], context)}) "
            f"vs {mode_phrase(mode_of(values[b][0]).mode)} ({outlets(values[b], context)})"
            for a, b in modes
        )
        by_timing: dict[str, list[Claim]] = {}
        for name in clashing:
            timing = mode_of(values[name][0]).timing
            if timing is not None and any(name in pair for pair in timings):
                by_timing.setdefault(timing, []).extend(values[name])
        when = " vs ".join(
            f"{timing_phrase(t)} ({outlets(cs, context)})"
            for t, cs in sorted(by_timing.items(), key=lambda i: _ORDER.index(i[0]))
        )
        if modes and timings:
            disagreement = f"how {actor} took part, {how}, and on when, {when}"
        elif modes:
            disagreement = f"how {actor} took part: {how}"
        else:
            disagreement = f"when {actor} took part: {when}"
        note = _compatibility_note([mode_of(values[n][0]) for n in clashing])
        explanation = (
            f"Outlets disagree on {disagreement}"
            f"{f'; {note}, so that is no conflict' if note else ''}; "
            "check which account the original sources support."
        )
        return make_finding(
            self.kind,
            sides=sides,
            severity=Severity.MEDIUM,
            confidence=0.75,
            topic=f"how {actor} took part ({event_label(key.event, context)})",
            event=key.event,
            explanation=explanation,
            context=context,
        )


_ORDER = ("before", "during", "after")
