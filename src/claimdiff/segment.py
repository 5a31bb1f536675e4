"""Split documents into paragraphs and sentences with exact offsets; drop boilerplate.

Paragraphs come first: each non-blank line is a paragraph, except that hard-wrapped
lines are joined back (a line continues when the next starts in lower case, when it
ends with a comma, or when its block looks wrapped: lines of even width, most of them
ending mid-sentence).
Sentences are then split inside paragraphs by rules (abbreviations, initials, decimals,
ellipses, closing quotes); a line without final punctuation, such as a heading, is
its own sentence. ``document.text[s.span.start:s.span.end] == s.text`` always holds.

Boilerplate is dropped by the data-driven rules in ``BOILERPLATE_RULES`` (page
furniture lines, subscription pitches, FAQ blocks) and by near-duplicate removal of
sentences that repeat earlier body sentences.
"""

from __future__ import annotations

import heapq
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from rapidfuzz import fuzz

from claimdiff.models import Document, Record, Sentence, Span

__all__ = [
    "BOILERPLATE_RULES",
    "BoilerplateRule",
    "Dropped",
    "paragraph_spans",
    "segment",
    "segment_all",
    "segment_detailed",
    "sentence_spans",
]

# --- Abbreviations (data). Keys are the word before the final dot, lower-cased. ------

TITLE_ABBREVIATIONS: frozenset[str] = frozenset(
    {
        "mr", "mrs", "ms", "mx", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cpt",
        "sgt", "cpl", "pvt", "adm", "cmdr", "cdr", "brig", "gov", "sen", "rep", "rev",
        "hon", "pres", "amb", "atty", "supt", "insp", "det", "fr", "sr", "jr", "st", "ste",
        "mt", "messrs", "mme", "mlle", "sec", "lieut",
    }
)  # fmt: skip
"""Abbreviations that precede a name and so never end a sentence ("Gen. Smith")."""

NUMBER_ABBREVIATIONS: frozenset[str] = frozenset(
    {"no", "nos", "art", "arts", "p", "pp", "vol", "vols", "fig", "figs", "ch", "para",
     "sect", "op", "ed", "eds", "approx", "ca", "cf", "tel", "ext", "pt", "pts", "nr"}
)  # fmt: skip
"""Abbreviations that precede a number ("No. 10", "pp. 4-5")."""

MONTH_ABBREVIATIONS: frozenset[str] = frozenset(
    {"Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec"}
)
"""Month abbreviations, matched case-sensitively ("Jan. 5"; "mar" is also a verb)."""

GENERAL_ABBREVIATIONS: frozenset[str] = frozenset(
    {
        "etc", "vs", "v", "inc", "ltd", "co", "corp", "plc", "llc", "bros", "dept", "est",
        "govt", "univ", "assn", "ave", "blvd", "rd", "ft", "km", "mi", "min", "max", "al",
        "e.g", "i.e", "a.m", "p.m", "u.s", "u.k", "u.n", "e.u", "u.s.a", "d.c", "n.y",
    }
)  # fmt: skip
"""Abbreviations that may also end a sentence; they do so only before a typical opener."""

SENTENCE_OPENERS: frozenset[str] = frozenset(
    {
        "A", "An", "The", "This", "That", "These", "Those", "He", "She", "It", "They",
        "We", "I", "You", "His", "Her", "Its", "Their", "Our", "My", "But", "And", "Or",
        "So", "Yet", "However", "Meanwhile", "In", "On", "At", "For", "If", "When",
        "While", "After", "Before", "As", "There", "Here", "Some", "Many", "Most", "Such",
        "Still", "Also", "Then", "Now", "According", "Officials", "Both", "Neither",
        "No", "Not", "What", "Why", "How", "Who", "Where", "Asked", "During", "Since",
    }
)  # fmt: skip
"""Capitalised words that, after an ambiguous abbreviation, signal a new sentence."""

_WORD = re.compile(r"[\w’'-]+\.?")
_DOTTED_ACRONYM = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")
_TERMINATORS = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s)")
_CLOSERS = "\"'”’»)]"
_OPENERS = "\"'“‘«([¡¿"
_LINE = re.compile(r"[^\n\r\u2028\u2029\x85]+")
_BULLET = re.compile(r"(?:[-*•–—]|\d{1,3}[.)])\s")
_ENDS_SENTENCE = re.compile(r"[.!?…:;][\"'”’»)\]]*$")
_WRAP_MIN, _WRAP_MAX, _WRAP_SPREAD = 40, 100, 30


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` of each paragraph, whitespace stripped at both ends."""
    blocks: list[list[tuple[int, int, int]]] = [[]]  # (content start, end, raw line width)
    for match in _LINE.finditer(text):
        line = match.group()
        stripped = line.strip()
        if not stripped:
            blocks.append([])
            continue
        start = match.start() + len(line) - len(line.lstrip())
        blocks[-1].append((start, start + len(stripped), len(line.rstrip())))
    paragraphs: list[tuple[int, int]] = []
    for block in blocks:
        if not block:
            continue
        widths = [width for _, _, width in block[:-1]]
        open_ends = sum(not _ENDS_SENTENCE.search(text[a:b]) for a, b, _ in block[:-1])
        wrapped = (
            len(block) >= 3
            and all(_WRAP_MIN <= width <= _WRAP_MAX for width in widths)
            and max(widths) - min(widths) <= _WRAP_SPREAD
            and 2 * open_ends > len(widths)
        )
        current = [block[0][0], block[0][1]]
        for (last_start, last_end, _), (start, end, _) in zip(block, block[1:], strict=False):
            if _continues(text[last_start:last_end], text[start:end], wrapped=wrapped):
                current[1] = end
            else:
                paragraphs.append((current[0], current[1]))
                current = [start, end]
        paragraphs.append((current[0], current[1]))
    return paragraphs


def _continues(previous: str, following: str, *, wrapped: bool) -> bool:
    """Return True when ``following`` is the hard-wrapped rest of ``previous``."""
    if _BULLET.match(following):
        return False
    if wrapped:
        return True
    if _ENDS_SENTENCE.search(previous):
        return False
    return previous.endswith(",") or following[0].islower()


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Return ``(start, end)`` of each sentence in ``text[start:end]`` (one paragraph)."""
    stop = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    begin = start
    for match in _TERMINATORS.finditer(text, start, stop):
        following = match.end()
        while following < stop and text[following].isspace():
            following += 1
        if following >= stop or not _is_boundary(text, match, begin, following):
            continue
        spans.append((begin, match.end()))
        begin = following
    while begin < stop and text[begin].isspace():
        begin += 1
    tail = stop
    while tail > begin and text[tail - 1].isspace():
        tail -= 1
    if tail > begin:
        spans.append((begin, tail))
    return spans


def _is_boundary(text: str, match: re.Match[str], begin: int, following: int) -> bool:
    """Decide whether ``match`` ends the sentence opened at ``begin`` (next at ``following``)."""
    position = following
    while position < len(text) and text[position] in _OPENERS:
        position += 1
    if position >= len(text):
        return False
    first = text[position]
    if not (first.isdigit() or (first.isalpha() and not first.islower())):
        return False
    if match.group() != ".":
        return True  # "?", "!", an ellipsis, or a closing quote after the dot
    token_start = match.start()
    while token_start > begin and not text[token_start - 1].isspace():
        token_start -= 1
    token = text[token_start : match.start()].lstrip(_OPENERS)
    if token_start == begin and (token.isdigit() or len(token) == 1):
        return False  # a list marker such as "1." or "a." opening the paragraph
    lowered = token.lower()
    if lowered in TITLE_ABBREVIATIONS:
        return False
    if first.isdigit() and (lowered in NUMBER_ABBREVIATIONS or token in MONTH_ABBREVIATIONS):
        return False
    initial = len(token) == 1 and token.isupper()
    ambiguous = (
        initial
        or lowered in GENERAL_ABBREVIATIONS
        or token in MONTH_ABBREVIATIONS
        or _DOTTED_ACRONYM.fullmatch(token) is not None
    )
    if not ambiguous:
        return True
    word = _WORD.match(text, position)
    next_word = word.group() if word else ""
    if initial and len(next_word) == 2 and next_word[0].isupper() and next_word[1] == ".":
        return False  # a run of initials: "J. D. Vance"
    return next_word.rstrip(".") in SENTENCE_OPENERS


# --- Boilerplate rules (data). ----------------------------------------------------------

RuleKind = Literal["furniture", "pitch", "faq"]


@dataclass(frozen=True)
class BoilerplateRule:
    """One boilerplate pattern, with an example it drops and a look-alike it keeps.

    Attributes:
        name: id reported for what the rule drops.
        kind: ``furniture`` matches a whole short paragraph; ``pitch`` is a cue searched
            in each sentence (a sentence is a pitch when a cue and ``PITCH_ADDRESS`` both
            match it, and a paragraph goes when at least half its sentences are
            pitches); ``faq`` matches a heading that opens an FAQ block.
        pattern: the regular expression (case-insensitive).
        drops: text the rule removes (tests check this).
        keeps: news text with the same words that must survive (tests check this).
    """

    name: str
    kind: RuleKind
    pattern: re.Pattern[str]
    drops: str
    keeps: str


def _rule(name: str, kind: RuleKind, pattern: str, drops: str, keeps: str) -> BoilerplateRule:
    """Compile one rule; furniture and FAQ patterns must match the whole paragraph."""
    if kind == "furniture":
        pattern = rf"(?:{pattern})[\s.!]*"
    elif kind == "faq":
        pattern = rf"(?:{pattern})[\s:?]*"
    return BoilerplateRule(name, kind, re.compile(pattern, re.IGNORECASE), drops, keeps)


_SOCIAL = (
    r"share|tweet|e-?mail|print|save|copy(?: the)? link|facebook|twitter|x|linkedin"
    r"|whatsapp|reddit|telegram|pinterest|messenger|flipboard|bluesky|threads"
)

BOILERPLATE_RULES: tuple[BoilerplateRule, ...] = (
    # 1. Subscription, newsletter and paywall pitches (cues; see PITCH_ADDRESS).
    _rule("subscribe", "pitch", r"\b(?:subscribe|subscribing|subscription)\b",
          "Subscribe today and GlobalPost will be in your inbox the next weekday morning",
          "The paper said 20,000 readers had cancelled their subscription since March."),
    _rule("newsletter", "pitch", r"\bsign(?:ing)?[ -]up\b|\bnewsletters?\b",
          "Sign up for our daily newsletter to get the latest news.",
          "More than 2,000 volunteers signed up to help, the mayor said."),
    _rule("inbox", "pitch", r"\binbox(?:es)?\b",
          "Get the best of our journalism delivered to your inbox every morning.",
          "Staff found the fake invoice in their inbox on Monday, police said."),
    _rule("free_trial", "pitch", r"\bfree\b[\w\s-]{0,20}\btrial\b|\btrial (?:period|offer)\b",
          "And you get a free two-week trial with no obligation to continue.",
          "The court said the trial of the four men would resume on Monday."),
    _rule("price", "pitch",
          r"(?:[$€£]\s?\d[\d,.]*|\b\d[\d,.]*\s?(?:dollars|euros|pounds))\s*(?:a|an|per|/)\s*"
          r"(?:month|year|week|day|mo|yr)\b|\b(?:pay|for|costs?|just|only)\s+(?:only\s+|just\s+)?"
          r"[$€£]\s?\d",
          "Get all of our reporting for just $4 a month.",
          "Netflix said subscribers in the U.S. will pay $15.49 a month from June."),
    _rule("membership", "pitch",
          r"\b(?:annual|monthly|yearly|digital|premium|unlimited)\s+(?:subscription|membership|"
          r"access|plan)\b|\bbecome a (?:member|subscriber|supporter|patron)\b",
          "Become a member for unlimited access to our reporting.",
          "Finland's premium plan for pensioners was approved by parliament on Tuesday."),
    _rule("support_journalism", "pitch",
          r"\bsupport (?:our |independent |quality |local )?journalism\b|\bdonate\b"
          r"|\bmake a (?:donation|contribution)\b",
          "If you value our reporting, please support independent journalism today.",
          "The charity asked residents to donate blankets, its director said."),
    _rule("paywall", "pitch",
          r"\b(?:free )?articles? (?:left|remaining)\b|\balready a (?:subscriber|member)\b"
          r"|\b(?:log|sign) in to (?:continue|read)\b|\bno obligation\b"
          r"|\bcancel (?:at )?any ?time\b",
          "You have 2 free articles left this month.",
          "The minister said there was no legal obligation to publish the report."),
    # 2. Page furniture: whole short lines only.
    _rule("comments", "furniture",
          r"(?:post|leave|add|write|view|show|hide|read|load)\s+(?:a\s+|your\s+|all\s+|more\s+)?"
          r"comments?(?:\s*\(\d+\))?|\d+\s+comments?|comments?(?:\s*\(\d+\))?|no comments(?: yet)?"
          r"|be the first to comment",
          "Post a Comment",
          "Post a comment on the ministry's website, officials urged readers."),
    _rule("post_navigation", "furniture",
          r"(?:(?:previous|next|older|newer|prev)\s+(?:post|article|story|page|entry)"
          r"\s*[|/·•»«]?\s*){1,2}",
          "Previous Post Next Post",
          "Next Post Office strike called for May, union says"),
    _rule("share", "furniture",
          rf"(?:share (?:this|the) (?:article|story|post|page|video)(?: (?:on|via) \w+)?"
          rf"|share (?:on|via) \w+|{_SOCIAL})(?:\s*[|,·•/]?\s*(?:{_SOCIAL}))*",
          "Share this article",
          "Share prices fell 3% on Monday."),
    _rule("read_more", "furniture",
          r"(?:read|see|view) (?:more|also|the full (?:story|article|report))"
          r"(?:\s*(?::|\b(?:at|on|here)\b).{0,60})?|continue reading\b.{0,40}",
          "Read more: Macron hosts allies in Paris",
          "Read more than 300 pages of evidence, the judge told the jury."),
    _rule("related", "furniture",
          r"(?:related|recommended|suggested|popular|trending|top|more)(?: (?:articles|stories"
          r"|posts|content|coverage|reading|links|news|videos|for you))?(?: (?:from|on|about)\b"
          r".{0,40})?|you (?:may|might) also (?:like|be interested in)"
          r"|most (?:read|popular|viewed)",
          "Related articles",
          "Related talks on energy prices ended without a deal on Friday."),
    _rule("advertisement", "furniture",
          r"advertisement|advertising|ads?|sponsored(?: content| post| links?)?|promoted(?: content"
          r"| stories)?|paid (?:content|post|partnership)|scroll (?:down )?to continue(?: (?:with|"
          r"reading) content)?|(?:story|article) continues (?:below|after (?:this )?advertisement)",
          "Advertisement",
          "Advertisement spending rose 4% last year, the survey found."),
    _rule("cookies", "furniture",
          r"(?:we|this (?:web)?site|our (?:web)?site)(?: and our partners)? uses? cookies\b.*"
          r"|(?:accept|reject|manage|allow)(?: all)? cookies\b.*"
          r"|cookie (?:settings|preferences|policy|consent|notice)\b.*",
          "We use cookies to improve your experience. By continuing you accept our policy.",
          "Regulators fined the company for setting cookies without consent."),
    _rule("click_here", "furniture", r"(?:click|tap) here\b.*",
          "Click here to read the full report",
          "Officials urged residents not to click on links in the messages."),
    _rule("copyright", "furniture",
          r"(?:©|\(c\)|copyright\s*(?:©|\(c\))?\s*(?:\d{4}|by\b)).*"
          r"|(?:.{0,80}\b)?all rights reserved",
          "© 2025 Example Times. All rights reserved.",
          "Copyright law was changed in 2019, the court said."),
    _rule("page_chrome", "furniture",
          r"skip to (?:main )?content|back to top|sign in|log in|log out|sign up|subscribe"
          r"(?: now| today)?|menu|search|home|newsletters?|follow us(?: on \w+)?"
          r"|listen to (?:this )?(?:article|story)|\d+ min(?:ute)?s? read"
          r"|print this (?:page|article)",
          "Skip to main content",
          "Home prices rose 5% in March."),
    _rule("media_credit", "furniture",
          r"(?:photo|image|picture|video|illustration|graphic)(?: credit)?\s*[:|/©]\s*[^.!?]{0,80}",
          "Photo: Reuters/Benoit Tessier",
          "Photo evidence was shown to the court on Monday."),
    # 3. FAQ blocks that repeat the body (near-duplicates are handled apart).
    _rule("faq", "faq",
          r"frequently asked questions|faqs?|common questions|questions and answers"
          r"|people also ask|your questions answered"
          r"|(?:frequently asked questions|faqs?) (?:about|on) [^.!?]{1,60}",
          "Frequently Asked Questions",
          "Frequently asked questions about the plan were answered by the minister on Friday."),
)  # fmt: skip
"""Every boilerplate pattern, in the order they are tried; each is tested both ways."""

PITCH_ADDRESS = re.compile(
    r"\b(?:you|your|yours|you['’](?:re|ve|ll|d))\b|\b(?:join|support) us\b"
    r"|\bour (?:\w+ )?(?:newsletters?|journalism|reporting|readers|insights|coverage|mission"
    r"|subscribers|members|work)\b|^\W*(?:subscribe|sign up|join|register|get|start|try"
    r"|unlock|support|donate|become|click|enter|claim|don['’]t miss|never miss)\b",
    re.IGNORECASE,
)
"""A pitch addresses the reader; news that merely mentions subscribers does not."""

FURNITURE_MAX_CHARS = 300
"""Longer paragraphs are never page furniture."""

FAQ_HEADING_MAX_CHARS = 80
"""Longer paragraphs never open an FAQ block."""

NEAR_DUPLICATE_RATIO = 90.0
"""``fuzz.ratio`` at or above which a later sentence repeats an earlier one."""

NEAR_DUPLICATE_SUBSET = 95.0
"""``fuzz.token_set_ratio`` for a shorter later sentence made of an earlier one's words."""

NEAR_DUPLICATE_MIN_LENGTH_RATIO = 0.6
"""The shorter of the two normalised sentences must be at least this share of the longer."""

NEAR_DUPLICATE_MIN_TOKENS = 5
"""Shorter sentences ("He declined to comment.") are never dropped as repeats."""

_MAX_CANDIDATES = 16
_MAX_POSTING = 512
_NEGATIONS = frozenset({"not", "no", "never", "nor", "without", "none", "t"})
_LEAD = re.compile(r"^[\s#>*_•·–—-]+")
_TRAIL = re.compile(r"[\s*_|»›>→]+$")
_CITATION = re.compile(
    r"\(\[[^\]]*\]\([^)]*\)\)|\[([^\]]*)\]\([^)]*\)|https?://\S+|\(\s*[\w.-]+\.(?:com|org|net"
    r"|co\.uk|gov|edu)\s*\)",
    re.IGNORECASE,
)
_FURNITURE = tuple(rule for rule in BOILERPLATE_RULES if rule.kind == "furniture")
_PITCH = tuple(rule for rule in BOILERPLATE_RULES if rule.kind == "pitch")
_FAQ = tuple(rule for rule in BOILERPLATE_RULES if rule.kind == "faq")


class Dropped(Record):
    """A sentence left out of extraction, and the rule that dropped it."""

    paragraph: int
    span: Span
    text: str
    rule: str


@dataclass
class _Paragraph:
    start: int
    end: int
    text: str
    sentences: list[tuple[int, int]]
    dropped_by: str | None = None


def segment(document: Document) -> list[Sentence]:
    """Return the document's body sentences in order, boilerplate dropped."""
    return segment_detailed(document)[0]


def segment_all(documents: Sequence[Document]) -> dict[str, list[Sentence]]:
    """Segment every document; the result maps document id to its sentences."""
    return {document.id: segment(document) for document in documents}


def segment_detailed(document: Document) -> tuple[list[Sentence], list[Dropped]]:
    """Return the kept sentences and every dropped sentence with the rule that dropped it.

    ``Sentence.index`` counts kept sentences from 0; ``Sentence.paragraph`` is the index
    of the sentence's paragraph among all paragraphs of the document.
    """
    text = document.text
    paragraphs = [
        _Paragraph(start, end, text[start:end], sentence_spans(text, start, end))
        for start, end in paragraph_spans(text)
    ]
    for paragraph in paragraphs:
        paragraph.dropped_by = _furniture(paragraph) or _pitch(paragraph, text)
    _mark_faq_blocks(paragraphs)
    kept: list[Sentence] = []
    dropped: list[Dropped] = []
    seen = _Seen()
    for number, paragraph in enumerate(paragraphs):
        for start, end in paragraph.sentences:
            sentence_text = text[start:end]
            rule = paragraph.dropped_by or _repeats(sentence_text, seen)
            if rule:
                span = Span(doc_id=document.id, start=start, end=end)
                dropped.append(Dropped(paragraph=number, span=span, text=sentence_text, rule=rule))
                continue
            kept.append(
                Sentence(
                    doc_id=document.id,
                    index=len(kept),
                    paragraph=number,
                    span=Span(doc_id=document.id, start=start, end=end),
                    text=sentence_text,
                )
            )
    return kept, dropped


def _furniture(paragraph: _Paragraph) -> str | None:
    """Return the furniture rule matching the whole (short, one-line) paragraph, if any."""
    if len(paragraph.text) > FURNITURE_MAX_CHARS or "\n" in paragraph.text:
        return None
    bare = _TRAIL.sub("", _LEAD.sub("", paragraph.text))
    for rule in _FURNITURE:
        if rule.pattern.fullmatch(bare):
            return f"furniture:{rule.name}"
    return None


def _pitch(paragraph: _Paragraph, text: str) -> str | None:
    """Return the pitch rule when at least half the paragraph's sentences are pitches."""
    names: list[str] = []
    for start, end in paragraph.sentences:
        sentence = _LEAD.sub("", text[start:end])
        rule = next((rule for rule in _PITCH if rule.pattern.search(sentence)), None)
        if rule is not None and PITCH_ADDRESS.search(sentence):
            names.append(rule.name)
    if names and 2 * len(names) >= len(paragraph.sentences):
        return f"pitch:{names[0]}"
    return None


def _mark_faq_blocks(paragraphs: list[_Paragraph]) -> None:
    """Drop each FAQ block: its heading, question lines just before it, and what follows.

    The block runs until the next heading-like line that is not a question (or the end).
    """
    number = 0
    while number < len(paragraphs):
        if not _is_faq_heading(paragraphs[number].text):
            number += 1
            continue
        before = number - 1
        while before >= 0 and _is_question(paragraphs[before]):
            paragraphs[before].dropped_by = paragraphs[before].dropped_by or "faq"
            before -= 1
        paragraphs[number].dropped_by = "faq"
        number += 1
        while number < len(paragraphs) and not _is_heading(paragraphs[number]):
            paragraphs[number].dropped_by = paragraphs[number].dropped_by or "faq"
            number += 1


def _is_faq_heading(text: str) -> bool:
    """Return True for a short line such as "Frequently Asked Questions" or "## FAQ"."""
    if len(text) > FAQ_HEADING_MAX_CHARS or "\n" in text:
        return False
    bare = _TRAIL.sub("", _LEAD.sub("", text))
    return any(rule.pattern.fullmatch(bare) for rule in _FAQ)


def _is_question(paragraph: _Paragraph) -> bool:
    """Return True for a one-sentence paragraph ending in a question mark."""
    return len(paragraph.sentences) == 1 and paragraph.text.rstrip("\"'”’*) ").endswith("?")


def _is_heading(paragraph: _Paragraph) -> bool:
    """Return True for a short line without final punctuation that is not a list item."""
    text = paragraph.text
    return (
        len(text) <= FAQ_HEADING_MAX_CHARS
        and "\n" not in text
        and _BULLET.match(text) is None
        and _ENDS_SENTENCE.search(text) is None
        and not text.endswith("?")
        and not text[0].islower()
    )


@dataclass
class _Seen:
    """Kept sentences so far, normalised, with an index from word to sentence."""

    sentences: list[tuple[str, frozenset[str]]] = field(default_factory=list)
    by_word: dict[str, list[int]] = field(default_factory=dict)


def _repeats(sentence: str, seen: _Seen) -> str | None:
    """Return "near_duplicate" when ``sentence`` repeats an earlier kept one, else remember it.

    A repeat is at least ``NEAR_DUPLICATE_MIN_TOKENS`` words long, close to the earlier
    sentence in length, uses no number the earlier one lacks, and has the same negations.
    Only earlier sentences sharing its three rarest words are compared (at most
    ``_MAX_CANDIDATES``, those sharing most first, among the latest ``_MAX_POSTING``
    sentences per word), which keeps this linear.
    """
    normal = _normalise(sentence)
    words = normal.split()
    if len(words) < NEAR_DUPLICATE_MIN_TOKENS:
        return None
    tokens = frozenset(words)
    numbers = {token for token in tokens if any(char.isdigit() for char in token)}
    negations = tokens & _NEGATIONS
    shared = sorted((len(seen.by_word[token]), token) for token in tokens if token in seen.by_word)
    votes = Counter(number for _, key in shared[:3] for number in seen.by_word[key][-_MAX_POSTING:])
    candidates = heapq.nsmallest(
        _MAX_CANDIDATES, votes, key=lambda number: (-votes[number], number)
    )
    minimum = NEAR_DUPLICATE_MIN_LENGTH_RATIO
    for number in candidates:
        earlier, earlier_tokens = seen.sentences[number]
        if min(len(normal), len(earlier)) < minimum * max(len(normal), len(earlier)):
            continue
        if not numbers <= earlier_tokens or negations != earlier_tokens & _NEGATIONS:
            continue
        if fuzz.ratio(normal, earlier, score_cutoff=NEAR_DUPLICATE_RATIO) or (
            len(normal) <= len(earlier)
            and fuzz.token_set_ratio(normal, earlier, score_cutoff=NEAR_DUPLICATE_SUBSET)
        ):
            return "near_duplicate"
    for token in tokens:
        seen.by_word.setdefault(token, []).append(len(seen.sentences))
    seen.sentences.append((normal, tokens))
    return None


def _normalise(sentence: str) -> str:
    """Lower-case, drop citations, links and bullets, and keep only word characters."""
    text = unicodedata.normalize("NFKC", sentence).lower()
    text = _CITATION.sub(lambda match: f" {match.group(1) or ''} ", text)
    return " ".join(re.findall(r"\w+", _LEAD.sub("", text)))
