"""Review controls for the HTML report when ``claimdiff review`` serves it.

The static ``report.html`` never contains any of this: ``render_html(report)`` without a
``ReviewView`` is byte for byte what ``check`` writes. When served, the page gains a
per-run token (a ``<meta>`` the script reads and sends back with each request), each
finding's current decision, note and who made it, three decision buttons and a note
field (revealed only when the review script runs), a decision filter and the decisions
whose findings are no longer in the report. A decision carried from an earlier finding
(whose evidence has grown since) is flagged, with a button to confirm it again; "Apply
to" sends the decision of a finding no longer found with the id it came from.

The script asks the server on loading and whenever the page regains focus, and reads
every answer: when the server says ``report_changed`` (``claimdiff check`` rewrote the
report after the page was loaded), a notice with a reload button stays at the top, and
the banner says whose name decisions are recorded under.

Every note, id and label goes through ``html.escape``; the script sets text with
``textContent`` and values with ``.value``, never markup. The page's policy grows only
by this stylesheet and script (by hash) and ``connect-src 'self'`` for the API.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from html import escape

from claimdiff.models import Decision

__all__ = [
    "NOTE_LIMIT",
    "REVIEW_CSS",
    "REVIEW_SCRIPT",
    "TOKEN_META",
    "Mark",
    "Orphan",
    "ReviewView",
    "decision_filter",
    "orphans_section",
    "review_banner",
    "review_box",
    "stamp",
]

NOTE_LIMIT = 4000
"""Longest note an editor can save, in characters."""

TOKEN_META = "claimdiff-review-token"
"""Name of the ``<meta>`` holding the per-run token the API requires."""

_CHOICES = (Decision.CONFIRMED, Decision.DISMISSED, Decision.FOLLOW_UP, Decision.UNDECIDED)


def _e(text: str) -> str:
    return escape(text, quote=True)


def stamp(moment: datetime | None) -> str:
    """Return a decision time for people: "2026-04-10 09:12 UTC" (the script matches it)."""
    return moment.strftime("%Y-%m-%d %H:%M UTC") if moment is not None else ""


@dataclass(frozen=True, slots=True)
class Mark:
    """The decision currently recorded for one finding."""

    decision: Decision = Decision.UNDECIDED
    note: str = ""
    decided_at: datetime | None = None
    carried_from: str | None = None
    """The earlier finding this decision was made on, while no editor has confirmed it here."""
    claims_added: int = 0
    """Claims the finding gained since the carried decision was made."""
    editor: str = ""
    """Who made the decision ('' when no name was recorded)."""


@dataclass(frozen=True, slots=True)
class Orphan:
    """A decision whose finding is not in the report any more, with what it said then."""

    finding_id: str
    mark: Mark
    severity: str
    kind: str
    topic: str
    explanation: str
    related: tuple[str, ...] = ()
    """Findings of this report that share claims with it (possibly its successors)."""


@dataclass(frozen=True, slots=True)
class ReviewView:
    """What the served page adds to the report: the token, decisions and orphans."""

    token: str
    marks: Mapping[str, Mark] = field(default_factory=dict)
    orphans: Sequence[Orphan] = ()

    def mark(self, finding_id: str) -> Mark:
        """Return the decision on ``finding_id`` (undecided when there is none)."""
        return self.marks.get(finding_id, Mark())


def _by(editor: str) -> str:
    return f"by {editor}" if editor else ""


def review_banner() -> str:
    """Return the line under the title that says the page saves decisions (and as whom)."""
    return (
        '<p class="review-banner"><strong>Review mode.</strong> Each decision is saved as '
        "soon as you click it, in <code>review.sqlite</code> beside the report; re-running "
        "<code>claimdiff check</code> into the same folder keeps it. "
        '<span class="review-editor"></span></p>\n'
        '<noscript><p class="review-banner">The review controls need JavaScript; '
        "decisions are shown but cannot be changed.</p></noscript>\n"
    )


def decision_filter(marks: Sequence[Mark]) -> str:
    """Return the filter's fieldset of decisions, with a count per decision."""
    counts = {choice: sum(mark.decision is choice for mark in marks) for choice in _CHOICES}
    boxes = "".join(
        f'<label><input type="checkbox" name="decision" value="{choice.value}" checked> '
        f'{_e(choice.label.lower())} (<span data-decision-count="{choice.value}">'
        f"{counts[choice]}</span>)</label>"
        for choice in _CHOICES
    )
    return f"<fieldset><legend>Decision</legend>{boxes}</fieldset>\n"


def _verdict(mark: Mark) -> str:
    return (
        f'<p class="verdict"><span class="decision d-{mark.decision.value}">'
        f"{_e(mark.decision.label)}</span> "
        f'<span class="when">{_e(stamp(mark.decided_at))}</span> '
        f'<span class="who">{_e(_by(mark.editor))}</span></p>'
    )


def _carried(mark: Mark) -> str:
    """Return the flag of a carried decision, with its confirm-again button (hidden)."""
    if mark.carried_from is None:
        return ""
    added = f"{mark.claims_added} claim" + ("" if mark.claims_added == 1 else "s")
    return (
        f'<p class="carried">Carried from <a href="#f-{_e(mark.carried_from)}"><code>'
        f"{_e(mark.carried_from)}</code></a>: evidence changed since the decision "
        f"({added} added). "
        f'<button type="button" class="reconfirm" hidden>Confirm again</button></p>'
    )


def review_box(finding_id: str, mark: Mark) -> str:
    """Return one finding's decision, note, buttons and note field (buttons start hidden)."""
    buttons = "".join(
        f'<button type="button" data-choice="{choice.value}" '
        f'aria-pressed="{"true" if mark.decision is choice else "false"}">'
        f"{_e(choice.label if choice is not Decision.UNDECIDED else 'Clear')}</button>"
        for choice in _CHOICES
    )
    hidden = "" if mark.note else " hidden"
    carried = (
        f' data-carried-from="{_e(mark.carried_from)}"' if mark.carried_from is not None else ""
    )
    return (
        f'<div class="review" data-review-for="{_e(finding_id)}"{carried}>{_verdict(mark)}'
        f"{_carried(mark)}"
        f'<p class="saved-note"{hidden}>{_e(mark.note)}</p>'
        '<div class="review-controls" hidden>'
        f'<div class="choices" role="group" aria-label="Decision">{buttons}</div>'
        f'<label class="note-field">Note <textarea rows="2" maxlength="{NOTE_LIMIT}" '
        f'placeholder="What was checked, who to call, what to correct">{_e(mark.note)}'
        "</textarea></label>"
        '<button type="button" class="save-note">Save note</button> '
        '<span class="review-status" role="status" aria-live="polite"></span>'
        "</div></div>\n"
    )


def _related(orphan: Orphan) -> str:
    """Return the findings sharing claims with the orphan, each with a button to carry it."""
    if not orphan.related:
        return "—"
    links = ", ".join(
        f'<a href="#f-{_e(fid)}"><code>{_e(fid)}</code></a>' for fid in orphan.related
    )
    buttons = "".join(
        f'<button type="button" class="carry" data-carry-to="{_e(fid)}" '
        f'data-choice="{orphan.mark.decision.value}" hidden>Apply to {_e(fid)}</button>'
        for fid in orphan.related
    )
    return f"shares claims with {links}{buttons}"


def _decided(mark: Mark) -> str:
    """Return when (and by whom) an orphan's decision was made, for its table cell."""
    who = f"<br><small>{_e(_by(mark.editor))}</small>" if mark.editor else ""
    return _e(stamp(mark.decided_at)) + who


def orphans_section(orphans: Sequence[Orphan]) -> str:
    """Return the table of decisions whose findings this report no longer has."""
    if not orphans:
        return ""
    rows = "".join(
        f'<tr data-orphan="{_e(o.finding_id)}"><td><code>{_e(o.finding_id)}</code><br>'
        f"<small>{_e(o.severity)} · {_e(o.kind.replace('_', ' '))} · {_e(o.topic)}</small><br>"
        f"{_e(o.explanation)}</td>"
        f'<td><span class="decision d-{o.mark.decision.value}">{_e(o.mark.decision.label)}'
        f'</span></td><td class="orphan-note">{_e(o.mark.note)}</td>'
        f"<td>{_decided(o.mark)}</td>"
        f"<td>{_related(o)}</td></tr>"
        for o in orphans
    )
    return (
        '<section id="orphans" aria-labelledby="orphans-title">\n'
        '<h2 id="orphans-title">Decisions on findings no longer found</h2>\n'
        '<p class="note">These findings were decided on an earlier run and are not in this '
        "report, and their decisions could not be carried to a finding of it: claims behind "
        "them were removed or changed (an article was edited or withdrawn), more than one "
        "finding holds them, or the finding's kind changed. (A decision whose finding only "
        "gained claims is carried to it and flagged there.) These decisions stay in "
        "<code>review.sqlite</code> and in <code>claimdiff export</code>; where a finding "
        "of this report shares their claims, you can apply the old decision and note to "
        "it.</p>\n"
        '<div class="scroll"><table class="orphans"><thead><tr><th>Finding (then)</th>'
        "<th>Decision</th><th>Note</th><th>Decided</th><th>Now</th></tr></thead>"
        f"<tbody>{rows}</tbody></table></div>\n</section>\n"
    )


REVIEW_CSS = """
.review-banner{background:#ecfdf3;border:1px solid #abefc6;border-radius:8px;padding:.45rem .7rem;
font-size:.9rem;margin:.5rem 0}
.review{border-top:1px dashed var(--line);margin-top:.8rem;padding-top:.6rem}
.verdict{margin:0;display:flex;gap:.6rem;align-items:center;flex-wrap:wrap}
.verdict .when,.verdict .who{color:var(--muted);font-size:.82rem}
.review-editor{font-weight:600}
.report-changed{position:fixed;left:1rem;right:1rem;bottom:1rem;z-index:20;max-width:60rem;
margin:0 auto;background:#fef3f2;border:1px solid #fda29b;border-radius:8px;
padding:.55rem .8rem;font-size:.95rem;box-shadow:0 4px 16px rgba(16,24,40,.18)}
.report-changed button{font:inherit;font-size:.88rem;margin-left:.5rem;cursor:pointer}
.decision{display:inline-block;font-size:.78rem;font-weight:700;padding:.1rem .55rem;
border-radius:999px;border:1px solid currentColor}
.d-undecided{color:var(--info);background:var(--info-bg)}
.d-confirmed{color:#067647;background:#ecfdf3}
.d-dismissed{color:#475467;background:#f2f4f7;text-decoration:line-through}
.d-follow_up{color:#b54708;background:#fffaeb}
.saved-note{margin:.4rem 0 0;white-space:pre-wrap;overflow-wrap:anywhere;font-size:.92rem;
border-left:3px solid var(--line);padding-left:.55rem}
.review-controls{display:flex;flex-wrap:wrap;gap:.45rem .8rem;align-items:flex-end;
margin-top:.55rem}
.choices{display:flex;flex-wrap:wrap;gap:.35rem}
.review button{font:inherit;font-size:.88rem;padding:.2rem .7rem;border-radius:6px;cursor:pointer;
border:1px solid #98a2b3;background:#fff}
.review button[aria-pressed=true]{background:var(--ink);color:#fff;border-color:var(--ink)}
.review button:disabled{opacity:.55;cursor:progress}
.note-field{display:flex;flex-direction:column;font-size:.82rem;color:var(--muted);
flex:1 1 16rem}
.note-field textarea{font:inherit;font-size:.92rem;color:var(--ink);min-height:2.4rem;
resize:vertical;width:100%}
.review-status{font-size:.85rem;color:var(--muted)}
.review-status.failed{color:var(--high)}
.carried{margin:.4rem 0 0;font-size:.9rem;background:#fffaeb;border:1px solid #fedf89;
border-radius:6px;padding:.3rem .55rem}
.carried .reconfirm{margin-left:.3rem}
.review.live .saved-note{display:none}
.review-out{display:none!important}
.orphans td:first-child{min-width:16rem}
.orphans .carry{display:block;font:inherit;font-size:.85rem;margin-top:.35rem;cursor:pointer}
@media print{.review-controls,.review-banner,.report-changed,.carry,.reconfirm{
display:none!important}
.review.live .saved-note:not([hidden]){display:block}}
"""

REVIEW_SCRIPT = """
(function () {
  "use strict";
  var meta = document.querySelector("meta[name='claimdiff-review-token']");
  if (!meta || !window.fetch) { return; }
  var token = meta.getAttribute("content");
  var form = document.getElementById("filters");
  var checking = false;
  var labels = {confirmed: "Confirmed", dismissed: "Dismissed", follow_up: "Follow up",
    undecided: "Undecided"};
  function stamp(iso) {
    return iso ? iso.slice(0, 10) + " " + iso.slice(11, 16) + " UTC" : "";
  }
  function byFinding(id) {
    return Array.prototype.filter.call(document.querySelectorAll("[data-finding]"),
      function (el) { return el.getAttribute("data-finding") === id; });
  }
  function refilter() {
    var allowed = {};
    if (form) {
      form.querySelectorAll("input[name='decision']").forEach(function (input) {
        allowed[input.value] = input.checked;
      });
    }
    var shown = 0, total = 0, counts = {};
    document.querySelectorAll("[data-finding]").forEach(function (el) {
      var decision = el.getAttribute("data-decision");
      var out = allowed[decision] === false;
      el.classList.toggle("review-out", out);
      if (el.tagName === "ARTICLE") {
        total += 1;
        counts[decision] = (counts[decision] || 0) + 1;
        if (!out && !el.hidden) { shown += 1; }
      }
    });
    document.querySelectorAll("section.topic").forEach(function (topic) {
      topic.classList.toggle("review-out",
        !topic.querySelector("article[data-finding]:not([hidden]):not(.review-out)"));
    });
    document.querySelectorAll("[data-decision-count]").forEach(function (el) {
      el.textContent = String(counts[el.getAttribute("data-decision-count")] || 0);
    });
    var empty = document.getElementById("matrix-empty");
    if (empty) { empty.hidden = shown !== 0; }
    var count = document.getElementById("filter-count");
    if (count) { count.textContent = shown + " of " + total + " findings shown"; }
  }
  function stale() {
    if (document.getElementById("report-changed")) { return; }
    var notice = document.createElement("div");
    notice.id = "report-changed";
    notice.className = "report-changed";
    notice.setAttribute("role", "alert");
    var text = document.createElement("strong");
    text.textContent = "The report has changed since this page was loaded";
    notice.appendChild(text);
    notice.appendChild(document.createTextNode(" (claimdiff check wrote a new " +
      "report.json). Reload to see its findings with their decisions; a finding it no " +
      "longer has cannot be decided here."));
    var reload = document.createElement("button");
    reload.type = "button";
    reload.textContent = "Reload the report";
    reload.addEventListener("click", function () { window.location.reload(); });
    notice.appendChild(reload);
    var banner = document.querySelector(".review-banner");
    if (banner) { banner.insertAdjacentElement("afterend", notice); }
    else { document.body.insertBefore(notice, document.body.firstChild); }
  }
  function heard(data) {
    if (data && data.report_changed === true) { stale(); }
    return data;
  }
  function request(method, path, body) {
    return fetch(path, {
      method: method,
      credentials: "same-origin",
      cache: "no-store",
      headers: body === undefined ? {"X-Claimdiff-Token": token} :
        {"Content-Type": "application/json", "X-Claimdiff-Token": token},
      body: body
    }).then(function (response) {
      return response.json().then(function (data) {
        heard(data);
        if (!response.ok) { throw new Error(data.error || ("HTTP " + response.status)); }
        return data;
      });
    });
  }
  function check() {
    if (checking || document.getElementById("report-changed")) { return; }
    checking = true;
    request("GET", "/api/status").then(function (data) {
      var who = document.querySelector(".review-editor");
      if (who && typeof data.editor === "string") {
        who.textContent = data.editor ? "Decisions are recorded as " + data.editor + "." :
          "Decisions are recorded without a name (start claimdiff review with " +
          "--editor NAME to sign them).";
      }
    }).catch(function () { return null; }).then(function () { checking = false; });
  }
  function show(box, record) {
    byFinding(record.finding_id).forEach(function (el) {
      el.setAttribute("data-decision", record.decision);
    });
    var badge = box.querySelector(".verdict .decision");
    badge.textContent = labels[record.decision] || record.decision;
    badge.className = "decision d-" + record.decision;
    box.querySelector(".verdict .when").textContent = stamp(record.decided_at);
    box.querySelector(".verdict .who").textContent = record.editor ? "by " + record.editor : "";
    var carried = box.querySelector(".carried");
    if (carried) { carried.hidden = true; }
    box.removeAttribute("data-carried-from");
    var saved = box.querySelector(".saved-note");
    saved.textContent = record.note;
    saved.hidden = record.note === "";
    box.querySelector("textarea").value = record.note;
    box.setAttribute("data-current", record.decision);
    box.querySelectorAll("button[data-choice]").forEach(function (button) {
      button.setAttribute("aria-pressed",
        button.getAttribute("data-choice") === record.decision ? "true" : "false");
    });
    refilter();
  }
  function save(box, decision, carriedFrom) {
    var status = box.querySelector(".review-status");
    var buttons = box.querySelectorAll("button");
    var sent = {finding_id: box.getAttribute("data-review-for"), decision: decision,
      note: box.querySelector("textarea").value};
    if (carriedFrom) { sent.carried_from = carriedFrom; }
    buttons.forEach(function (button) { button.disabled = true; });
    status.className = "review-status";
    status.textContent = "Saving…";
    return request("POST", "/api/decisions", JSON.stringify(sent)).then(function (record) {
      show(box, record);
      status.textContent = "Saved";
      return true;
    }).catch(function (error) {
      status.className = "review-status failed";
      status.textContent = "Not saved: " + error.message;
      return false;
    }).then(function (saved) {
      buttons.forEach(function (button) { button.disabled = false; });
      return saved;
    });
  }
  function boxOf(id) {
    return Array.prototype.filter.call(document.querySelectorAll("div.review[data-review-for]"),
      function (box) { return box.getAttribute("data-review-for") === id; })[0];
  }
  document.querySelectorAll("button.carry[data-carry-to]").forEach(function (button) {
    var box = boxOf(button.getAttribute("data-carry-to"));
    if (!box) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      var row = button.closest("tr");
      box.querySelector("textarea").value = row.querySelector("td.orphan-note").textContent;
      button.disabled = true;
      save(box, button.getAttribute("data-choice"), row.getAttribute("data-orphan"))
        .then(function (saved) {
          button.disabled = saved;
          button.textContent = saved ? "Applied: see the finding above" :
            "Not applied: see the finding above";
        });
    });
  });
  document.querySelectorAll("div.review[data-review-for]").forEach(function (box) {
    var pressed = box.querySelector("button[aria-pressed='true']");
    box.setAttribute("data-current", pressed ? pressed.getAttribute("data-choice") : "undecided");
    box.querySelectorAll("button[data-choice]").forEach(function (button) {
      button.addEventListener("click", function () {
        save(box, button.getAttribute("data-choice"));
      });
    });
    box.querySelector("button.save-note").addEventListener("click", function () {
      save(box, box.getAttribute("data-current"));
    });
    var reconfirm = box.querySelector("button.reconfirm");
    if (reconfirm) {
      reconfirm.hidden = false;
      reconfirm.addEventListener("click", function () {
        save(box, box.getAttribute("data-current"));
      });
    }
    box.querySelector("textarea").addEventListener("input", function () {
      var status = box.querySelector(".review-status");
      status.className = "review-status";
      status.textContent = "Note not saved yet";
    });
    box.querySelector(".review-controls").hidden = false;
    box.classList.add("live");
  });
  if (form) {
    form.addEventListener("change", refilter);
    form.addEventListener("reset", function () { window.setTimeout(refilter, 0); });
  }
  window.addEventListener("focus", check);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") { check(); }
  });
  refilter();
  check();
})();
"""
