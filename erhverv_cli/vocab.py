"""Closed vocabularies of the case model, each defined once, with a meaning for every value.

Values are Danish, as the practitioners who use them think in Danish; the meanings are in
English for the README and for non-Danish readers. Everything else (the model, the JSON Schema,
CLI filters, completion, the README tables) is derived from these enums.
"""

from __future__ import annotations

from enum import StrEnum

from erhverv_cli.folding import fold_name


class CaseType(StrEnum):
    """The three kinds of municipal business promotion in the catalogue."""

    BASAL = "basal"
    FOKUSERET = "fokuseret"
    ERHVERVSUDVIKLING = "erhvervsudvikling"


class TargetGroup(StrEnum):
    """Who an initiative serves."""

    IVAERKSAETTERE = "iværksættere"
    VAEKSTIVAERKSAETTERE = "vækstiværksættere"
    ETABLEREDE = "etablerede virksomheder"
    VAEKSTVIRKSOMHEDER = "vækstvirksomheder"
    MIKROVIRKSOMHEDER = "mikrovirksomheder"
    TILFLYTTENDE = "tilflyttende virksomheder"
    INTERNATIONALE_MEDARBEJDERE = "internationale medarbejdere"
    HOEJTUDDANNEDE = "højtuddannede"
    STUDERENDE = "studerende"


class Instrument(StrEnum):
    """Virkemidler: the means an initiative uses (figures 3.1 and 4.1 and the basal service)."""

    VEJLEDNING = "vejledning"
    OPSOEGENDE = "opsøgende virksomhedskontakt"
    INFORMATIONSMOEDER = "informationsmøder"
    RAADGIVERE = "private rådgivere"
    KURSER = "kurser"
    NETVAERK = "netværk"
    MENTORORDNINGER = "mentorordninger"
    KAPITAL = "kapital"
    MATCHMAKING = "matchmaking"
    INNOVATION_DESIGN = "sparring om innovation og design"
    EJERSKIFTE = "ejerskifte"
    KLYNGEUDVIKLING = "klyngeudvikling"
    INKUBATOR = "inkubator"
    IVAERKSAETTERKULTUR = "iværksætterkultur"
    UDDANNELSE = "iværksætteri i uddannelserne"
    ARBEJDSKRAFT = "tiltrækning af arbejdskraft"
    INVESTERINGER = "tiltrækning af virksomheder"
    OFFENTLIG_PRIVAT = "offentlig-privat innovation"
    INNOVATIONSSAMARBEJDE = "innovationssamarbejde"
    KOMPETENCEUDVIKLING = "kompetenceudvikling"
    BRANDING = "branding"
    ANALYSE = "analyse og kortlægning"


class GoodPractice(StrEnum):
    """The areas in which, per the catalogue, municipalities can learn from each other."""

    # Chapter 2, basal erhvervsservice
    ORGANISERING = "organisering og effektivitet"
    DIALOG = "dialog med virksomhederne"
    MAAL = "mål for indsatsen"
    LOKALISERING = "lokalisering og synlighed"
    KOMPETENCER = "medarbejderkompetencer"
    # Chapter 3, fokuseret erhvervsservice
    POLICYDESIGN = "intelligent policydesign"
    KONCEPTER = "skræddersyede koncepter"
    KRITISK_MASSE = "kritisk masse"
    OPERATOER = "kompetent operatør"
    LOKALE_RESSOURCER = "mobilisering af lokale ressourcer"
    # Chapter 4, erhvervsudvikling
    ERHVERVSPOLITIK = "organisering af erhvervs- og innovationspolitik"
    KLYNGER = "mobilisering om klyngeudvikling"
    FAKTABASERET = "faktabaseret beslutningsgrundlag"
    POLITIKNETVAERK = "politikudvikling gennem netværk"
    FYRTAARNE = "lokale fyrtårne"


class Transferability(StrEnum):
    """How easily another municipality can take an initiative home."""

    DIREKTE = "direkte overførbar"
    MED_TILPASNING = "overførbar med tilpasning"
    LOKALE_STYRKER = "bygger på lokale styrker"


class EvaluationStatus(StrEnum):
    """Whether an initiative has been evaluated, as the catalogue reports it."""

    EVALUERET = "evalueret"
    IGANGVAERENDE = "igangværende"
    PLANLAGT = "planlagt"
    IKKE_EVALUERET = "ikke evalueret"


MEANINGS: dict[StrEnum, str] = {
    CaseType.BASAL: "basic business service: first-line guidance for start-ups and established firms",
    CaseType.FOKUSERET: "focused business service: deeper offers for chosen groups, sectors or clusters",
    CaseType.ERHVERVSUDVIKLING: "business development: projects that improve the local framework conditions",
    TargetGroup.IVAERKSAETTERE: "entrepreneurs and would-be founders",
    TargetGroup.VAEKSTIVAERKSAETTERE: "entrepreneurs with high growth potential",
    TargetGroup.ETABLEREDE: "established companies, typically SMEs",
    TargetGroup.VAEKSTVIRKSOMHEDER: "companies with growth or export potential",
    TargetGroup.MIKROVIRKSOMHEDER: "micro companies (a handful of employees)",
    TargetGroup.TILFLYTTENDE: "companies moving to or investing in the area",
    TargetGroup.INTERNATIONALE_MEDARBEJDERE: "international employees and their families",
    TargetGroup.HOEJTUDDANNEDE: "graduates and highly educated job seekers",
    TargetGroup.STUDERENDE: "students and recent graduates",
    Instrument.VEJLEDNING: "one-to-one guidance and sparring",
    Instrument.OPSOEGENDE: "outreach: the office contacts and visits companies itself",
    Instrument.INFORMATIONSMOEDER: "information meetings and events",
    Instrument.RAADGIVERE: "private advisers and experts attached to the service",
    Instrument.KURSER: "courses and training programmes",
    Instrument.NETVAERK: "networks of companies or managers",
    Instrument.MENTORORDNINGER: "mentoring schemes",
    Instrument.KAPITAL: "loans, seed or risk capital",
    Instrument.MATCHMAKING: "matchmaking with knowledge institutions or partners",
    Instrument.INNOVATION_DESIGN: "sparring on innovation and design",
    Instrument.EJERSKIFTE: "business succession and transfer of ownership",
    Instrument.KLYNGEUDVIKLING: "cluster development: networks, branding, joint competence building",
    Instrument.INKUBATOR: "incubators and development parks",
    Instrument.IVAERKSAETTERKULTUR: "strengthening the entrepreneurial culture",
    Instrument.UDDANNELSE: "entrepreneurship in education",
    Instrument.ARBEJDSKRAFT: "attracting and serving (international) labour",
    Instrument.INVESTERINGER: "attracting companies and investments",
    Instrument.OFFENTLIG_PRIVAT: "public-private innovation, intelligent public demand",
    Instrument.INNOVATIONSSAMARBEJDE: "promoting innovation collaboration between companies and knowledge",
    Instrument.KOMPETENCEUDVIKLING: "tailored competence development for companies",
    Instrument.BRANDING: "branding and marketing an area or a cluster",
    Instrument.ANALYSE: "analyses and mapping of companies, needs and strengths",
    GoodPractice.ORGANISERING: "ch. 2: how the service is organised, efficient guidance",
    GoodPractice.DIALOG: "ch. 2: methods to get into dialogue with companies and learn their needs",
    GoodPractice.MAAL: "ch. 2: setting targets for outreach and guidance",
    GoodPractice.LOKALISERING: "ch. 2: where the service sits, visible local environments",
    GoodPractice.KOMPETENCER: "ch. 2: staff competences and knowledge of the support system",
    GoodPractice.POLICYDESIGN: "ch. 3: new ways of using local resources on concrete growth barriers",
    GoodPractice.KONCEPTER: "ch. 3: tailored, flexible offers built on analysis of the target group",
    GoodPractice.KRITISK_MASSE: "ch. 3: enough users for impact and grouping of similar needs",
    GoodPractice.OPERATOER: "ch. 3: specialised competences in the operating organisation",
    GoodPractice.LOKALE_RESSOURCER: "ch. 3: mobilising local resources and putting funding together",
    GoodPractice.ERHVERVSPOLITIK: "ch. 4: bridging business promotion, public innovation and departments",
    GoodPractice.KLYNGER: "ch. 4: engaging leading companies in cluster development",
    GoodPractice.FAKTABASERET: "ch. 4: fact-based decisions and intelligent policy design",
    GoodPractice.POLITIKNETVAERK: "ch. 4: developing framework conditions through open networks",
    GoodPractice.FYRTAARNE: "ch. 4: local lighthouses, the municipality as link to knowledge actors",
    Transferability.DIREKTE: "can be copied as it is",
    Transferability.MED_TILPASNING: "can be copied with some local adaptation",
    Transferability.LOKALE_STYRKER: "builds on local strengths; the method, not the offer, travels",
    EvaluationStatus.EVALUERET: "an evaluation or impact assessment has been made",
    EvaluationStatus.IGANGVAERENDE: "an evaluation is under way",
    EvaluationStatus.PLANLAGT: "an evaluation is planned",
    EvaluationStatus.IKKE_EVALUERET: "no evaluation has been made",
}

VOCABULARIES: dict[str, type[StrEnum]] = {
    "type": CaseType,
    "target_groups": TargetGroup,
    "instruments": Instrument,
    "good_practice": GoodPractice,
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
