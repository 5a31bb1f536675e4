"""The HTML report in a real browser: headless Chromium driven by Playwright.

Chromium comes from the Debian package (``/usr/bin/chromium``, installed by ``.ci/run``);
no browser is ever downloaded. The tests are skipped only when that binary is absent.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from claimdiff import check
from claimdiff.render import render_html

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
INJECTION = ROOT / "fixtures" / "html" / "injection"
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


@pytest.fixture
def review_server(tmp_path: Path) -> Iterator[Any]:
    import threading

    from claimdiff.render import render_json
    from claimdiff.review import Review
    from claimdiff.server import ReviewServer

    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "report.json").write_text(render_json(check([INJECTION])), encoding="utf-8")
    server = ReviewServer(Review.open(folder), port=0)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        thread.join()
        server.server_close()


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
    assert first.get_attribute("data-decision") == "follow_up"
    record = read_decisions(review_server.review.directory / REVIEW_FILE)[0][finding_id]
    assert (record.decision.value, record.note) == ("follow_up", note)

    # The decision filter hides it; a reload shows the stored decision, note as text.
    page.locator("input[name='decision'][value='follow_up']").uncheck()
    expect(page.locator("#filter-count")).to_have_text("1 of 2 findings shown")
    assert not first.is_visible()
    page.reload()
    first = page.locator("article.finding").first
    expect(first.locator(".verdict .decision")).to_have_text("Follow up")
    assert first.locator("textarea").input_value() == note
    assert page.locator("main img").count() == 0
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
    review.store.decide("0123456789abcdef", old, Decision.CONFIRMED, "Both ministries agree")
    context = browser.new_context()
    page = context.new_page()
    page.goto(review_server.url)
    row = page.locator("#orphans tr[data-orphan='0123456789abcdef']")
    expect(row).to_contain_text("Both ministries agree")
    row.locator(f"button.carry[data-carry-to='{finding.id}']").click()
    box = page.locator(f"article[data-finding='{finding.id}'] div.review")
    expect(box.locator(".review-status")).to_have_text("Saved")
    expect(box.locator(".verdict .decision")).to_have_text("Confirmed")
    record = review.store.decisions()[finding.id]
    assert (record.decision, record.note) == (Decision.CONFIRMED, "Both ministries agree")
    context.close()
