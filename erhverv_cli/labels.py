"""Field labels, one table per language: the same field carries the same label everywhere.

Tables, `show`, `compare`, `similar`, `stats`, the exports and the HTML page all take their
labels from here. Danish is the default (users think in Danish); English is chosen with
``--lang en`` or ``ERHVERV_LANG=en``. Help and error messages are English either way.
"""

from __future__ import annotations

import os
from typing import Literal

Language = Literal["da", "en"]
LANGUAGES: tuple[Language, ...] = ("da", "en")
LANG_ENV = "ERHVERV_LANG"

# field or heading → (Danish, English)
LABELS: dict[str, tuple[str, str]] = {
    "number": ("Nr.", "No."),
    "id": ("Id", "Id"),
    "case": ("Case", "Case"),
    "title": ("Titel", "Title"),
    "title_en": ("Engelsk titel", "English title"),
    "type": ("Type", "Type"),
    "municipality": ("Kommune", "Municipality"),
    "municipalities": ("Kommuner", "Municipalities"),
    "partner_municipalities": ("Partnerkommuner", "Partner municipalities"),
    "places": ("Kommuner (region)", "Municipalities (region)"),
    "region": ("Region", "Region"),
    "regions": ("Regioner", "Regions"),
    "operator": ("Operatør", "Operator"),
    "period": ("Periode", "Period"),
    "started": ("Start", "Started"),
    "decided": ("Besluttet", "Decided"),
    "ended": ("Afsluttet", "Ended"),
    "planned_end": ("Planlagt afslutning", "Planned end"),
    "context": ("Sammenhæng", "Context"),
    "target_group": ("Målgruppe", "Target group"),
    "target_groups": ("Målgrupper", "Target groups"),
    "sector": ("Sektor", "Sector"),
    "sectors": ("Sektorer", "Sectors"),
    "instrument": ("Virkemiddel", "Instrument"),
    "instruments": ("Virkemidler", "Instruments"),
    "good_practice": ("God praksis", "Good practice"),
    "approach": ("Indsatsform", "Approach"),
    "approaches": ("Indsatsformer", "Approaches"),
    "transferability": ("Overførbarhed", "Transferability"),
    "evaluation": ("Evaluering", "Evaluation"),
    "funding": ("Finansiering", "Funding"),
    "budget_dkk": ("Budget", "Budget"),
    "staff": ("Medarbejdere", "Staff"),
    "staff_fte": ("Årsværk", "Full-time equivalents"),
    "partners": ("Partnere", "Partners"),
    "key_figures": ("Nøgletal", "Key figures"),
    "summary": ("Resumé", "Summary"),
    "summary_en": ("Engelsk resumé", "English summary"),
    "background": ("Baggrund", "Background"),
    "content": ("Indhold", "Content"),
    "organisation": ("Organisering", "Organisation"),
    "results": ("Resultater", "Results"),
    "collaboration": ("Samspil med andre kommuner", "Collaboration with other municipalities"),
    "description_en": ("Beskrivelse på engelsk", "Description"),
    "user_voice": ("Brugerne siger", "What users say"),
    "source": ("Kilde", "Source"),
    "pages": ("Sider", "Pages"),
    "score": ("Score", "Score"),
    "snippet": ("Uddrag", "Snippet"),
    "why": ("Hvorfor", "Why"),
    "concepts": ("Fælles temaer", "Shared themes"),
    "field": ("Felt", "Field"),
    "value": ("Værdi", "Value"),
    "label": ("Betegnelse", "Label"),
    "unit": ("Enhed", "Unit"),
    "year": ("År", "Year"),
    "cases": ("Cases", "Cases"),
    "share": ("Andel", "Share"),
    "total": ("I alt", "Total"),
    "unknown": ("(ukendt)", "(unknown)"),
    "shared_mark": (
        "* = fælles med en anden af de sammenlignede cases",
        "* = shared with another compared case",
    ),
    "cases_like": ("Cases som", "Cases like"),
    # the workbook's sheets and columns (xlsx_export)
    "details": ("Detaljer", "Details"),
    "case_number": ("Case nr.", "Case no."),
    "case_id": ("Case-id", "Case id"),
    "role": ("Rolle", "Role"),
    "lead": ("hovedkommune", "lead"),
    "partner": ("partnerkommune", "partner"),
    "evaluation_status": ("Evalueringsstatus", "Evaluation status"),
    "label_en": ("Engelsk betegnelse", "English label"),
    "approximate": ("Cirka", "Approximate"),
    "amount_dkk": ("Beløb (kr.)", "Amount (DKK)"),
    "note": ("Note", "Note"),
    "source_pages": ("Sider i kilden", "Source pages"),
    "source_title": ("Publikation", "Publication"),
    "source_publisher": ("Udgiver", "Publisher"),
    "source_year": ("Udgivet", "Published"),
    "source_first_page": ("Første side", "First page"),
    "source_last_page": ("Sidste side", "Last page"),
    "source_url": ("Adresse", "URL"),
}


def language(choice: str | None = None) -> Language:
    """The language asked for, else $ERHVERV_LANG, else Danish (unknown values fall back too)."""
    for candidate in (choice, os.environ.get(LANG_ENV, "")):
        folded = (candidate or "").strip().lower()[:2]
        if folded in LANGUAGES:
            return "da" if folded == "da" else "en"
    return "da"


def label(name: str, lang: Language = "da") -> str:
    """The label of a field in a language; an unknown name is shown as it is."""
    pair = LABELS.get(name)
    if pair is None:
        return name
    return pair[0] if lang == "da" else pair[1]


def facet_label(key: str, lang: Language = "da") -> str:
    """The label of a facet: that of the case field it reads ('Målgrupper', 'Virkemidler'), so
    `stats`, `vocab` and `similar` title a facet as `show` and `compare` title the field (they
    said 'Målgruppe' where show said 'Målgrupper'). Any other name is labelled as a field."""
    from erhverv_cli.search.facets import FACET_BY_KEY

    facet = FACET_BY_KEY.get(key)
    return label(facet.fields[0] if facet is not None else key, lang)
