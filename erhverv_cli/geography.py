"""The 98 Danish municipalities (kommuner) and their 5 regions, in official spelling.

User input is matched case-insensitively and with Danish transliteration, so "Koge",
"Aarhus", "Århus" and "Lyngby-Taarbaek" all resolve to the official name.
"""

from __future__ import annotations

from functools import cache

from erhverv_cli.folding import fold_name

REGIONS: dict[str, tuple[str, ...]] = {
    "Region Hovedstaden": (
        "Albertslund",
        "Allerød",
        "Ballerup",
        "Bornholm",
        "Brøndby",
        "Dragør",
        "Egedal",
        "Fredensborg",
        "Frederiksberg",
        "Frederikssund",
        "Furesø",
        "Gentofte",
        "Gladsaxe",
        "Glostrup",
        "Gribskov",
        "Halsnæs",
        "Helsingør",
        "Herlev",
        "Hillerød",
        "Hvidovre",
        "Høje-Taastrup",
        "Hørsholm",
        "Ishøj",
        "København",
        "Lyngby-Taarbæk",
        "Rudersdal",
        "Rødovre",
        "Tårnby",
        "Vallensbæk",
    ),
    "Region Sjælland": (
        "Faxe",
        "Greve",
        "Guldborgsund",
        "Holbæk",
        "Kalundborg",
        "Køge",
        "Lejre",
        "Lolland",
        "Næstved",
        "Odsherred",
        "Ringsted",
        "Roskilde",
        "Slagelse",
        "Solrød",
        "Sorø",
        "Stevns",
        "Vordingborg",
    ),
    "Region Syddanmark": (
        "Aabenraa",
        "Assens",
        "Billund",
        "Esbjerg",
        "Faaborg-Midtfyn",
        "Fanø",
        "Fredericia",
        "Haderslev",
        "Kerteminde",
        "Kolding",
        "Langeland",
        "Middelfart",
        "Nordfyn",
        "Nyborg",
        "Odense",
        "Svendborg",
        "Sønderborg",
        "Tønder",
        "Varde",
        "Vejen",
        "Vejle",
        "Ærø",
    ),
    "Region Midtjylland": (
        "Aarhus",
        "Favrskov",
        "Hedensted",
        "Herning",
        "Holstebro",
        "Horsens",
        "Ikast-Brande",
        "Lemvig",
        "Norddjurs",
        "Odder",
        "Randers",
        "Ringkøbing-Skjern",
        "Samsø",
        "Silkeborg",
        "Skanderborg",
        "Skive",
        "Struer",
        "Syddjurs",
        "Viborg",
    ),
    "Region Nordjylland": (
        "Aalborg",
        "Brønderslev",
        "Frederikshavn",
        "Hjørring",
        "Jammerbugt",
        "Læsø",
        "Mariagerfjord",
        "Morsø",
        "Rebild",
        "Thisted",
        "Vesthimmerland",
    ),
}

MUNICIPALITIES: tuple[str, ...] = tuple(sorted(m for ms in REGIONS.values() for m in ms))
REGION_OF: dict[str, str] = {m: region for region, ms in REGIONS.items() for m in ms}

# Other names people use for the same municipality: genitive forms from "Xs Kommune",
# the old spelling of Aarhus, and the formal name of Bornholm.
_ALIASES: dict[str, str] = {
    "Københavns": "København",
    "Copenhagen": "København",
    "Kbh": "København",
    "Nordfyns": "Nordfyn",
    "Vesthimmerlands": "Vesthimmerland",
    "Bornholms Regionskommune": "Bornholm",
    "Bornholms": "Bornholm",
    "Lyngby": "Lyngby-Taarbæk",
    "Taastrup": "Høje-Taastrup",
}

_REGION_SHORT = {region.removeprefix("Region "): region for region in REGIONS}
_REGION_ALIASES = {
    "Capital Region": "Region Hovedstaden",
    "Zealand": "Region Sjælland",
    "Southern Denmark": "Region Syddanmark",
    "Central Denmark": "Region Midtjylland",
    "North Denmark": "Region Nordjylland",
}


@cache
def _municipality_keys() -> dict[str, str]:
    keys = {fold_name(m): m for m in MUNICIPALITIES}
    for alias, official in _ALIASES.items():
        keys.setdefault(fold_name(alias), official)
    for m in MUNICIPALITIES:
        keys.setdefault(fold_name(f"{m} Kommune"), m)
        keys.setdefault(fold_name(f"{m}s Kommune"), m)
    return keys


@cache
def _region_keys() -> dict[str, str]:
    keys = {fold_name(region): region for region in REGIONS}
    keys.update({fold_name(short): region for short, region in _REGION_SHORT.items()})
    keys.update({fold_name(alias): region for alias, region in _REGION_ALIASES.items()})
    keys.update({fold_name(f"Region {alias}"): region for alias, region in _REGION_ALIASES.items()})
    return keys


def resolve_municipality(name: str) -> str | None:
    """Return the official name of a municipality typed in any common spelling, or None."""
    return _municipality_keys().get(fold_name(name))


def resolve_region(name: str) -> str | None:
    """Return the official region name for "Sjaelland", "Region Sjælland", "Zealand", …, or None."""
    return _region_keys().get(fold_name(name))


def regions_of(municipalities: list[str]) -> list[str]:
    """The regions a set of (official) municipalities lie in, in first-seen order."""
    return list(dict.fromkeys(REGION_OF[m] for m in municipalities if m in REGION_OF))
