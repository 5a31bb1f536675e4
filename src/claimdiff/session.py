"""A report folder under review: its report, reloaded when ``check`` rewrites it, and decisions.

``claimdiff review DIR`` loads one ``Review``; the server (``server.py``) asks it for the
page and records decisions through it, in the name of the editor it was loaded for. It
touches no file itself: ``review.py`` reads and stats the report and keeps the decisions.
Each request first calls ``refresh``: a stat of ``report.json``, and when that changed,
a new reading whose revision (a hash of the bytes) says whether the report did. The
decisions are reconciled against whichever report is loaded at each call, so after a
reload they follow the new findings as on a re-run of ``check``. A decision is refused
(``DecisionConflict``) when the page that sent it shows an older report that had the
finding, or applies a decision that is no longer waiting to be applied.
"""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path

from claimdiff.decisions import (
    DecisionRecord,
    DecisionRequest,
    FindingSnapshot,
    Reconciliation,
    reconcile,
    related_findings,
    validate_editor,
)
from claimdiff.errors import InputError
from claimdiff.models import Finding, Report
from claimdiff.render.controls import Orphan, ReviewView
from claimdiff.review import (
    REPORT_FILE,
    Clock,
    DecisionStore,
    ReportFile,
    now,
    read_report,
    report_stat,
    review_files,
)

__all__ = ["DecisionConflict", "NotInReport", "Review"]


class NotInReport(KeyError):
    """The report under review has no finding with this id."""


class DecisionConflict(ValueError):
    """A decision the report under review cannot take now: the page is out of date."""


class Review:
    """A report folder under review: its report (reloaded when rewritten) and its decisions.

    Each method reads the report once, so a reload meanwhile never mixes two reports.
    """

    def __init__(
        self, directory: Path, file: ReportFile, store: DecisionStore, *, editor: str = ""
    ) -> None:
        self.directory = directory
        self.store = store
        self.editor = editor  # who decisions made here are recorded as; '' for nobody named
        self._file = file
        self._lock = threading.Lock()

    @classmethod
    def load(cls, directory: Path, *, clock: Clock = now, editor: str = "") -> Review:
        """Load ``directory/report.json`` and its decisions database (created if new).

        Raises:
            InputError: The folder, report or database is unusable, or ``editor`` is not
                a valid name (see ``validate_editor``; '' records decisions unnamed).
        """
        try:
            name = validate_editor(editor) if editor else ""
        except ValueError as exc:
            raise InputError(f"editor name {editor!r}: {exc}") from exc
        file, store = review_files(directory, clock=clock)
        return cls(directory, file, store, editor=name)

    @property
    def file(self) -> ReportFile:
        """Return the report as last read, with its revision."""
        return self._file

    @property
    def report(self) -> Report:
        """Return the report as last read."""
        return self._file.report

    def refresh(self) -> bool:
        """Reload ``report.json`` if it was rewritten; return whether its content changed.

        A stat per call; the file is read and hashed only when its stat changed, so a
        re-run of ``check`` that wrote the same report changes nothing.

        Raises:
            InputError: The report is gone or no longer valid; the last one stays loaded.
        """
        path = self.directory / REPORT_FILE
        with self._lock:
            current = self._file
            try:
                stat: tuple[int, ...] | None = report_stat(path)
            except OSError:
                stat = None  # gone or unreadable: read_report says which, naming the fix
            if stat == current.stat:
                return False
            fresh = read_report(self.directory)
            if fresh.revision == current.revision:
                self._file = replace(current, stat=fresh.stat)
                return False
            self._file = fresh
            return True

    def finding(self, finding_id: str) -> Finding | None:
        """Return the report's finding with this id, if any."""
        return next((f for f in self.report.findings if f.id == finding_id), None)

    def reconciliation(self) -> Reconciliation:
        """Return the stored decisions sorted against the report (applied, carried, gone)."""
        return reconcile(self.report, self.store.decisions())

    def decide(self, request: DecisionRequest, *, shown: str | None = None) -> DecisionRecord:
        """Record ``request`` for a finding of the report, by this review's editor.

        ``shown`` is the revision of the report the deciding page shows, if known. A
        decision on a finding showing a carried one takes it over, and so does one that
        applies (``request.carried_from``) the decision on a finding no longer found
        sharing claims with it: the record and its history say which finding it came
        from, and the flag goes.

        Raises:
            DecisionConflict: The page shows an older report, which had the finding; or
                the decision to apply is not one on a finding no longer found that
                shares claims with this one (any more).
            NotInReport: The report has no finding with that id.
        """
        file = self._file
        report = file.report
        finding = next((f for f in report.findings if f.id == request.finding_id), None)
        if finding is None:
            if shown is not None and shown != file.revision:
                raise DecisionConflict(
                    f"finding {request.finding_id} is not in {REPORT_FILE} any more (claimdiff "
                    "check rewrote it after this page was loaded); reload the page"
                )
            raise NotInReport(request.finding_id)

        def source(decisions: dict[str, DecisionRecord]) -> str | None:
            # Read in the store's transaction: two pages applying one old decision to two
            # findings at once cannot both pass (the second sees the first's record).
            state = reconcile(report, decisions)
            carry = state.carried.get(finding.id)
            found = carry.record.finding_id if carry else None
            if request.carried_from is not None and request.carried_from != found:
                found = _applicable(request.carried_from, finding, state, report)
            return found

        return self.store.decide(
            finding.id,
            FindingSnapshot.of(finding, report),
            request.decision,
            request.note.strip(),
            carried_from=source,
            editor=self.editor,
        )

    def view(self, token: str, *, file: ReportFile | None = None) -> ReviewView:
        """Return what the served page of ``file`` (default: the report as last read) shows."""
        report = (file or self._file).report
        state = reconcile(report, self.store.decisions())
        orphans = [
            Orphan(
                finding_id=record.finding_id,
                mark=record.mark,
                severity=record.finding.severity,
                kind=record.finding.kind,
                topic=record.finding.topic,
                explanation=record.finding.explanation,
                related=related_findings(record, report),
            )
            for record in state.gone.values()
        ]
        marks = {fid: record.mark for fid, record in state.applied.items()}
        marks.update((fid, carry.mark) for fid, carry in state.carried.items())
        return ReviewView(token=token, marks=marks, orphans=orphans)


def _applicable(old: str, finding: Finding, state: Reconciliation, report: Report) -> str:
    """Return ``old`` if its decision may be applied to ``finding``; raise if not."""
    if state.superseded.get(old) == finding.id:
        return old  # applied already: the same click twice
    record = state.gone.get(old)
    if record is None:
        raise DecisionConflict(
            f"the decision on {old} cannot be applied: it is not a decision on a finding no "
            "longer found (it applies, was carried or was taken over since); reload the page"
        )
    if finding.id not in related_findings(record, report):
        raise DecisionConflict(
            f"the decision on {old} cannot be applied to {finding.id}: they share no claims"
        )
    return old
