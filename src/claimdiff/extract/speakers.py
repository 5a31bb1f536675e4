"""Speakers: who a speech frame's phrase names.

A speaker phrase resolves, in order, to: a pronoun's antecedent (the last person or
singular speaker of a compatible gender before it), a news outlet (a relay, never the
speaker), a titled person ("French President Emmanuel Macron", or "the French
president" met earlier with a name), a country, organisation or seat from the entity
table ("the Kremlin"), an unnamed office holder or group acting for a country ("a
spokesman for the German government", "Russian officials": that country), a named
person, an organisation the model tags as one, or an unnamed person or group ("the
transport minister", "analysts", "a deckhand"). Anything else (an inanimate subject:
"the situation highlights") is no speaker.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any

from claimdiff.extract.base import ParsedSentence
from claimdiff.extract.quotemarks import Quoted, find_quoted
from claimdiff.extract.speech import Frame, core_tokens, find_frames, speaker_tokens, speech
from claimdiff.models import Document, EntityKind, Sentence
from claimdiff.nlp import entity_label, provisional, recognise
from claimdiff.normalise.entities import entity_table, fold, parse_titled_name, slug
from claimdiff.normalise.mentions import People

_POSSESSIVE_PRONOUNS = {"his": "male", "her": "female", "their": None, "its": None}
_PROXIES = frozenset({"office", "spokesman", "spokeswoman", "spokesperson", "aide", "aides"})
_RECENT = 3  # people looked back over for a pronoun's antecedent
_ORG_LABELS = frozenset({"ORG", "FAC", "NORP"})
_PLACE_LABELS = frozenset({"GPE", "LOC"})


@dataclass(frozen=True, slots=True)
class Speaker:
    """A resolved speaker: canonical id, display name and whom they act for."""

    id: str
    name: str
    kind: EntityKind
    affiliation: str | None = None
    gender: str | None = None


@dataclass(frozen=True, slots=True)
class Relay:
    """A news outlet passing on someone's words: part of the attribution chain."""

    phrase: str


@dataclass(slots=True)
class DocumentSpeech:
    """One document's quotations, speech frames and people, ready for the extractors."""

    document: Document
    people: People
    quoted: list[Quoted]
    frames: dict[int, list[Frame]] = field(default_factory=dict)  # sentence index -> frames
    parsed: Mapping[int, ParsedSentence] = field(default_factory=dict)
    # Singular speakers met in frames, by offset: antecedents of "she said" besides names.
    speakers: list[tuple[int, Speaker]] = field(default_factory=list)
    # The quote claims once found (``quote.quotations``): quotes and statements share them.
    quotations: list[Any] | None = None

    def in_quote(self, offset: int) -> bool:
        """Return True when an offset lies inside a quotation's marks."""
        return any(q.holds(offset) for q in self.quoted)


def gender_of(words: Sequence[str]) -> str | None:
    """Return the gender the words give ("spokeswoman", "Mr") or None."""
    lexicon = speech()
    folded = {w.lower().strip(".") for w in words}
    if folded & set(lexicon.female):
        return "female"
    if folded & set(lexicon.male):
        return "male"
    return None


_last: list[tuple[Document, Sequence[Sentence], Mapping[int, ParsedSentence], DocumentSpeech]] = []


def analyse(
    document: Document, sentences: Sequence[Sentence], parsed: Mapping[int, ParsedSentence]
) -> DocumentSpeech:
    """Return the quotations, people and speech frames of one document.

    Quotes and statements both read a document's analysis: the last one is kept, so the
    second extractor to ask for the same document and parses does not analyse it again.
    """
    if _last:
        doc, sents, parses, analysis = _last[0]
        if doc is document and sents is sentences and parses is parsed:
            return analysis
    analysis = _analyse(document, sentences, parsed)
    _last[:] = [(document, sentences, parsed, analysis)]
    return analysis


def _analyse(
    document: Document, sentences: Sequence[Sentence], parsed: Mapping[int, ParsedSentence]
) -> DocumentSpeech:
    """Return the quotations, people and speech frames of one document.

    People come from titled names in the whole text, then from the parse: names the
    model tags PERSON, and the named subjects of speech frames. Every kept sentence is
    then scanned again for their mentions.
    """
    people = People()
    pieces = [(s.span.start, s.text) for s in sentences]
    people.introduce(pieces)
    quoted: list[Quoted] = []
    for paragraph in _paragraphs(sentences):
        start, end = paragraph[0].span.start, paragraph[-1].span.end
        quoted.extend(find_quoted(document.text[start:end], start))
    analysis = DocumentSpeech(document=document, people=people, quoted=quoted, parsed=parsed)
    table = entity_table()
    for index in sorted(parsed):
        analysis.frames[index] = find_frames(parsed[index])
    # Words settled already cannot make a new name: inside quotations (never read for
    # people) or inside a full name the text gave with an office or apposition.
    named = [
        (m.start, m.end) for m in people.mentions if len(document.text[m.start : m.end].split()) > 1
    ]

    def settled(offset: int) -> bool:
        return any(start <= offset < end for start, end in named) or analysis.in_quote(offset)

    naming = {i for i in parsed if _may_name_people(parsed[i], settled)}
    recognise(parsed[i].doc for i in sorted(naming))  # read for people just below
    for index in sorted(naming):
        sentence = parsed[index]
        for ent in sentence.doc.ents:
            name = re.sub(r"['’]s$", "", str(ent.text))
            start = sentence.absolute(ent.start_char)
            person = ent.label_ == "PERSON" and len(name.split()) >= 2 and not looks_like_org(name)
            unknown = table.lookup(name) is None and people.person(name) is None
            if person and unknown and not analysis.in_quote(start):
                people.add(name)
    # Which speakers' labels are read shows only by resolving them: a dry run on a copy
    # of the people records the parses asked, they get their entities in one batch (one
    # at a time the recogniser costs 2.5 times as much), then the speakers are resolved.
    with provisional() as asked:
        _find_speakers(replace(analysis, people=people.copy(), speakers=[]))
    recognise(asked)
    _find_speakers(analysis)
    people.rescan(pieces)
    return analysis


def _find_speakers(analysis: DocumentSpeech) -> None:
    """Note the named speakers of the document's frames (antecedents of pronouns)."""
    parsed = analysis.parsed
    for index in sorted(parsed):
        for frame in analysis.frames[index]:
            if frame.speaker_head is None or frame.speaker is None:
                continue
            head = parsed[index].doc[frame.speaker_head]
            if head.pos_ != "PRON" and not analysis.in_quote(frame.speaker[0]):
                found = resolve_phrase(analysis, speaker_tokens(head), head, frame.speaker[0])
                if (
                    isinstance(found, Speaker)
                    and head.tag_ in ("NN", "NNP")
                    and _a_person(head, found)
                ):
                    analysis.speakers.append((frame.speaker[0], found))


NAME_GAP = 3
"""Most tokens from one capitalised word of a full name to the next ("Charles de Gaulle")."""


FUNCTION_TAGS = frozenset(
    ("CC", "DT", "EX", "IN", "MD", "PDT", "PRP", "PRP$", "TO", "WDT", "WP", "WP$", "WRB")
)
"""Penn tags of function words ("The", "On", "Whether"): capitalised at the start of a
sentence, never the first word of a name."""


def _may_name_people(sentence: ParsedSentence, settled: Callable[[int], bool]) -> bool:
    """Return True when a parse has two capitalised words within ``NAME_GAP`` tokens.

    Only such a sentence can introduce someone by a full name, so only its entities are
    read for people (reading them runs the recogniser: ``nlp.py``). A function word
    opening the sentence does not count, nor a word ``settled`` at its document offset
    (one that cannot be part of a new name).
    """
    last = -NAME_GAP - 1
    opening = True
    for token in sentence.doc:
        if opening and token.is_punct:
            continue
        first, opening = opening, False
        if not str(token.text)[:1].isupper() or (first and token.tag_ in FUNCTION_TAGS):
            continue
        if settled(sentence.absolute(token.idx)):
            continue
        if token.i - last <= NAME_GAP:
            return True
        last = token.i
    return False


def _paragraphs(sentences: Sequence[Sentence]) -> list[list[Sentence]]:
    paragraphs: dict[int, list[Sentence]] = {}
    for sent in sentences:
        paragraphs.setdefault(sent.paragraph, []).append(sent)
    return [paragraphs[k] for k in sorted(paragraphs)]


def resolve(
    analysis: DocumentSpeech, sentence: ParsedSentence, frame: Frame
) -> Speaker | Relay | None:
    """Return who a frame's speaker phrase names (None when it names no one)."""
    if frame.speaker_head is None or frame.speaker is None:
        return None
    if analysis.in_quote(frame.speaker[0]):
        return None  # "I", "we" or a name inside a quotation frame the quotation's own words
    head = sentence.doc[frame.speaker_head]
    return resolve_phrase(analysis, speaker_tokens(head), head, frame.speaker[0])


def resolve_phrase(
    analysis: DocumentSpeech, tokens: Sequence[Any], head: Any, offset: int
) -> Speaker | Relay | None:
    """Resolve the tokens of a speaker phrase (see the module docstring for the order)."""
    table = entity_table()
    lower = str(head.lower_)
    if head.pos_ == "PRON":
        if lower in speech().pronouns:
            return antecedent(analysis, offset, "female" if lower == "she" else "male")
        return None
    owner = next((c for c in head.children if c.dep_ == "poss"), None)
    if owner is not None and str(owner.lower_) in _POSSESSIVE_PRONOUNS and lower in _PROXIES:
        gender = _POSSESSIVE_PRONOUNS[str(owner.lower_)]
        return antecedent(analysis, offset, gender) if gender else None
    core = core_tokens(head)
    core_text, phrase = _text(core), _text(tokens)
    titled = _titled(core_text, phrase)
    apposed = _apposed_name(head)
    if apposed and titled.title is not None and not titled.name:
        # "The Bridge Authority's chief engineer, Jonas Keller, said": the name decides.
        person = analysis.people.person(apposed) or analysis.people.add(
            apposed, affiliation=titled.affiliation
        )
        gender = gender_of(phrase.split())
        return Speaker(person.id, person.name, EntityKind.PERSON, person.affiliation, gender)
    if table.is_outlet(_strip(core_text)) and titled.title is None:
        return Relay(phrase=phrase)
    known = analysis.people.person(_strip(core_text)) if _capitalised(head) else None

    def named() -> bool:  # the entity label last: reading it may run the recogniser
        if head.pos_ == "PROPN" or known is not None:
            return True
        return not _people_word(head) and entity_label(head) == "PERSON"

    gender = gender_of(phrase.split())
    if titled.title is not None and titled.name and named():
        person = analysis.people.person(titled.name) or analysis.people.add(
            titled.name, affiliation=titled.affiliation
        )
        affiliation = person.affiliation or titled.affiliation
        return Speaker(person.id, person.name, EntityKind.PERSON, affiliation, gender)
    if titled.title is not None:
        office = analysis.people.person(_strip(phrase))
        if office is not None:
            return Speaker(office.id, office.name, EntityKind.PERSON, office.affiliation, gender)
        if titled.affiliation is not None:
            return Speaker(titled.affiliation, _strip(phrase), _kind_of(titled.affiliation))
    entity = table.lookup(_strip(core_text)) if _capitalised(head) and named() else None
    if entity is not None:
        return Speaker(entity.id, entity.name, entity.kind, entity.affiliation)
    group = _group(core, head, titled.title is not None)
    if group is not None:
        return group
    if _capitalised(head) and named():
        return _named(analysis, core, head, known)
    return None


def _named(analysis: DocumentSpeech, core: Sequence[Any], head: Any, known: Any) -> Speaker | None:
    """Return the person (or organisation) a capitalised name that is no table entry names."""
    full = _strip(_text(core))
    if any(t.tag_ in ("WDT", "WP", "WP$") for t in core):
        return None
    run = _name_run(core)
    if known is None and run:
        # A person the document introduced ("Ruben Grieg, the provincial governor") stays
        # that person when the small model later tags the bare name as a place or an
        # organisation ("Ruben Grieg told reporters").
        known = analysis.people.person(run)
    if known is None and (entity_label(head) in _ORG_LABELS or looks_like_org(full)):
        return Speaker(f"org:{slug(full)}", full, EntityKind.ORG)
    if known is None and entity_label(head) in _PLACE_LABELS:
        # A country or place the table does not list ("Vessaria denies").
        return Speaker(f"country:{slug(full)}", full, EntityKind.COUNTRY)
    if known is not None:
        return Speaker(known.id, known.name, EntityKind.PERSON, known.affiliation)
    name = run or full
    if not name or (entity_label(head) != "PERSON" and len(name.split()) < 2):
        return None  # a lone capitalised word the model does not call a person
    entity = analysis.people.add(name)
    return Speaker(entity.id, entity.name, EntityKind.PERSON, entity.affiliation)


def _titled(core_text: str, phrase: str) -> Any:
    """Read the office in a speaker phrase; the whole phrase may add whom it serves."""
    titled = parse_titled_name(core_text)
    if core_text == phrase:
        return titled
    wider = parse_titled_name(phrase)  # "a spokesman for the German government"
    if titled.title is not None and titled.affiliation is None and wider.affiliation:
        return wider
    if titled.title is None and wider.title is not None and wider.affiliation and not wider.name:
        return wider
    return titled


def _apposed_name(head: Any) -> str:
    """Return the name in apposition to an office ("the chief engineer, Jonas Keller")."""
    for child in head.children:
        if child.dep_ == "appos" and child.pos_ == "PROPN":
            name = _name_run(sorted(child.subtree, key=lambda t: t.i))
            if len(name.split()) >= 2 and not looks_like_org(name):
                return name
    return ""


def looks_like_org(name: str) -> bool:
    """Return True for names of organisations ("Bridge Authority", "Tidewater Lines")."""
    table = entity_table()
    words = {re.sub(r"['’]s?$", "", w) for w in name.split()}
    return bool(words & table.org_words) or table.lookup(name) is not None


def _people_word(token: Any) -> bool:
    """Return True for a common noun for people or an office ("Residents", "Mayors").

    Capitalised where it opens a sentence, it is still no one's name, whatever entity
    label the model would give it.
    """
    if token.tag_ not in ("NN", "NNS"):
        return False
    lemma = str(token.lemma_).lower()
    if lemma in entity_table().people_nouns:
        return True
    titled = parse_titled_name(lemma)
    return titled.title is not None and not titled.name


def _capitalised(token: Any) -> bool:
    return str(token.text)[:1].isupper()


def _name_run(tokens: Sequence[Any]) -> str:
    """Return the first run of capitalised proper-noun tokens ("Karim Duval" of "...").

    A hyphen inside a name joins its parts ("Miriam Osei-Tan").
    """
    run: list[Any] = []
    for position, token in enumerate(tokens):
        following = tokens[position + 1] if position + 1 < len(tokens) else None
        joins = (
            bool(run)
            and str(token.text) == "-"
            and not token.whitespace_
            and following is not None
            and following.pos_ == "PROPN"
        )
        if (token.pos_ == "PROPN" and _capitalised(token)) or joins:
            run.append(token)
        elif run:
            break
    return re.sub(r"['’]s$", "", _text(run))


def _a_person(head: Any, speaker: Speaker) -> bool:
    """Return True when a speaker phrase names one person ("the owner", "the minister")."""
    if speaker.kind is EntityKind.PERSON:
        return True
    table = entity_table()
    lemma = str(head.lemma_).lower()
    offices = {t.split()[-1] for t in (*table.country_titles, *table.organisation_titles)}
    return lemma in table.people_nouns or lemma in offices


def _kind_of(entity_id: str) -> EntityKind:
    return EntityKind.COUNTRY if entity_id.startswith("country:") else EntityKind.ORG


@cache
def _institution_words() -> frozenset[str]:
    return frozenset(fold(i).split()[-1] for i in entity_table().institutions)


def _group(core: Sequence[Any], head: Any, titled: bool) -> Speaker | None:
    """Return the speaker of "Russian officials", "the German government", "analysts".

    An unnamed office holder or group acts for the country its capitalised adjective
    names; otherwise it is a group of its own ("group:analysts", "group:deckhand").
    """
    table = entity_table()
    lemma = str(head.lemma_).lower()
    common = head.pos_ == "NOUN"  # "the company"; a named body ("the Federation") is a name
    body = common and (lemma in _institution_words() or lemma in table.body_nouns)
    if lemma not in table.people_nouns and not body and not titled:
        return None
    for token in core:
        if token.i != head.i and _capitalised(token):
            country = table.country_of_adjective(str(token.text))
            if country is not None:
                return Speaker(country, _strip(_text(core)), _kind_of(country))
    if head.pos_ not in ("NOUN", "PROPN") or any(t.tag_ in ("WDT", "WP", "WP$") for t in core):
        return None  # "whose governments say": the speaker is elsewhere
    name = _strip(_text(core))
    gender = gender_of(name.split())
    kind = EntityKind.ORG if body else EntityKind.GROUP
    return Speaker(f"group:{slug(name)}", name, kind, gender=gender)


def antecedent(analysis: DocumentSpeech, offset: int, gender: str | None) -> Speaker | None:
    """Return the last person, or singular speaker, before ``offset`` of compatible gender.

    Among the last few people met, one whose gender is known and matches wins over a
    nearer one whose gender is unknown ("Spokeswoman Ana Ruiz stood beside Mayor Tomas
    Berg. ... she said" is Ana Ruiz).
    """
    skip = [span for q in analysis.quoted for span in q.marked]
    candidates: list[tuple[int, Speaker]] = []
    seen: set[str] = set()
    for mention in analysis.people.before(offset, skip=skip):
        if mention.entity.id in seen:
            continue
        seen.add(mention.entity.id)
        title = analysis.people.titles.get(mention.entity.id, "")
        entity = mention.entity
        speaker = Speaker(
            entity.id, entity.name, EntityKind.PERSON, entity.affiliation, gender_of(title.split())
        )
        candidates.append((mention.start, speaker))
        if len(seen) >= _RECENT:
            break
    earlier = [(o, s) for o, s in analysis.speakers if o < offset]
    candidates.extend(earlier[-1:])
    ordered = [s for _, s in sorted(candidates, key=lambda item: -item[0])]
    if gender is not None:
        for speaker in ordered:
            if speaker.gender == gender:
                return speaker
    for speaker in ordered:
        if gender is None or speaker.gender is None or speaker.gender == gender:
            return speaker
    return None


def _text(tokens: Sequence[Any]) -> str:
    if not tokens:
        return ""
    doc = tokens[0].doc
    return str(doc[tokens[0].i : tokens[-1].i + 1].text)


def _strip(phrase: str) -> str:
    text = re.sub(r"^(?:the|a|an)\s+", "", phrase.strip(), flags=re.IGNORECASE)
    return re.sub(r"['’]s$", "", text).strip(" ,")
