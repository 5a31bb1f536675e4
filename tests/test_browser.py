"""The HTML report in a real browser: headless Chromium driven by Playwright.

Chromium comes from the Debian package (``/usr/bin/chromium``, installed by ``.ci/run``);
no browser is ever downloaded. The tests are skipped only when that binary is absent.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from claimdiff import check
from claimdiff.render import render_html

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
INJECTION = ROOT / "fixtures" / "html" / "injection"
EXAMPLE = ROOT / "reports" / "examples" / "kelbria-earthquake.json"
EDITOR = "Zoë <b>K</b>"
OLD = "0123456789abcdef"
"""The id of a finding decided on an earlier run."""
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"
SCREENSHOT = ROOT / "reports" / "examples" / "seeds.png"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="Chromium is not installed at /usr/bin/chromium (apt-get install chromium; "
    ".ci/run installs it)",
)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def injection_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    report = check([INJECTION])
    assert len(report.findings) == 2, "the injection story must keep its two findings"
    path = tmp_path_factory.mktemp("html") / "report.html"
    path.write_text(render_html(report), encoding="utf-8")
    return path


def _open(browser: Any, path: Path, **options: Any) -> Any:
    context = browser.new_context(**options)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(path.as_uri())
    page.errors = errors
    return page


def _expect_visible(page: Any, count: int) -> None:
    # wait_for_function evaluates strings, which the report's CSP forbids; poll instead.
    from playwright.sync_api import expect

    expect(page.locator("article.finding:visible")).to_have_count(count)


def test_browser_findings_and_matrix_are_visible(browser, injection_page):
    page = _open(browser, injection_page)
    findings = page.locator("article.finding")
    assert findings.count() == 2
    for index in range(2):
        assert findings.nth(index).is_visible()
    assert page.locator("table.matrix tbody tr").count() == 2
    silent = page.locator("table.matrix td.silent")
    assert silent.count() == 2 and silent.first.is_visible()
    assert silent.first.inner_text() == "silent"
    # The evidence value is highlighted and the differing word inside it marked.
    assert page.locator("article.finding mark").first.is_visible()
    assert page.locator("mark b.dw", has_text="Nineteen").count() >= 1
    # The script ran under the page's Content-Security-Policy: filters were revealed.
    assert page.locator("#filters").is_visible()
    assert page.locator("#filter-count").inner_text() == "2 of 2 findings shown"
    assert page.errors == []
    page.context.close()


def test_browser_filters_hide_what_they_should(browser, injection_page):
    page = _open(browser, injection_page)
    info = page.locator("article.finding[data-severity='info']")
    high = page.locator("article.finding[data-severity='high']")
    page.locator("input[name='severity'][value='info']").uncheck()
    assert not info.is_visible() and high.is_visible()
    assert not page.locator("table.matrix tr[data-severity='info']").is_visible()
    assert page.locator("#filter-count").inner_text() == "1 of 2 findings shown"

    page.locator("button[type='reset']").click()
    _expect_visible(page, 2)
    page.locator("input[name='kind'][value='numeric_conflict']").uncheck()
    assert info.is_visible() and not high.is_visible()

    page.locator("button[type='reset']").click()
    _expect_visible(page, 2)
    # Valley Courier reports the event but is silent on every topic: nothing to show.
    page.locator("select[name='outlet']").select_option(label="Valley Courier")
    assert page.locator("article.finding:visible").count() == 0
    assert not page.locator("section.topic").first.is_visible()
    assert page.locator("#matrix-empty").is_visible()
    page.locator("select[name='outlet']").select_option(label="Brennick Post")
    assert page.locator("article.finding:visible").count() == 2
    page.context.close()


def test_browser_injected_markup_is_text_and_never_runs(browser, injection_page):
    page = _open(browser, injection_page)
    assert page.evaluate("window.__pwned") is None
    assert page.title() == "claimdiff report: 2 findings"
    assert page.locator("script").count() == 1
    assert page.locator("main img, main b:not(.dw)").count() == 0
    body = page.locator("main").inner_text()
    assert '<script>window.__pwned = true; document.title = "pwned";</script>' in body
    assert '<b>Bold</b> Tribune <img src=x onerror="window.__pwned=true">' in body
    assert page.locator("a[href^='javascript']").count() == 0
    # Hover and click the injected outlet name: still nothing runs.
    page.locator("table.matrix thead th", has_text="Bold").hover()
    assert page.evaluate("window.__pwned") is None
    page.context.close()


def test_browser_without_javascript_everything_is_shown(browser, injection_page):
    page = _open(browser, injection_page, java_script_enabled=False)
    assert page.locator("article.finding:visible").count() == 2
    assert not page.locator("#filters").is_visible()
    assert page.locator("table.matrix").is_visible()
    page.context.close()


def test_browser_phone_width_has_no_page_overflow(browser, injection_page):
    page = _open(browser, injection_page, viewport={"width": 390, "height": 844})
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    assert page.locator("article.finding").first.is_visible()
    page.context.close()


def test_browser_print_unfolds_evidence_and_hides_filters(browser, tmp_path):
    (tmp_path / "a.txt").write_text(
        "Twenty-six nations committed to the force.\n\n"
        "The 26 nations that committed will meet again in May.\n\n"
        "Diplomats said 26 nations had committed troops to the mission.\n\n"
        "All 26 nations committed to send planners to the headquarters.\n"
    )
    (tmp_path / "b.txt").write_text("In all 35 nations committed to the force on Thursday.\n")
    page_path = tmp_path / "report.html"
    page_path.write_text(render_html(check([tmp_path])), encoding="utf-8")
    page = _open(browser, page_path)
    extras = page.locator("li.extra")
    assert extras.count() == 2
    assert not extras.first.is_visible()
    assert page.locator("button.more").inner_text() == "Show 2 more sentences (2 from a)"
    page.emulate_media(media="print")
    assert extras.first.is_visible() and extras.last.is_visible()
    assert not page.locator("#filters").is_visible()
    page.emulate_media(media="screen")
    page.locator("button.more").click()
    assert extras.first.is_visible() and not page.locator("button.more").is_visible()
    page.context.close()


@pytest.mark.skipif(not SEEDS.exists(), reason="the seed corpus is not beside the repository")
def test_browser_seeds_report(browser, tmp_path, update_goldens, monkeypatch):
    monkeypatch.chdir(ROOT)
    report = check([Path("..") / "shared" / "corpus" / "seeds"])
    page_path = tmp_path / "report.html"
    page_path.write_text(render_html(report), encoding="utf-8")
    page = _open(browser, page_path, viewport={"width": 1280, "height": 900})
    assert page.locator("article.finding:visible").count() == len(report.findings)
    assert page.locator("table.matrix tbody tr").count() == len(report.findings)
    assert page.errors == []
    if update_goldens:
        page.screenshot(path=str(SCREENSHOT), full_page=True)
    page.context.close()


@contextmanager
def _serving(folder: Path) -> Iterator[Any]:
    import threading

    from claimdiff.server import ReviewServer
    from claimdiff.session import Review

    server = ReviewServer(Review.load(folder, editor=EDITOR), port=0)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        thread.join()
        server.server_close()


@pytest.fixture(scope="module")
def injection_json() -> str:
    from claimdiff.render import render_json

    return render_json(check([INJECTION]))


@pytest.fixture
def review_server(tmp_path: Path, injection_json: str) -> Iterator[Any]:
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "report.json").write_text(injection_json, encoding="utf-8")
    with _serving(folder) as server:
        yield server


@pytest.fixture
def example_server(tmp_path: Path) -> Iterator[Any]:
    folder = tmp_path / "out"
    folder.mkdir()
    shutil.copyfile(EXAMPLE, folder / "report.json")
    with _serving(folder) as server:
        yield server


def _review_page(browser: Any, server: Any) -> Any:
    page = browser.new_context().new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(server.url)
    page.errors = errors
    return page


def test_browser_review_marks_a_finding_and_keeps_it(browser, review_server):
    from playwright.sync_api import expect

    from claimdiff.review import REVIEW_FILE, read_decisions

    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(review_server.url)
    first = page.locator("article.finding").first
    finding_id = first.get_attribute("data-finding")
    note = '<img src=x onerror="window.__pwned=true"> ring the agency'
    first.locator("textarea").fill(note)
    first.locator("button[data-choice='follow_up']").click()
    expect(first.locator(".review-status")).to_have_text("Saved")
    expect(first.locator(".verdict .decision")).to_have_text("Follow up")
    expect(first.locator(".saved-note")).to_have_text(note)
    expect(first.locator(".verdict .who")).to_have_text(f"by {EDITOR}")
    expect(page.locator(".review-editor")).to_have_text(f"Decisions are recorded as {EDITOR}.")
    assert first.get_attribute("data-decision") == "follow_up"
    record = read_decisions(review_server.review.directory / REVIEW_FILE)[0][finding_id]
    assert (record.decision.value, record.note, record.editor) == ("follow_up", note, EDITOR)

    # The decision filter hides it; a reload shows the stored decision, note as text.
    page.locator("input[name='decision'][value='follow_up']").uncheck()
    expect(page.locator("#filter-count")).to_have_text("1 of 2 findings shown")
    assert not first.is_visible()
    page.reload()
    first = page.locator("article.finding").first
    expect(first.locator(".verdict .decision")).to_have_text("Follow up")
    expect(first.locator(".verdict .who")).to_have_text(f"by {EDITOR}")
    assert first.locator("textarea").input_value() == note
    assert page.locator("main img").count() == 0
    assert page.locator("main b:not(.dw), .review-banner b").count() == 0
    assert page.evaluate("window.__pwned") is None
    assert errors == []
    context.close()


def test_browser_review_carries_a_decision_no_longer_found(browser, review_server):
    from playwright.sync_api import expect

    from claimdiff.models import Decision
    from claimdiff.review import FindingSnapshot

    review = review_server.review
    finding = review.report.findings[0]
    old = FindingSnapshot.of(finding, review.report)  # as if decided under another id
    review.store.decide(OLD, old, Decision.CONFIRMED, "Both ministries agree", editor="Bo")
    page = _review_page(browser, review_server)
    row = page.locator(f"#orphans tr[data-orphan='{OLD}']")
    expect(row).to_contain_text("Both ministries agree")
    expect(row).to_contain_text("by Bo")
    button = row.locator(f"button.carry[data-carry-to='{finding.id}']")
    button.click()
    box = page.locator(f"article[data-finding='{finding.id}'] div.review")
    expect(box.locator(".review-status")).to_have_text("Saved")
    expect(box.locator(".verdict .decision")).to_have_text("Confirmed")
    expect(box.locator(".verdict .who")).to_have_text(f"by {EDITOR}")
    expect(button).to_have_text("Applied: see the finding above")
    record = review.store.decisions()[finding.id]
    assert (record.decision, record.note) == (Decision.CONFIRMED, "Both ministries agree")
    assert (record.carried_from, record.editor) == (OLD, EDITOR)
    assert [c.carried_from for c in review.store.history()[finding.id]] == [OLD]
    # Taken over: after a reload the decision is no longer offered to apply.
    page.reload()
    expect(box.locator(".verdict .decision")).to_have_text("Confirmed")
    assert page.locator(f"#orphans tr[data-orphan='{OLD}']").count() == 0
    assert page.errors == []
    page.context.close()


def test_browser_review_confirm_again_is_one_click_and_clears_the_flag(browser, example_server):
    from playwright.sync_api import expect

    from claimdiff.models import Decision
    from claimdiff.review import FindingSnapshot

    review = example_server.review
    finding = next(f for f in review.report.findings if len(f.sides) >= 3)
    snapshot = FindingSnapshot.of(finding, review.report)
    sides = snapshot.sides[:-1]  # as if decided before the third side appeared
    claims = sorted(claim for side in sides for claim in side)
    old = snapshot.model_copy(update={"sides": sides, "claim_ids": claims})
    review.store.decide(OLD, old, Decision.CONFIRMED, "Checked.", editor="Bo")
    page = _review_page(browser, example_server)
    box = page.locator(f"article[data-finding='{finding.id}'] div.review")
    added = len(snapshot.sides[-1])
    expect(box.locator(".carried")).to_contain_text(
        f"({added} claim{'s' if added != 1 else ''} added)"
    )
    expect(box.locator(".verdict .decision")).to_have_text("Confirmed")
    expect(box.locator(".verdict .who")).to_have_text("by Bo")
    box.locator("button.reconfirm").click()
    expect(box.locator(".review-status")).to_have_text("Saved")
    expect(box.locator(".verdict .who")).to_have_text(f"by {EDITOR}")
    assert not box.locator(".carried").is_visible()
    page.reload()
    assert page.locator(".carried").count() == 0
    assert page.errors == []
    page.context.close()
    record = review.store.decisions()[finding.id]
    assert (record.decision, record.note) == (Decision.CONFIRMED, "Checked.")
    assert (record.carried_from, record.editor) == (OLD, EDITOR)


def test_browser_review_page_says_when_the_report_changed(browser, review_server):
    from playwright.sync_api import expect

    from claimdiff.review import REVIEW_FILE, read_decisions

    review = review_server.review
    folder = review.directory
    first, second = (finding.id for finding in review.report.findings)
    page = _review_page(browser, review_server)
    idle = _review_page(browser, review_server)  # a second tab, left alone
    signed = f"Decisions are recorded as {EDITOR}."
    for tab in (page, idle):  # each asked the server on loading, and has its answer
        expect(tab.locator(".review-editor")).to_have_text(signed)
    box = page.locator(f"article[data-finding='{first}'] div.review")
    box.locator("button[data-choice='confirmed']").click()
    expect(box.locator(".review-status")).to_have_text("Saved")
    assert page.locator("#report-changed").count() == 0

    # check re-runs into the folder while both pages are open: the first finding is gone.
    report = review.report
    trimmed = report.model_copy(update={"findings": report.findings[1:]})
    (folder / "new.json").write_text(trimmed.model_dump_json(indent=2), encoding="utf-8")
    os.replace(folder / "new.json", folder / "report.json")

    box.locator("button[data-choice='dismissed']").click()
    expect(box.locator(".review-status")).to_contain_text(
        f"Not saved: finding {first} is not in report.json any more"
    )
    notice = page.locator("#report-changed")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text("The report has changed since this page was loaded")
    history = read_decisions(folder / REVIEW_FILE)[1]
    assert [c.decision.value for c in history[first]] == ["confirmed"], "nothing stored"

    # The tab left alone learns it when it regains focus.
    assert idle.locator("#report-changed").count() == 0
    idle.evaluate("window.dispatchEvent(new Event('focus'))")
    expect(idle.locator("#report-changed")).to_be_visible()
    idle.context.close()

    notice.locator("button").click()
    expect(page.locator(f"#orphans tr[data-orphan='{first}']")).to_contain_text("Confirmed")
    assert page.locator(f"article[data-finding='{first}']").count() == 0
    assert page.locator(f"article[data-finding='{second}']").count() == 1
    expect(page.locator(".review-editor")).to_have_text(signed)  # its check answered
    assert page.locator("#report-changed").count() == 0
    assert page.errors == []
    page.context.close()
