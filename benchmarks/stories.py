"""Stories and their articles: what every outlet agrees on, and how each one writes it.

``plan_story(seed, index, outlets)`` fixes a story's facts from the seed and its index
alone; ``write_article`` writes one outlet's article from the plan with its own random
stream, so an article never depends on which other articles a corpus holds.
"""

from __future__ import annotations

import math
import random
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import prose  # noqa: E402
import vocab  # noqa: E402
from kinds import KINDS, Fact, Kind  # noqa: E402
from phrasing import CONFLICT_FORMS, FORMS, figure, number_phrase  # noqa: E402

BASE_DATE = date(2026, 1, 5)
STORIES_PER_DAY = 20
"""A monitoring desk's day: twenty new stories (a hundred articles) a day."""
WORDS = (600, 900)
FOLLOW_UP_SHARE = 0.35
CONFLICT_SHARE = 0.5
MENTION_SHARE = 0.8


@dataclass(frozen=True)
class Article:
    """One generated article and its manifest metadata."""

    id: str
    outlet: str
    title: str
    published: date
    text: str
    story: int


@dataclass(frozen=True)
class Mention:
    """How one outlet wrote one fact: the sentence and the phrase the gold file quotes."""

    sentence: str
    phrase: str | None  # "at least 40 people"; None when the template names no noun


# --- stories ------------------------------------------------------------------------


def _plausible(value: int) -> int:
    """Return a figure as officials give it: large counts rounded to the hundred."""
    return value if value < 1000 else round(value, -2)


def _name(index: int, salt: int) -> str:
    """Return an invented proper name unique for each index below 9,600."""
    a, b, c = vocab.SYLLABLES_A, vocab.SYLLABLES_B, vocab.SYLLABLES_C
    mixed = (index * 7919 + salt) % (len(a) * len(b) * len(c))
    first, rest = divmod(mixed, len(b) * len(c))
    second, third = divmod(rest, len(c))
    return a[first] + b[second] + c[third]


def _person(rng: random.Random, taken: Sequence[str] = ()) -> str:
    """Return an invented full name whose surname is not one of ``taken``."""
    last = rng.choice([name for name in vocab.LAST_NAMES if name not in taken])
    return f"{rng.choice(vocab.FIRST_NAMES)} {last}"


@dataclass
class Story:
    """Everything outlets of one story agree on, and the planted disagreements."""

    index: int
    kind: Kind
    place: str
    region: str
    country: str
    capital: str
    day: date
    truths: list[int]
    conflict: int | None  # index into kind.facts
    conflicting_outlet: int
    low_value: int
    follow_day: date | None
    follow_truths: list[int]
    follow_conflict: bool
    details: dict[str, str]
    quotes: list[tuple[str, str, str]]  # (words, speaker, role)
    statuses: list[tuple[str, ...]]  # each donor's status, in its phrasings
    history: tuple[int, int, int]  # (template index, year, figure)
    deal: list[int]  # which outlet gets each of the kind's background sentences
    outlets: list[str]
    roles: list[tuple[str, str, str]]  # (role, person, last name)


def plan_story(seed: int, index: int, outlets: int) -> Story:
    """Return the facts of story ``index``: a function of the seed and the index only."""
    rng = random.Random(f"{seed}:story:{index}")
    kind = KINDS[rng.randrange(len(KINDS))]
    country, capital = rng.choice(vocab.COUNTRIES)
    region = _name(index % 150, 101)
    day = BASE_DATE + timedelta(days=index // STORIES_PER_DAY)
    truths = [_plausible(rng.randint(fact.low, fact.high)) for fact in kind.facts]
    plantable = [i for i, fact in enumerate(kind.facts) if fact.planted]
    conflict = rng.choice(plantable) if plantable and rng.random() < CONFLICT_SHARE else None
    low_value = max(3, math.floor(truths[conflict] * 0.5)) if conflict is not None else 0
    follow = bool(kind.follow_up) and outlets >= 4 and rng.random() < FOLLOW_UP_SHARE
    follow_day = day + timedelta(days=rng.randint(12, 16)) if follow else None
    details = {
        "mag": f"{rng.randint(52, 74) / 10:.1f}",
        "clock": f"{rng.randint(1, 11)}:{rng.choice(['05', '15', '20', '40', '50'])}",
        "km": str(rng.randint(5, 40)),
        "pct": str(rng.randint(8, 70)),
        "route": str(rng.randint(2, 40)),
        "age": str(rng.randint(7, 79)),
        "money": f"{rng.randint(11, 95) / 10:.1f}",
        "aftershocks": str(rng.choice([20, 30, 40, 50])),
        "rain": str(rng.randint(80, 300)),
        "hours": str(rng.choice([12, 24, 36, 48])),
        "metres": str(rng.randint(2, 6)),
        "cap": str(rng.randint(80, 500)),
        "fare": str(rng.randint(3, 60)),
        "workforce": f"{rng.randint(90, 150) * 100:,}",
        "year2": str(rng.randint(1990, 2015)),
    }
    # The story's officials have distinct surnames; they are the ones quoted.
    surnames = rng.sample(vocab.LAST_NAMES, len(kind.roles))
    roles = [
        (role, f"{rng.choice(vocab.FIRST_NAMES)} {surname}", surname)
        for role, surname in zip(kind.roles, surnames, strict=True)
    ]
    quotes = [
        (words, roles[number % len(roles)][1], roles[number % len(roles)][0])
        for number, words in enumerate(rng.sample(kind.quotes, 3))
    ]
    statuses = [
        tuple(t.replace("{donor}", donor) for t in rng.choice(vocab.PARTICIPATION))
        for donor in rng.sample(vocab.DONORS, 2)
    ]
    year = rng.randint(2005, 2023)
    # A past event's toll depends on where, when and what: stories recalling it agree.
    history_rng = random.Random(f"{seed}:history:{region}:{year}:{kind.name}")
    history = (rng.randrange(len(kind.history)), year, history_rng.randint(*kind.history_range))
    outlet_rng = random.Random(f"{seed}:outlets:{index}")
    names = [f"{a} {b}" for a in vocab.OUTLET_FIRST for b in vocab.OUTLET_SECOND]
    return Story(
        index=index,
        kind=kind,
        place=_name(index, 7),
        region=region,
        country=country,
        capital=capital,
        day=day,
        truths=truths,
        conflict=conflict,
        conflicting_outlet=(
            rng.randrange(1, outlets - 2 if follow else outlets)
            if conflict is not None and outlets >= 2
            else -1
        ),
        low_value=low_value,
        follow_day=follow_day,
        follow_truths=[rng.randint(f.low, f.high) for f in kind.follow_facts],
        follow_conflict=follow and rng.random() < CONFLICT_SHARE,
        details=details,
        quotes=quotes,
        statuses=statuses,
        history=history,
        deal=[rng.randrange(outlets + 1) for _ in kind.background],
        outlets=outlet_rng.sample(names, outlets + 1),
        roles=roles,
    )


def is_follow_up(story: Story, outlet: int, outlets: int) -> bool:
    return story.follow_day is not None and outlets - 2 <= outlet < outlets


def doc_id(story: int, outlet: int) -> str:
    """Return the id of an article: story number and outlet letter."""
    return f"s{story:05d}-{'abcdefghijklmnopqrstuvwxyz'[outlet]}"


# --- articles -----------------------------------------------------------------------


@dataclass
class Writer:
    """Builds one article's sentences and remembers what it said for the gold file."""

    story: Story
    outlet: int
    rng: random.Random
    slots: dict[str, str]
    paragraphs: list[list[str]] = field(default_factory=list)
    said: dict[str, Mention] = field(default_factory=dict)

    def fill(self, template: str, *, capitalise: bool = True, **extra: str) -> str:
        source = self.rng.choice(self.story.kind.sources)
        src = f"{source} said" if self.rng.random() < 0.7 else f"according to {source}"
        text = template.format_map(
            {**self.slots, "src": src, "src_cap": source[0].upper() + source[1:], **extra}
        )
        return text[:1].upper() + text[1:] if capitalise else text

    def fact(self, key: str, fact: Fact, value: int, *, forms: Sequence[str], planted: bool) -> str:
        template = self.rng.choice(fact.planted if planted else fact.templates)
        phrase, _ = number_phrase(value, self.rng.choice(forms))
        noun = self.rng.choice(fact.nouns)
        if phrase == "dozens of" and "{n} {noun}" not in template:
            phrase = figure(value)
        sentence = self.fill(template, n=phrase, noun=noun, v=figure(value))
        named = f"{phrase} {noun}" if "{n} {noun}" in template else None
        self.said[key] = Mention(sentence, named)
        return sentence

    def words(self) -> int:
        return sum(len(s.split()) for p in self.paragraphs for s in p)


def _slots(story: Story, rng: random.Random, follow: bool) -> dict[str, str]:
    day = story.follow_day if follow and story.follow_day else story.day
    role, official, _ = story.roles[0]
    taken = [surname for _, _, surname in story.roles]
    return {
        "place": story.place,
        "PLACE": story.place.upper(),
        "region": story.region,
        "hregion": story.region,
        "country": story.country,
        "capital": story.capital,
        "weekday": vocab.WEEKDAYS[day.weekday()],
        "event": rng.choice(story.kind.event),
        "main_date": f"{vocab.MONTHS[story.day.month - 1]} {story.day.day}",
        "role": role,
        "person": _person(rng, taken),
        "official": f"{official}, the {role},",
        **story.details,
    }


def write_article(story: Story, outlet: int, outlets: int, seed: int) -> tuple[Article, Writer]:
    """Return one outlet's article on a story, and what it said (for the gold file)."""
    rng = random.Random(f"{seed}:article:{story.index}:{outlet}")
    follow = is_follow_up(story, outlet, outlets)
    writer = Writer(story, outlet, rng, _slots(story, rng, follow))
    kind = story.kind
    body: list[list[str]] = []
    if follow:
        lead = writer.fill(rng.choice(kind.follow_up))
        for i, fact in enumerate(kind.follow_facts):
            value = story.follow_truths[i]
            if i == 0 and story.follow_conflict and outlet == outlets - 1:
                # A toll rises as a story unfolds: a higher figure published later is an
                # update, not a contradiction. The planted one cannot be either.
                later = _lag(story, outlet, seed) >= _lag(story, outlet - 1, seed)
                value += -1 if later else 1
            body.append([writer.fact(f"follow:{i}", fact, value, forms=["exact"], planted=False)])
        recap = f"The {kind.event[0]} in {{place}} on {{main_date}} killed {{v}} people."
        body.append([writer.fill(recap, v=figure(story.truths[0]))])
    else:
        lead = writer.fill(rng.choice(kind.lead))
        for i, fact in enumerate(kind.facts):
            conflicting = i == story.conflict and outlet == story.conflicting_outlet
            partner = i == story.conflict and outlet == 0
            if not (conflicting or partner or rng.random() < MENTION_SHARE):
                continue
            if conflicting:
                sentence = writer.fact(
                    f"main:{i}", fact, story.low_value, forms=["exact"], planted=True
                )
            else:
                forms = CONFLICT_FORMS if i == story.conflict else FORMS
                value = story.truths[i]
                sentence = writer.fact(f"main:{i}", fact, value, forms=forms, planted=partner)
            body.append([sentence])
    for name, variants in enumerate(kind.details):
        if rng.random() < 0.6:
            body.append([writer.fill(rng.choice(variants))])
            writer.said[f"detail:{name}"] = Mention(body[-1][0], None)
    for number, (words, speaker, role) in enumerate(story.quotes):
        if rng.random() < 0.6:
            body.append([_quote(rng, words, speaker, role)])
            writer.said[f"quote:{number}"] = Mention(body[-1][0], " ".join(words.split()[:6]))
    for number, phrasings in enumerate(story.statuses):
        if rng.random() < 0.5:
            body.append([writer.fill(rng.choice(phrasings))])
            writer.said[f"status:{number}"] = Mention(body[-1][0], body[-1][0])
    # Outlets of one story never share a background sentence: each template goes to one.
    extra = [
        writer.fill(t)
        for t, owner in zip(kind.background, story.deal, strict=True)
        if owner == outlet
    ]
    rng.shuffle(body)
    rng.shuffle(extra)
    target = rng.randint(*WORDS)
    writer.paragraphs = [[lead, *(body.pop(0) if body and rng.random() < 0.5 else [])]]
    for paragraph in body:
        paragraph.extend(extra.pop() for _ in range(rng.randint(0, 2)) if extra)
        writer.paragraphs.append(paragraph)
    if not follow and rng.random() < 0.6:
        _, year, figure_value = story.history
        template_index = rng.randrange(len(kind.history))
        sentence = writer.fill(kind.history[template_index], year=str(year), h=figure(figure_value))
        writer.paragraphs.insert(len(writer.paragraphs) // 2 + 1, [sentence])
        noun = kind.history[template_index].split("{h} ")[1].split()[0]
        writer.said["history"] = Mention(sentence, f"{figure(figure_value)} {noun}")
    while writer.words() < target:
        if extra:
            sentence = extra.pop()
        else:
            passer_by = _person(rng, [surname for _, _, surname in story.roles])
            sentence = writer.fill(prose.background(rng, crisis=kind.crisis, name=passer_by))
        position = rng.randint(1, len(writer.paragraphs))
        if rng.random() < 0.5 and position < len(writer.paragraphs):
            writer.paragraphs[position].append(sentence)
        else:
            writer.paragraphs.insert(position, [sentence])
    text = "\n\n".join(" ".join(p) for p in writer.paragraphs if p) + "\n"
    day = (story.follow_day if follow and story.follow_day else story.day) + timedelta(
        days=_lag(story, outlet, seed)
    )
    article = Article(
        id=doc_id(story.index, outlet),
        outlet=story.outlets[outlet],
        title=writer.fill(rng.choice(kind.headline)),
        published=day,
        text=text,
        story=story.index,
    )
    return article, writer


def _lag(story: Story, outlet: int, seed: int) -> int:
    """Return the days between an outlet's article and its event (its own draw, so that
    any article can know when another outlet of its story published)."""
    if outlet == 0:
        return 0
    return random.Random(f"{seed}:lag:{story.index}:{outlet}").choice([0, 1, 1, 2])


def _quote(rng: random.Random, words: str, speaker: str, role: str) -> str:
    shape = rng.randrange(3)
    if shape == 0:
        return f"“{words},” said {speaker}, the {role}."
    if shape == 1:
        return f"“{words},” {speaker} told reporters."
    return f"{speaker}, the {role}, said: “{words}.”"
