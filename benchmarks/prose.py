"""Background prose for the benchmark corpus: sentences composed from independent parts.

Articles on different stories almost never share a sentence, and two outlets covering
one story rarely do unless they share wire copy. Fixed filler sentences would make every
article look like a copy of every other (syndication detection would link them all), so
each sentence here is one of several frames whose parts are drawn independently from
lists of twelve to thirty phrases: two draws seldom come out alike. Slots in braces are
filled by the article writer (``{place}``, ``{region}``, ``{capital}``, ``{weekday}``).
"""

from __future__ import annotations

import random
from collections.abc import Sequence

GROUPS = (
    "Local officials", "Aid workers", "Opposition lawmakers", "Engineers from {capital}",
    "Shopkeepers in the old town", "Teachers at the main school", "Hospital staff",
    "Analysts in {capital}", "Church leaders", "Business owners along the river",
    "Community leaders", "Farmers from the surrounding villages", "Students", "Trade unionists",
    "Pensioners' groups", "Lawyers for several families", "Economists", "Mayors across {region}",
    "Volunteers", "Relatives of those affected", "Residents of {place}", "Taxi drivers",
    "Members of the regional assembly", "Youth workers", "Doctors at the district clinic",
    "Owners of small hotels", "Market traders", "Social workers", "Veteran councillors",
    "Parents at the school gates",
)  # fmt: skip
SAY = (
    "said", "argued", "complained that", "warned that", "insisted that", "noted that",
    "told local radio that", "wrote in an open letter that", "conceded that", "stressed that",
    "told a public meeting that", "said in a joint statement that", "posted online that",
)  # fmt: skip
SUBJECTS = (
    "the response", "the government", "the authorities in {capital}",
    "the regional administration", "the emergency plan", "the budget for {region}", "the army",
    "the new rules", "public transport",
    "the local schools", "the hospitals in {region}", "the roads around {place}",
    "prices in the shops", "the compensation scheme", "the warning system", "the inquiry",
    "the police", "the town council of {place}", "national television", "the ministry's hotline",
    "the insurance companies", "the opposition", "the relief fund", "the water company",
    "the local press",
)  # fmt: skip
PREDICATES = (
    "had been too slow to react", "would need months to recover", "had ignored repeated warnings",
    "was stretched to breaking point", "should have been better prepared",
    "was doing everything it could", "had underestimated the scale of the problem",
    "would be reviewed before the end of the year", "had held up better than expected",
    "could not cope with demand", "was working around the clock", "had failed the poorest families",
    "would cost far more than planned", "had been praised by outside experts",
    "remained a source of anger", "was handing out information that contradicted itself",
    "deserved more credit than it was getting", "had been starved of money for a decade",
    "was already planning for the next emergency", "had kept people guessing for too long",
    "owed the town an apology", "had finally started to listen", "was not to blame",
    "had made a difficult week worse", "was on the brink of collapse",
    "had reacted with unusual speed", "would face hard questions in parliament",
    "was too remote from daily life in {place}", "had handled the pressure well",
    "could not be trusted with the money",
)  # fmt: skip
OPENERS = (
    "On {weekday} evening", "By late afternoon", "Earlier in the day", "Overnight",
    "Within hours", "As the day wore on", "Later that night", "Before dawn", "Around midday",
    "Over the weekend", "At first light", "Shortly after noon", "In the early evening",
    "By the time darkness fell", "Throughout the morning",
)  # fmt: skip
ACTORS = (
    "a column of lorries", "volunteers in yellow vests", "television crews", "a group of teenagers",
    "the mayor's staff", "a line of ambulances", "a brass band", "street sweepers",
    "a handful of police officers", "neighbours with wheelbarrows", "the local fire brigade",
    "a convoy from {capital}", "shop owners", "a team of surveyors", "the town's only baker",
    "reporters from abroad", "a choir from the cathedral", "bus drivers", "cyclists",
    "children from the primary school",
)  # fmt: skip
ACTIONS = (
    "gathered", "waited in silence", "handed out soup", "cleared the pavements",
    "blocked a side street", "set up a stall", "queued for hours", "moved slowly through the crowd",
    "stacked sandbags", "carried boxes of supplies", "stopped to talk to residents",
    "worked under floodlights", "took photographs", "hung banners from balconies",
    "sang a hymn", "argued with officials", "directed traffic", "sold coffee",
)  # fmt: skip
PLACES = (
    " near the town hall", " outside the railway station", " on the main square of {place}",
    " along the river", " by the old bridge", " at the edge of {place}", " in the car park",
    " behind the cathedral", " on the road to {capital}", " at the school gates",
    " in front of the market hall", " on the promenade", "",
)  # fmt: skip
ORGS = (
    "The regional council", "The national Red Cross society", "The chamber of commerce",
    "A local aid group", "The teachers' union", "The health ministry", "The ombudsman's office",
    "The city council of {place}", "The transport authority", "A human rights group",
    "The bishop of {region}", "The farmers' association", "The bar association",
    "The national weather service", "The electricity company", "The central bank",
)  # fmt: skip
ORG_ACTIONS = (
    "said it was monitoring the situation closely", "promised a full report within weeks",
    "called on all sides to show restraint", "opened a helpline for families",
    "declined to comment", "said its teams were working around the clock",
    "promised to review its procedures", "said it had received hundreds of calls",
    "urged people to rely only on official information", "said it was too early to draw lessons",
    "cancelled its events for the week", "offered free advice to those affected",
    "postponed a planned price rise", "asked for donations of blankets and food",
    "set up an office in {place}", "said it would publish its own figures",
)  # fmt: skip
ADJUNCTS = (
    "", " on {weekday}", " in a statement", " at a briefing in {capital}", " on social media",
    " in a letter to the government", " late in the evening", " without giving details",
    " in a {pages}-page report", " in a review first published in {year}",
    " in a {pages}-page submission to the assembly", " in a plan costing €{millions} million",
)  # fmt: skip
"""Where a view was given; some carry numbers that are not counts (pages, years, money)."""
OCCUPATIONS = (
    "shopkeeper", "teacher", "nurse", "taxi driver", "retired engineer", "baker", "student",
    "farmer", "bus driver", "pharmacist", "café owner", "mechanic", "fisherman", "carpenter",
    "schoolteacher", "market trader", "hotel manager", "electrician", "doctor", "pensioner",
    "plumber", "librarian", "postwoman", "waiter", "hairdresser", "architect",
)  # fmt: skip
WITNESS_SUBJECTS = (
    "the family", "the neighbours", "the people next door", "everyone on the street",
    "the children", "the old couple upstairs", "most of the regulars", "the whole building",
    "friends from work", "the customers", "relatives in the hills", "the night staff",
    "her sister", "his brother", "their landlord", "the parish priest",
)  # fmt: skip
CRISIS_PREDICATES = (
    "had spent the night in the car", "had not been told where to go",
    "had gone without running water since the morning", "had heard nothing from the authorities",
    "were sleeping at a cousin's house on the other side of town",
    "had lost their documents along with everything else",
    "were too frightened to go back inside", "had waited hours for an ambulance",
    "had been told to expect help by the end of the week",
    "had carried an elderly neighbour down the stairs",
    "had no electricity and no mobile signal", "were waiting for engineers to inspect the walls",
    "had paid twice the usual price for bottled water",
    "had been warned about the danger for years",
    "got the first help from volunteers, not officials", "were queueing for blankets at the school",
    "had seen the walls crack within seconds", "had spent the day searching for a missing dog",
    "were planning to leave the town for a while", "did not know when they could go home",
)  # fmt: skip
CIVIC_PREDICATES = (
    "had noticed the mood change in recent weeks", "did not want the dispute to drag on",
    "had seen prices rise faster than wages for years", "had found the talks tense from the start",
    "had never taken part in anything like it before",
    "felt the government had underestimated the anger", "hoped for a compromise quickly",
    "felt decisions taken in the capital rarely reached them",
    "were already feeling the effects in the shops", "thought the outcome mattered for the region",
    "had been stuck in traffic around the centre all day",
    "had come straight from the night shift",
    "had found the atmosphere calm for most of the day",
    "could no longer afford to heat their homes", "met the announcements with scepticism",
    "had never seen so many police in the centre", "felt nobody was listening to young people",
    "had argued about the issue for weeks", "would wait to see what was actually delivered",
    "had followed the negotiations closely on the radio",
)  # fmt: skip


QUALIFIERS = (
    "", "", " this week", " in the first hours", " despite its promises", " by most accounts",
    " since the spring", " once again", " for the first time in years", " as far as anyone knew",
    " from the very start", " at least for now", " in recent days", " more than ever",
    " whatever the ministers said", " according to neighbours",
)  # fmt: skip
"""Independent tails: two sentences sharing a long predicate rarely share its qualifier too."""


def _adjunct(rng: random.Random) -> str:
    adjunct = rng.choice(ADJUNCTS)
    return (
        adjunct.replace("{pages}", str(rng.randint(4, 80)))
        .replace("{year}", str(rng.randint(1995, 2025)))
        .replace("{millions}", f"{rng.randint(12, 480) / 10:.1f}")
    )


def background(rng: random.Random, *, crisis: bool, name: str) -> str:
    """Return one background sentence (unfilled slots in braces), from a random frame.

    ``name`` is a passer-by the outlet met, used by the witness frame.
    """
    frame = rng.randrange(5)
    if frame in (0, 4):
        said = f"{rng.choice(SUBJECTS)} {rng.choice(PREDICATES)}{rng.choice(QUALIFIERS)}"
        return f"{rng.choice(GROUPS)} {rng.choice(SAY)} {said}{_adjunct(rng)}."
    if frame == 1:
        opener, actor, action = rng.choice(OPENERS), rng.choice(ACTORS), rng.choice(ACTIONS)
        return f"{opener}, {actor} {action}{rng.choice(PLACES)}."
    if frame == 2:
        action = f"{rng.choice(ORG_ACTIONS)}{rng.choice(QUALIFIERS)}"
        return f"{rng.choice(ORGS)} {action}{_adjunct(rng)}."
    return witness(rng, name, crisis=crisis)


def witness(rng: random.Random, name: str, *, crisis: bool) -> str:
    """Return what a passer-by told the outlet, in one of four shapes."""
    age, occupation = rng.randint(19, 84), rng.choice(OCCUPATIONS)
    predicates: Sequence[str] = CRISIS_PREDICATES if crisis else CIVIC_PREDICATES
    said = f"{rng.choice(WITNESS_SUBJECTS)} {rng.choice(predicates)}{rng.choice(QUALIFIERS)}"
    article = "an" if occupation[0] in "aeiou" else "a"
    shape = rng.randrange(4)
    if shape == 0:
        return f"{name}, a {age}-year-old {occupation} from {{place}}, said {said}."
    if shape == 1:
        return f"{name}, {article} {occupation}, said {said}."
    if shape == 2:
        return f"{name}, {age}, who works as {article} {occupation} in {{place}}, said {said}."
    return f"According to {name}, {article} {occupation} in {{place}}, {said}."
