"""Results in the store: each topic's comparison, and the findings of recent corpora."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from pydantic import TypeAdapter, ValidationError

from claimdiff import __version__
from claimdiff.compare import Outcome
from claimdiff.memo import Recent
from claimdiff.models import Document, Finding, Report
from claimdiff.store.base import MAX_RUNS, StoreFile, corpus_key, paused_gc

__all__ = ["REFRESH", "Results", "keep_findings"]

_FINDINGS = TypeAdapter(list[Finding])

REFRESH = MAX_RUNS // 2
"""Checks a topic's last use may lag behind (``save_comparisons``)."""

MEMO_OUTCOMES = 1 << 16
"""Topics' outcomes a process keeps, by fingerprint (a few corpora's topics)."""

_OUTCOMES: Recent[str, Outcome] = Recent(limit=MEMO_OUTCOMES)
"""Outcomes read or kept in this process, by fingerprint: a fingerprint is a hash of all
a comparison reads, so its outcome is the same wherever it was read (issue 7)."""


class Results(StoreFile):
    """The store's comparisons and findings."""

    def comparisons(self, fingerprints: Collection[str]) -> dict[str, Outcome]:
        """Return the outcomes of the topics compared before, by fingerprint."""
        wanted = set(fingerprints)
        found = {f: outcome for f in wanted if (outcome := _OUTCOMES.get(f)) is not None}
        query = (
            "SELECT fingerprint, pairs, findings FROM comparisons WHERE fingerprint IN ({marks})"
        )
        with self._guard(), paused_gc():
            for fingerprint, pairs, findings in self._select(query, wanted - found.keys()):
                try:
                    outcome = Outcome(
                        findings=_FINDINGS.validate_json(str(findings)),
                        candidate_comparisons=int(str(pairs)),
                    )
                except ValidationError:
                    continue  # an unreadable entry is a miss: the topic is compared again
                _OUTCOMES.put(str(fingerprint), outcome)
                found[str(fingerprint)] = outcome
        return found

    def save_comparisons(
        self, outcomes: Mapping[str, Outcome], used: Mapping[str, Outcome]
    ) -> None:
        """Keep new topics' outcomes; forget those no check used in the last ``MAX_RUNS``.

        ``used`` are the outcomes of every topic of the check: those the store lacks (a
        process may remember what the store has forgotten) are kept again. A topic's
        last use is written again only once it is ``REFRESH`` checks old, so that a check
        rewrites a few rows, not every row (each row holds its findings; rewriting them
        all was a quarter of what an add to a stored 1,000-article corpus wrote, issue
        7); so an outcome unused for ``MAX_RUNS`` checks may stay ``REFRESH`` more.
        """
        with self._transaction():
            row = self._connection.execute("SELECT value FROM meta WHERE key = 'round'").fetchone()
            turn = int(row[0]) + 1 if row else 1
            self._connection.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES ('round', ?)", (str(turn),)
            )
            self._insert(outcomes, turn)
            query = "SELECT fingerprint, used FROM comparisons WHERE fingerprint IN ({marks})"
            kept = {str(f): int(str(last)) for f, last in self._select(query, used)}
            self._connection.executemany(
                "UPDATE comparisons SET used = ? WHERE fingerprint = ?",
                [(turn, f) for f in sorted(kept) if kept[f] < turn - REFRESH],
            )
            self._insert({f: o for f, o in used.items() if f not in kept}, turn)
            self._connection.execute(
                "DELETE FROM comparisons WHERE used <= ?", (turn - MAX_RUNS - REFRESH,)
            )
        for fingerprint, outcome in outcomes.items():
            _OUTCOMES.put(fingerprint, outcome)

    def _insert(self, outcomes: Mapping[str, Outcome], turn: int) -> None:
        self._connection.executemany(
            "INSERT OR REPLACE INTO comparisons VALUES (?, ?, ?, ?)",
            [
                (
                    fingerprint,
                    outcome.candidate_comparisons,
                    _FINDINGS.dump_json(outcome.findings).decode("utf-8"),
                    turn,
                )
                for fingerprint, outcome in sorted(outcomes.items())
            ],
        )

    def save_findings(self, documents: Sequence[Document], findings: Sequence[Finding]) -> None:
        """Keep the findings of a run under its corpus key (the latest runs only)."""
        corpus = corpus_key(self.keys(documents).values())
        with self._transaction():
            self._connection.execute("DELETE FROM runs WHERE corpus = ?", (corpus,))
            self._connection.execute("DELETE FROM findings WHERE corpus = ?", (corpus,))
            self._connection.execute(
                "INSERT INTO runs (corpus, version, documents) VALUES (?, ?, ?)",
                (corpus, __version__, len(documents)),
            )
            self._connection.executemany(
                "INSERT INTO findings VALUES (?, ?, ?)",
                [(corpus, f.id, f.model_dump_json()) for f in findings],
            )
            self._connection.execute(
                "DELETE FROM findings WHERE corpus NOT IN "
                "(SELECT corpus FROM runs ORDER BY seq DESC LIMIT ?)",
                (MAX_RUNS,),
            )
            self._connection.execute(
                "DELETE FROM runs WHERE seq NOT IN "
                "(SELECT seq FROM runs ORDER BY seq DESC LIMIT ?)",
                (MAX_RUNS,),
            )

    def findings(self, documents: Sequence[Document]) -> list[Finding] | None:
        """Return the findings last kept for exactly these documents, or None."""
        corpus = corpus_key(self.keys(documents).values())
        with self._guard():
            if not self._connection.execute(
                "SELECT 1 FROM runs WHERE corpus = ?", (corpus,)
            ).fetchone():
                return None
            rows = self._connection.execute(
                "SELECT finding FROM findings WHERE corpus = ? ORDER BY id", (corpus,)
            ).fetchall()
        return [Finding.model_validate_json(row[0]) for row in rows]


def keep_findings(report: Report, documents: Sequence[Document], *, store: Results | None) -> None:
    """Keep a run's findings in the store (nothing without a store)."""
    if store is not None:
        store.save_findings(documents, report.findings)


def forget_parsed() -> None:
    """Forget what this process keeps of what it read or wrote (tests: a new process)."""
    _OUTCOMES.clear()
