"""Closed vocabularies of the case model, each defined once, with a meaning for every value.

Values are Danish, as the practitioners who use them think in Danish; the meanings are in
English for the README and for non-Danish readers. Everything else (the model, the JSON Schema,
CLI filters, completion, the README tables) is derived from these enums.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Self

from erhverv_cli.folding import fold_name


class Vocabulary(StrEnum):
    """A closed vocabulary: each member a Danish value, with what it means in English."""

    meaning: str

    def __new__(cls, value: str, meaning: str = "") -> Self:
        member = str.__new__(cls, value)
        member._value_ = value
        member.meaning = meaning
        return member


class CaseType(Vocabulary):
    """The three kinds of municipal business promotion in the catalogue."""

    BASAL = "basal", "basic business service: first-line guidance for start-ups and established firms"
    FOKUSERET = "fokuseret", "focused business service: deeper offers for chosen groups, sectors or clusters"
    ERHVERVSUDVIKLING = (
        "erhvervsudvikling",
        "business development: projects that improve the local framework conditions",
    )


class TargetGroup(Vocabulary):
    """Who an initiative serves."""

    IVAERKSAETTERE = "iværksættere", "entrepreneurs and would-be founders"
    VAEKSTIVAERKSAETTERE = "vækstiværksættere", "entrepreneurs with high growth potential"
    ETABLEREDE = "etablerede virksomheder", "established companies, typically SMEs"
    VAEKSTVIRKSOMHEDER = "vækstvirksomheder", "companies with growth or export potential"
    MIKROVIRKSOMHEDER = "mikrovirksomheder", "micro companies (a handful of employees)"
    TILFLYTTENDE = "tilflyttende virksomheder", "companies moving to or investing in the area"
    INTERNATIONALE_MEDARBEJDERE = "internationale medarbejdere", "international employees and their families"
    HOEJTUDDANNEDE = "højtuddannede", "graduates and highly educated job seekers"
    STUDERENDE = "studerende", "students and recent graduates"


class Instrument(Vocabulary):
    """Virkemidler: the means an initiative uses (figures 3.1 and 4.1 and the basal service)."""

    VEJLEDNING = "vejledning", "one-to-one guidance and sparring"
    OPSOEGENDE = "opsøgende virksomhedskontakt", "outreach: the office contacts and visits companies itself"
    INFORMATIONSMOEDER = "informationsmøder", "information meetings and events"
    RAADGIVERE = "private rådgivere", "private advisers and experts attached to the service"
    KURSER = "kurser", "courses and training programmes"
    NETVAERK = "netværk", "networks of companies or managers"
    MENTORORDNINGER = "mentorordninger", "mentoring schemes"
    KAPITAL = "kapital", "loans, seed or risk capital"
    MATCHMAKING = "matchmaking", "matchmaking with knowledge institutions or partners"
    INNOVATION_DESIGN = "sparring om innovation og design", "sparring on innovation and design"
    EJERSKIFTE = "ejerskifte", "business succession and transfer of ownership"
    KLYNGEUDVIKLING = "klyngeudvikling", "cluster development: networks, branding, joint competence building"
    INKUBATOR = "inkubator", "incubators and development parks"
    IVAERKSAETTERKULTUR = "iværksætterkultur", "strengthening the entrepreneurial culture"
    UDDANNELSE = "iværksætteri i uddannelserne", "entrepreneurship in education"
    ARBEJDSKRAFT = "tiltrækning af arbejdskraft", "attracting and serving (international) labour"
    INVESTERINGER = "tiltrækning af virksomheder", "attracting companies and investments"
    OFFENTLIG_PRIVAT = "offentlig-privat innovation", "public-private innovation, intelligent public demand"
    INNOVATIONSSAMARBEJDE = (
        "innovationssamarbejde",
        "promoting innovation collaboration between companies and knowledge",
    )
    KOMPETENCEUDVIKLING = "kompetenceudvikling", "tailored competence development for companies"
    BRANDING = "branding", "branding and marketing an area or a cluster"
    ANALYSE = "analyse og kortlægning", "analyses and mapping of companies, needs and strengths"


class Approach(Vocabulary):
    """Indsatsform: what kind of effort an initiative is, the way a consultant groups initiatives
    that are "the same sort of thing" — its delivery format and organising idea, beside the
    instruments it uses, the sectors and the target groups."""

    VEJLEDNING = "individuel vejledning", "one-to-one service: each firm advised on its own"
    OPSOEGENDE = (
        "opsøgende erhvervsservice",
        "proactive outreach: the operator makes first contact, finds needs and passes firms on",
    )
    FORLOEB = "kollektive forløb", "group programmes: firms take a course or a series of workshops together"
    NETVAERK = (
        "virksomhedsnetværk",
        "peer networks: standing, facilitated networks whose value comes mostly from the other members",
    )
    MILJOE = (
        "fysisk erhvervsmiljø",
        "a physical environment (incubator, house, hub) where being under one roof is part of the help",
    )
    KOMPETENCEMILJOE = (
        "specialiseret kompetencemiljø",
        "a specialised centre on a local strength, often serving firms beyond the municipality",
    )
    KLYNGE = (
        "klyngesatsning",
        "cluster initiative: a local concentration of one industry developed as a whole",
    )
    VAERDIKAEDE = (
        "værdikædeudvikling",
        "value-chain development: new trading links between firms (suppliers, joint bids, by-products)",
    )
    ARBEJDSKRAFT = (
        "arbejdskraft og kompetencer",
        "labour and skills: attracting, keeping or training the people firms need",
    )
    TVAERKOMMUNALT = (
        "tværkommunalt samarbejde",
        "inter-municipal delivery: several municipalities run it together",
    )
    TRIPLE_HELIX = (
        "triple helix-samarbejde",
        "triple-helix partnership: firms, education and public bodies in standing collaboration",
    )
    ERHVERVSDREVET = (
        "erhvervsdrevet partnerskab",
        "business-led partnership: companies or business people co-own, run, fund or deliver it",
    )


class GoodPractice(Vocabulary):
    """The areas in which, per the catalogue, municipalities can learn from each other."""

    # Chapter 2, basal erhvervsservice
    ORGANISERING = "organisering og effektivitet", "ch. 2: how the service is organised, efficient guidance"
    DIALOG = (
        "dialog med virksomhederne",
        "ch. 2: methods to get into dialogue with companies and learn their needs",
    )
    MAAL = "mål for indsatsen", "ch. 2: setting targets for outreach and guidance"
    LOKALISERING = "lokalisering og synlighed", "ch. 2: where the service sits, visible local environments"
    KOMPETENCER = "medarbejderkompetencer", "ch. 2: staff competences and knowledge of the support system"
    # Chapter 3, fokuseret erhvervsservice
    POLICYDESIGN = (
        "intelligent policydesign",
        "ch. 3: new ways of using local resources on concrete growth barriers",
    )
    KONCEPTER = (
        "skræddersyede koncepter",
        "ch. 3: tailored, flexible offers built on analysis of the target group",
    )
    KRITISK_MASSE = "kritisk masse", "ch. 3: enough users for impact and grouping of similar needs"
    OPERATOER = "kompetent operatør", "ch. 3: specialised competences in the operating organisation"
    LOKALE_RESSOURCER = (
        "mobilisering af lokale ressourcer",
        "ch. 3: mobilising local resources and putting funding together",
    )
    # Chapter 4, erhvervsudvikling
    ERHVERVSPOLITIK = (
        "organisering af erhvervs- og innovationspolitik",
        "ch. 4: bridging business promotion, public innovation and departments",
    )
    KLYNGER = "mobilisering om klyngeudvikling", "ch. 4: engaging leading companies in cluster development"
    FAKTABASERET = (
        "faktabaseret beslutningsgrundlag",
        "ch. 4: fact-based decisions and intelligent policy design",
    )
    POLITIKNETVAERK = (
        "politikudvikling gennem netværk",
        "ch. 4: developing framework conditions through open networks",
    )
    FYRTAARNE = "lokale fyrtårne", "ch. 4: local lighthouses, the municipality as link to knowledge actors"


class Transferability(Vocabulary):
    """How easily another municipality can take an initiative home."""

    DIREKTE = "direkte overførbar", "can be copied as it is"
    MED_TILPASNING = "overførbar med tilpasning", "can be copied with some local adaptation"
    LOKALE_STYRKER = (
        "bygger på lokale styrker",
        "builds on local strengths; the method, not the offer, travels",
    )


class EvaluationStatus(Vocabulary):
    """Whether an initiative has been evaluated, as the catalogue reports it."""

    EVALUERET = "evalueret", "an evaluation or impact assessment has been made"
    IGANGVAERENDE = "igangværende", "an evaluation is under way"
    PLANLAGT = "planlagt", "an evaluation is planned"
    IKKE_EVALUERET = "ikke evalueret", "no evaluation has been made"


VOCABULARIES: dict[str, type[Vocabulary]] = {
    "type": CaseType,
    "target_groups": TargetGroup,
    "instruments": Instrument,
    "good_practice": GoodPractice,
    "approaches": Approach,
    "transferability": Transferability,
    "evaluation": EvaluationStatus,
}


def resolve(vocabulary: type[StrEnum], text: str) -> StrEnum | None:
    """Match user input to a vocabulary value, ignoring case, æøå spelling and punctuation."""
    key = fold_name(text)
    for member in vocabulary:
        if fold_name(member.value) == key:
            return member
    return None


def values(vocabulary: type[StrEnum]) -> list[str]:
    """All values of a vocabulary, in definition order."""
    return [member.value for member in vocabulary]
