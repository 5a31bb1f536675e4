"""Word lists and sentence templates for the synthetic benchmark corpus (data, no logic).

Every name here is invented (places, countries, outlets, people), except the donors
in ``DONORS``, which are real states and organisations so that entity tables have
something to resolve. Templates use ``str.format`` slots filled by ``generate.py``:

- ``{n}`` a number phrase with its hedge ("at least 40"), ``{noun}`` the counted noun;
- ``{src}`` an attribution ("officials said"), ``{event}`` the event noun ("quake");
- ``{place}``, ``{region}``, ``{country}``, ``{capital}``, ``{weekday}``, ``{person}`` (a
  local), ``{official}`` ("Dmitar Hollis, the mayor,"), ``{role}`` and the detail slots.

A fact template whose ``{n}`` opens the sentence is capitalised by the generator.
"""

from __future__ import annotations

SYLLABLES_A = (
    "Tel",
    "Var",
    "Dun",
    "Kes",
    "Mor",
    "Lis",
    "Bra",
    "Cor",
    "Hal",
    "Ost",
    "Pel",
    "Rav",
    "Sel",
    "Tor",
    "Ul",
    "Vel",
    "Zar",
    "Ald",
    "Bel",
    "Dar",
    "Fen",
    "Gal",
    "Ir",
    "Kal",
)
SYLLABLES_B = (
    "mo",
    "ro",
    "va",
    "le",
    "ki",
    "da",
    "ne",
    "si",
    "ta",
    "lo",
    "ma",
    "ri",
    "be",
    "no",
    "ga",
    "vi",
    "su",
    "pe",
    "zo",
    "ha",
)
SYLLABLES_C = (
    "ra",
    "sk",
    "dale",
    "vik",
    "ling",
    "ston",
    "mar",
    "nov",
    "ford",
    "grad",
    "holm",
    "ova",
    "ento",
    "bury",
    "stad",
    "ia",
    "ona",
    "ek",
    "and",
    "ur",
)

COUNTRIES = (
    ("Kelbria", "Varosk"),
    ("Ostrava Union", "Pelmar"),
    ("Dunmark", "Halvik"),
    ("Corvania", "Sellin"),
    ("Amaris", "Port Doran"),
    ("Velland", "Brasko"),
    ("Zarenia", "Istoria"),
    ("Lisvania", "Mornholm"),
    ("Tarvos", "Galden"),
    ("Ulmeria", "Kestra"),
    ("Rhodan", "Fenwick"),
    ("Ardenia", "Solvang"),
)
"""Invented countries and their capitals."""

OUTLET_FIRST = (
    "Meridian",
    "Northern",
    "Valley",
    "Coastal",
    "Capital",
    "Evening",
    "Morning",
    "Daily",
    "Harbour",
    "Central",
    "Western",
    "Eastern",
    "National",
    "Independent",
    "Weekly",
    "Metro",
    "Frontier",
    "Continental",
)
OUTLET_SECOND = (
    "Press",
    "Ledger",
    "Post",
    "Herald",
    "Courier",
    "Observer",
    "Times",
    "Wire",
    "Gazette",
    "Chronicle",
    "Tribune",
    "Dispatch",
    "Standard",
    "Record",
    "Bulletin",
    "Monitor",
)

FIRST_NAMES = (
    "Irena",
    "Dmitar",
    "Lena",
    "Tomas",
    "Ana",
    "Marek",
    "Sofia",
    "Pavel",
    "Nadia",
    "Elias",
    "Katya",
    "Jonas",
    "Mira",
    "Anton",
    "Vera",
    "Luka",
    "Daria",
    "Oskar",
    "Petra",
    "Emil",
    "Hana",
    "Viktor",
    "Greta",
    "Nikolai",
    "Sanna",
    "Ruben",
    "Olga",
    "Felix",
    "Ilse",
    "Matteo",
)
LAST_NAMES = (
    "Vask",
    "Hollis",
    "Marin",
    "Dorov",
    "Kessler",
    "Novak",
    "Lindqvist",
    "Abara",
    "Petrou",
    "Sandor",
    "Kovalenko",
    "Rask",
    "Ferreira",
    "Halvorsen",
    "Mbeki",
    "Orlov",
    "Castell",
    "Brandt",
    "Yilmaz",
    "Okafor",
    "Duval",
    "Strand",
    "Tamm",
    "Varga",
    "Lund",
    "Moreau",
    "Jansen",
    "Erdem",
    "Falk",
    "Grieg",
)

DONORS = (
    "France",
    "Germany",
    "Japan",
    "Canada",
    "Norway",
    "the European Union",
    "Italy",
    "the United Nations",
    "Turkey",
    "Spain",
    "Sweden",
    "Australia",
)
"""Real states and bodies that offer help in participation sentences."""

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


PARTICIPATION = (
    (
        "{donor} has offered to send emergency teams to {region}.",
        "{donor} offered on {weekday} to send emergency teams to {region}.",
    ),
    (
        "{donor} said it would contribute to the relief effort in {region}.",
        "{donor} has pledged to contribute to the relief effort.",
    ),
    (
        "{donor} declined to send staff to {region}, citing security concerns.",
        "{donor} said it would not send staff, citing security concerns.",
    ),
    (
        "It remains unclear whether {donor} will take part in the relief effort.",
        "Whether {donor} will join the relief effort in {region} is still unclear.",
    ),
)
"""Statuses, two phrasings each; a story gives each donor one status, the same in every outlet."""
