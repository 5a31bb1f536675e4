"""Kinds of story for the benchmark corpus: their facts, sentences and quotes (data).

Each ``Kind`` lists the counts its stories report (``Fact``), how outlets phrase them,
and the details, quotes, background and history sentences that surround them. Slots
are those ``vocab.py`` documents; ``{n}`` is a hedged number phrase, ``{v}`` the bare
figure, ``{noun}`` the counted noun, ``{h}`` the figure of a past event.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Fact:
    """A count a story reports; every outlet that mentions it gives a compatible figure.

    ``templates`` are the phrasings outlets choose from; ``planted`` those a planted
    conflict is written in (a subset of the common ones).
    """

    measure: str
    low: int
    high: int
    nouns: tuple[str, ...]
    templates: tuple[str, ...]
    planted: tuple[str, ...] = ()


@dataclass(frozen=True)
class Kind:
    """A kind of story: its event words, facts, details, quotes and background."""

    name: str
    event: tuple[str, ...]
    headline: tuple[str, ...]
    lead: tuple[str, ...]
    facts: tuple[Fact, ...]
    sources: tuple[str, ...]
    details: tuple[tuple[str, ...], ...]
    quotes: tuple[str, ...]
    background: tuple[str, ...]
    history: tuple[str, ...]
    history_range: tuple[int, int] = (5, 60)
    crisis: bool = True
    follow_up: tuple[str, ...] = ()
    follow_facts: tuple[Fact, ...] = ()
    roles: tuple[str, ...] = field(default=("regional governor", "interior ministry spokesman"))


_KILLED = Fact(
    "killed",
    12,
    120,
    ("people",),
    (
        "{n} {noun} were killed in the {event}, {src}.",
        "The {event} killed {n} {noun}, {src}.",
        "By nightfall the {event} had killed {n} {noun}, {src}.",
        "{src_cap} said {n} {noun} had died.",
        "The death toll rose to {v}, {src}.",
    ),
    planted=(
        "{n} {noun} were killed in the {event}, {src}.",
        "The {event} killed {n} {noun}, {src}.",
        "{src_cap} said {n} {noun} had died.",
    ),
)
_INJURED = Fact(
    "injured",
    60,
    400,
    ("people", "residents"),
    (
        "{n} {noun} were injured, {src}.",
        "{n} {noun} were hurt, {src}.",
        "Hospitals in {capital} said {n} {noun} were being treated for injuries.",
        "{src_cap} said {n} {noun} had been taken to hospital with injuries.",
    ),
    planted=("{n} {noun} were injured, {src}.", "{n} {noun} were hurt, {src}."),
)
_MISSING = Fact(
    "missing",
    10,
    60,
    ("people", "residents"),
    (
        "{n} {noun} were still missing, {src}.",
        "{n} {noun} remain unaccounted for, {src}.",
        "Rescuers were still searching for {v} people on {weekday} evening.",
    ),
    planted=("{n} {noun} were still missing, {src}.", "{n} {noun} remain unaccounted for, {src}."),
)
_DISPLACED = Fact(
    "displaced",
    2000,
    30000,
    ("people", "residents"),
    (
        "{n} {noun} have been forced from their homes, {src}.",
        "{n} {noun} were evacuated to tents, school gyms and sports halls.",
        "{src_cap} said {n} {noun} had fled to relatives or camps.",
    ),
)
_RESCUED = Fact(
    "rescued",
    20,
    160,
    ("people",),
    (
        "Rescue teams saved {n} {noun}, {src}.",
        "{n} {noun} were rescued alive, {src}.",
        "Rescuers have pulled {v} survivors from the rubble so far.",
    ),
)

EARTHQUAKE = Kind(
    history_range=(8, 90),
    crisis=True,
    name="earthquake",
    event=("earthquake", "quake"),
    headline=(
        "Strong earthquake devastates {place}",
        "Deadly quake strikes {region}",
        "{place} counts its dead after earthquake",
        "Earthquake leaves {place} in ruins",
    ),
    lead=(
        "{PLACE}, {country} — A strong earthquake in {place} brought down homes before dawn "
        "on {weekday} and cut off villages in the hills of {region}.",
        "{PLACE}, {country} — The earthquake in {place} on {weekday} flattened much of the old "
        "town, {src}.",
        "{PLACE}, {country} — Rescue teams dug through rubble on {weekday} after a powerful "
        "earthquake in {place} shook the province of {region}.",
    ),
    facts=(_KILLED, _INJURED, _MISSING, _DISPLACED, _RESCUED),
    sources=(
        "regional officials",
        "the interior ministry",
        "the emergency service",
        "the civil protection agency",
        "local authorities",
    ),
    details=(
        (
            "The magnitude {mag} quake hit at {clock} am about {km} kilometres north-east of "
            "{place}, according to the national seismological institute.",
            "Seismologists put the magnitude at {mag} and said the epicentre lay {km} kilometres "
            "from {place}; the first shock came at {clock} am.",
            "The tremor, measured at magnitude {mag}, struck {place} at {clock} am at a shallow "
            "depth some {km} kilometres from the town centre.",
        ),
        (
            "Officials estimated that about {pct}% of homes in {place} had been damaged.",
            "Around {pct}% of the houses in {place} were damaged or destroyed, engineers said.",
        ),
        (
            "Route {route}, the only paved road into the upper valley above {place}, was blocked "
            "by landslides.",
            "Landslides cut Route {route} between {place} and the villages of {region}.",
        ),
        (
            "A {age}-year-old teacher from {place} was among those killed, according to local "
            "media.",
            "Among the dead was a {age}-year-old teacher at a primary school in {place}.",
        ),
        (
            "The government in {capital} released €{money} million in emergency aid on {weekday}.",
            "Ministers approved €{money} million in emergency aid for {region}.",
        ),
        (
            "Seismologists recorded more than {aftershocks} aftershocks around {place} in the "
            "first hours.",
            "More than {aftershocks} aftershocks shook {region} overnight, the institute said.",
        ),
    ),
    quotes=(
        "We ran out in our nightclothes and when the dust settled half the street was gone",
        "The ground kept moving for what felt like a minute and then everything went dark",
        "We are still hearing voices under the rubble and we will not stop digging",
        "Nobody in this town has slept indoors since the first shock",
        "The old houses simply folded in on themselves",
        "We need tents, blankets and clean water more than anything else tonight",
    ),
    background=(
        "{country} sits on a fault system that has produced several damaging earthquakes.",
        "Many of the houses in the old quarter of {place} are built of stone and timber.",
        "Temperatures in the valley are expected to fall below freezing overnight.",
        "Critics said building codes introduced after earlier disasters were rarely enforced.",
        "Engineers were inspecting the dam above {place} for cracks.",
        "Schools across {region} will stay closed until buildings have been checked.",
    ),
    history=(
        "In {year}, an earthquake in {hregion} killed {h} people.",
        "In {year}, a similar quake in the same valley killed {h} people.",
    ),
    follow_up=(
        "{PLACE}, {country} — A strong aftershock shook {place} on {weekday}, nearly two weeks "
        "after the deadly earthquake in {place} on {main_date}.",
        "{PLACE}, {country} — An aftershock rattled the town on {weekday}, two weeks after the "
        "earthquake in {place} of {main_date} flattened much of its old quarter.",
    ),
    follow_facts=(
        Fact("killed", 2, 9, ("people",), ("The aftershock killed {n} {noun}, {src}.",)),
        Fact("injured", 10, 40, ("people",), ("{n} {noun} were injured in the aftershock.",)),
    ),
    roles=("provincial governor", "interior ministry spokesman", "head of the rescue service"),
)

FLOOD = Kind(
    history_range=(5, 60),
    crisis=True,
    name="flood",
    event=("flood",),
    headline=(
        "Floods sweep through {place}",
        "Deadly flooding hits {region}",
        "{place} under water after days of rain",
        "Rivers burst banks across {region}",
    ),
    lead=(
        "{PLACE}, {country} — A flash flood in {place} swept through the lower town on "
        "{weekday} after the river burst its banks, submerging streets across {region}.",
        "{PLACE}, {country} — The flood in {place} on {weekday} left whole districts under "
        "water, {src}.",
    ),
    facts=(_KILLED, _MISSING, _DISPLACED, _RESCUED),
    sources=(
        "the disaster agency",
        "regional officials",
        "the fire service",
        "the water authority",
        "police",
    ),
    details=(
        (
            "Some {rain} millimetres of rain fell on {region} in {hours} hours, the weather "
            "service said.",
            "The weather service said {rain} millimetres of rain had fallen around {place} in "
            "{hours} hours.",
        ),
        (
            "The river at {place} rose {metres} metres above its normal level, officials said.",
            "At its peak the river stood {metres} metres above normal in the centre of {place}.",
        ),
        (
            "About {pct}% of farmland in {region} was under water.",
            "Farmers' groups said {pct}% of the fields in {region} had flooded.",
        ),
        (
            "Route {route} and the rail line from {place} to {capital} were closed.",
            "Police closed Route {route} south of {place} as the water rose.",
        ),
        (
            "A {age}-year-old man drowned trying to cross a flooded bridge in {place}.",
            "Among the victims was a {age}-year-old man swept off a bridge near {place}.",
        ),
        (
            "The government in {capital} pledged €{money} million for reconstruction in {region}.",
            "Ministers set aside €{money} million to rebuild {place}.",
        ),
    ),
    quotes=(
        "The water came up through the floor faster than we could carry anything upstairs",
        "We have never seen the river like this in our lifetimes",
        "Our boats are out all night and we are still finding families on rooftops",
        "Everything we owned is under a metre of mud",
        "The warnings came too late for the lower districts",
    ),
    background=(
        "Forecasters said more rain was expected over the weekend.",
        "The {region} basin has flooded repeatedly in recent decades.",
        "Farmers said the harvest in the lowlands was lost.",
        "Volunteers filled sandbags along the embankment through the night.",
        "Environmental groups blamed deforestation upstream for the speed of the flooding.",
    ),
    history=(
        "In {year}, floods in {hregion} killed {h} people.",
        "In {year}, similar flooding in the same valley killed {h} people.",
    ),
    follow_up=(
        "{PLACE}, {country} — Fresh flooding hit the town on {weekday}, two weeks after the "
        "deadly flood in {place} of {main_date}.",
    ),
    follow_facts=(
        Fact("killed", 2, 9, ("people",), ("The new floods killed {n} {noun}, {src}.",)),
        Fact("displaced", 300, 1500, ("people",), ("{n} {noun} were evacuated again.",)),
    ),
    roles=("regional governor", "disaster agency spokeswoman", "mayor"),
)

FERRY = Kind(
    history_range=(8, 90),
    crisis=True,
    name="ferry",
    event=("sinking",),
    headline=(
        "Ferry capsizes off {place}",
        "Dozens feared dead in {place} ferry sinking",
        "Survivors describe chaos as ferry sinks",
        "Ferry disaster off {region} coast",
    ),
    lead=(
        "{PLACE}, {country} — A passenger ferry capsized late on {weekday} near the port of "
        "{place}, the worst sinking in {place} waters for years.",
        "{PLACE}, {country} — Families waited at the harbour on {weekday} for news after the "
        "sinking in {place} of a passenger ferry, {src}.",
    ),
    facts=(
        Fact(
            "carried",
            100,
            400,
            ("passengers",),
            (
                "The ferry was carrying {n} {noun} when it capsized, {src}.",
                "There were {n} {noun} on board, {src}.",
                "{n} {noun} were aboard the vessel, {src}.",
            ),
            planted=("The ferry was carrying {n} {noun} when it capsized, {src}.",),
        ),
        _KILLED,
        _MISSING,
        _RESCUED,
    ),
    sources=(
        "the coast guard",
        "the transport ministry",
        "port officials",
        "the operator",
        "the navy",
    ),
    details=(
        (
            "The vessel was licensed to carry {cap} passengers, the port authority in {place} "
            "said.",
            "Records show the ferry was licensed to carry {cap} passengers.",
        ),
        (
            "The ferry left the harbour of {place} at {clock} pm on Route {route}.",
            "It had sailed from {place} on Route {route} at {clock} pm.",
        ),
        (
            "A single ticket on the crossing from {place} costs ${fare}.",
            "Passengers pay ${fare} for a one-way ticket on the {place} route.",
        ),
        (
            "A {age}-year-old girl from {place} was among those rescued.",
            "Rescuers pulled a {age}-year-old girl from the water near {place}.",
        ),
        (
            "Waves of up to {metres} metres were reported in the strait off {place}.",
            "The coast guard said waves off {place} reached {metres} metres.",
        ),
        (
            "The operator said about {pct}% of its {place} fleet was more than 30 years old.",
            "About {pct}% of the ships on the {place} routes are more than 30 years old.",
        ),
    ),
    quotes=(
        "The ship leaned over and within minutes the water was at the windows",
        "We held on to a life raft for hours before a fishing boat found us",
        "There were not enough life jackets for everyone on the lower deck",
        "We are checking every name on the manifest against the hospital lists",
        "The crew told us to stay inside and then the lights went out",
    ),
    background=(
        "Ferries are the main link between the islands and the mainland.",
        "Safety inspections of the fleet were last carried out two years ago.",
        "Relatives gathered at the harbour in {place} waiting for news.",
        "The operator suspended all crossings until further notice.",
        "Divers were expected to reach the hull once the weather improved.",
    ),
    history=(
        "In {year}, a ferry sinking off {hregion} killed {h} people.",
        "In {year}, a similar sinking on the same route killed {h} people.",
    ),
    roles=("coast guard commander", "transport minister", "harbour master"),
)

STRIKE = Kind(
    history_range=(600, 3000),
    crisis=False,
    name="strike",
    event=("strike", "walkout"),
    headline=(
        "Workers strike at {place} plant",
        "Strike halts production in {place}",
        "Union and management trade figures as {place} strike goes on",
    ),
    lead=(
        "{PLACE}, {country} — Workers at the car-parts plant in {place} began a strike on "
        "{weekday} over pay and shift patterns.",
        "{PLACE}, {country} — The strike at the car-parts factory in {place} that began on "
        "{weekday} has halted production, {src}.",
    ),
    facts=(
        Fact(
            "strike",
            1500,
            9000,
            ("workers",),
            (
                "{n} {noun} walked out on {weekday}, {src}.",
                "{n} {noun} are on strike, {src}.",
                "{src_cap} said {n} {noun} had joined the strike.",
            ),
            planted=(
                "{n} {noun} walked out on {weekday}, {src}.",
                "{n} {noun} are on strike, {src}.",
            ),
        ),
        Fact(
            "detained",
            10,
            60,
            ("protesters", "people"),
            (
                "Police arrested {n} {noun} outside the gates, {src}.",
                "{n} {noun} were detained, {src}.",
            ),
            planted=("Police arrested {n} {noun} outside the gates, {src}.",),
        ),
        Fact(
            "injured",
            10,
            40,
            ("people", "workers"),
            ("{n} {noun} were injured in scuffles at the gates, {src}.",),
        ),
    ),
    sources=(
        "the union",
        "the company",
        "police",
        "a union spokeswoman",
        "the labour ministry",
    ),
    details=(
        (
            "The plant in {place} employs {workforce} workers, the company said.",
            "The company said its {place} plant employs {workforce} workers.",
        ),
        (
            "The union is demanding a {pct}% pay rise for staff in {place}.",
            "Workers in {place} want a {pct}% rise, the union said.",
        ),
        (
            "Strikers in {place} receive €{fare} a day in strike pay from the union fund.",
            "The union fund pays strikers €{fare} a day, organisers in {place} said.",
        ),
        (
            "A {age}-year-old worker in {place} said she had not had a raise in years.",
            "One {age}-year-old machinist at the {place} plant said pay had stood still for years.",
        ),
        (
            "Production of Model {route} brake units in {place} has stopped, the company said.",
            "The {place} lines that build Model {route} brake units are idle.",
        ),
        (
            "Talks in {capital} are due to resume at {clock} am on {weekday}.",
            "Negotiators will meet again in {capital} at {clock} am on {weekday}.",
        ),
    ),
    quotes=(
        "We are not asking for the moon, only for wages that keep up with prices",
        "The company has made a fair offer and the door remains open",
        "Every day this goes on costs the town money it cannot afford",
        "We will stay out until management comes back to the table",
        "Nobody wants a long strike but the night shifts are breaking people",
    ),
    background=(
        "The plant is the largest employer in {region}.",
        "Management said it had offered a bonus linked to productivity.",
        "Shops near the plant said business had fallen sharply.",
        "The labour ministry offered to mediate between the two sides.",
        "The dispute has drawn support from dockworkers in {capital}.",
    ),
    history=(
        "In {year}, {h} workers walked out at the plant in {hregion}.",
        "In {year}, a similar strike at the same plant saw {h} workers walk out.",
    ),
    roles=("union leader", "company spokesman", "labour minister"),
)

SUMMIT = Kind(
    history_range=(8, 25),
    crisis=False,
    name="summit",
    event=("summit", "conference"),
    headline=(
        "Leaders meet in {place} for regional summit",
        "{place} summit ends with pledges",
        "Summit in {place} agrees new fund",
    ),
    lead=(
        "{PLACE}, {country} — Leaders gathered for a regional summit in {place} on {weekday} to "
        "agree a fund for coastal defences.",
        "{PLACE}, {country} — The summit in {place} closed on {weekday} with a joint "
        "declaration, {src}.",
    ),
    facts=(
        Fact(
            "attendance",
            20,
            70,
            ("countries", "nations"),
            (
                "Leaders from {n} {noun} attended the summit, {src}.",
                "{n} {noun} took part in the talks, {src}.",
                "Delegations from {n} {noun} met in {place}, {src}.",
            ),
            planted=("Leaders from {n} {noun} attended the summit, {src}.",),
        ),
        Fact(
            "commitment",
            10,
            30,
            ("nations", "countries"),
            (
                "{n} {noun} committed to the fund, {src}.",
                "{n} {noun} signed the declaration, {src}.",
            ),
            planted=("{n} {noun} signed the declaration, {src}.",),
        ),
        Fact(
            "attendance",
            1000,
            6000,
            ("delegates",),
            ("{n} {noun} attended the conference, {src}.",),
        ),
    ),
    sources=(
        "organisers",
        "the host government",
        "diplomats",
        "the summit secretariat",
        "officials",
    ),
    details=(
        (
            "The fund agreed in {place} is expected to reach ${money} billion by the end of the "
            "decade.",
            "Officials in {place} said the fund should reach ${money} billion within ten years.",
        ),
        (
            "The bloc was founded in {year2} and has its headquarters in {capital}.",
            "Founded in {year2}, the bloc is run from {capital}.",
        ),
        (
            "Article {route} of the {place} declaration commits members to share data.",
            "Under Article {route} of the declaration signed in {place}, members will share data.",
        ),
        (
            "About {pct}% of the fund will go to small island states, delegates in {place} said.",
            "Small island states will receive about {pct}% of the {place} fund.",
        ),
        (
            "The opening session in {place} began at {clock} am.",
            "Talks in {place} opened at {clock} am.",
        ),
        (
            "The host's {age}-year-old prime minister chaired the talks in {place}.",
            "The {age}-year-old prime minister of {country} chaired the meeting.",
        ),
    ),
    quotes=(
        "This is the moment to turn promises into money on the table",
        "No country can hold back the sea on its own",
        "We came here to listen and we leave with a plan",
        "The declaration is a beginning, not an end",
        "Our people are watching what we do, not what we say",
    ),
    background=(
        "Environmental groups said the pledges fell short of what was needed.",
        "Security was tight around the conference centre in {place}.",
        "Several leaders joined the talks by video link.",
        "The next summit is due to be held in {capital}.",
        "Negotiators worked through the night to agree the wording.",
    ),
    history=(
        "In {year}, {h} countries signed a first declaration in {hregion}.",
        "In {year}, a similar summit in the same city drew {h} countries.",
    ),
    roles=("foreign minister", "summit chair", "secretary-general of the bloc"),
)

PROTEST = Kind(
    history_range=(10, 90),
    crisis=False,
    name="protest",
    event=("protest",),
    headline=(
        "Thousands march in {place}",
        "Protest over fuel prices fills {place} streets",
        "Clashes as protesters march in {place}",
    ),
    lead=(
        "{PLACE}, {country} — A protest in {place} against rising fuel prices drew thousands "
        "of people into the streets on {weekday}.",
        "{PLACE}, {country} — The protest in {place} on {weekday} was the largest the city has "
        "seen in years, {src}.",
    ),
    facts=(
        Fact(
            "strike",
            3000,
            40000,
            ("people", "protesters"),
            (
                "{n} {noun} marched through the city centre, {src}.",
                "{n} {noun} joined the protest, {src}.",
            ),
            planted=("{n} {noun} marched through the city centre, {src}.",),
        ),
        Fact(
            "detained",
            15,
            120,
            ("people", "protesters"),
            ("Police arrested {n} {noun}, {src}.", "{n} {noun} were detained, {src}."),
            planted=("Police arrested {n} {noun}, {src}.",),
        ),
        Fact(
            "injured",
            10,
            60,
            ("police officers",),
            ("{n} {noun} were injured in clashes, {src}.",),
        ),
    ),
    sources=(
        "police",
        "organisers",
        "the interior ministry",
        "city officials",
        "witnesses",
    ),
    details=(
        (
            "Fuel prices in {country} have risen by {pct}% since January.",
            "Since January, fuel in {country} has become {pct}% more expensive.",
        ),
        (
            "A litre of diesel in {place} now costs €{fare}.",
            "Drivers in {place} now pay €{fare} for a litre of diesel.",
        ),
        (
            "The march set off from Gate {route} of the old city of {place} at {clock} am.",
            "Marchers gathered at Gate {route} in {place} at {clock} am.",
        ),
        (
            "A {age}-year-old student from {place} was among those detained.",
            "Police detained a {age}-year-old student near the town hall of {place}.",
        ),
        (
            "The government in {capital} has promised €{money} million in fuel subsidies.",
            "Ministers have offered €{money} million in fuel subsidies to calm {region}.",
        ),
    ),
    quotes=(
        "We cannot afford to drive to work any more",
        "The government listens only when the streets are full",
        "Our officers showed restraint in very difficult conditions",
        "This was a peaceful march until the last hour",
        "We will be back next week if nothing changes",
    ),
    background=(
        "Shops along the route closed their shutters as the march passed.",
        "Opposition parties backed the protest but did not organise it.",
        "The interior minister called for calm on television.",
        "Public transport in {place} was suspended for the afternoon.",
        "Organisers said they would meet on {weekday} to plan further action.",
    ),
    history=(
        "In {year}, {h} people were arrested at fuel protests in {hregion}.",
        "In {year}, similar protests in the same city ended with {h} people arrested.",
    ),
    roles=("police chief", "protest organiser", "interior minister"),
)

KINDS: tuple[Kind, ...] = (EARTHQUAKE, FLOOD, FERRY, STRIKE, SUMMIT, PROTEST)
