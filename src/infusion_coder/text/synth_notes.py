"""Synthetic clinical notes with gold PHI spans, for evaluating redaction (deterministic by seed).

Every person, place and number here is invented. Two template mixes exist: ``"tune"`` (used
while writing the recognizers) and ``"eval"`` (adds note types, label spellings, name pools
and formats never tuned on), so the benchmark's figure is an honest one.
"""

from __future__ import annotations

import random
import string
from collections.abc import Callable
from dataclasses import dataclass, field

from infusion_coder.text.models import Span

# name pools: about half of each is absent from the recognizer's word lists on purpose
_FIRST = (
    "James Mary Robert Linda Michael Susan David Karen Maria Jose Wei Priya Aisha Omar Grace "
    "Tobias Marisol Delphine Kofi Anjali Rosalind Thaddeus Imani Soren Yesenia Bartholomew "
    "Leontyne Ezekiel Anneliese Cormac Dagny Florian Ximena Ignatius Marguerite Lucinda Osvaldo "
    "Perpetua Quentin Rutherford Saoirse Tamsin Ulrich Valentina Winifred Zebulon Nkechi Haruto "
    "Esperanza Casimir Oluwaseun Ines Bjorn Calliope Desmond Eulalia Fitzgerald"
).split()
_LAST = (
    "Smith Johnson Garcia Nguyen Patel Kim Okafor Rossi Kowalski Murphy Chen Rivera Brooks "
    "Okonkwo Villanueva Lindqvist Abernathy Przybylski Featherstone Castellanos Drummond "
    "Haverford Ingebretsen Jablonski Kettleworth Lachance Mbeki Nakashima Oyelaran Pemberton "
    "Quintanilla Radcliffe Szymanski Thibodeaux Umberger Vandermeer Whitlock Yarbrough Zielinski "
    "McAllister O'Donnell Delacroix Fairweather Gallagher Hollingsworth Iwasaki Kaczmarek"
).split()
_CITIES = (
    (
        "Springfield Riverton Fairview Georgetown Maplewood Clinton Salem Ashland Brookhaven Milford "
        "Oak Ridge|Cedar Falls|Lake Forest|Pine Bluff|Glen Ellyn|West Chester|Bowling Green|Eau Claire"
    )
    .replace("|", " | ")
    .split(" | ")
)
_CITIES = [
    c
    for part in _CITIES
    for c in ([part] if " " in part.strip() and part.count(" ") == 1 else part.split())
]
_STATES = "IL TX CA NY OH PA FL GA NC MI WI MN MO TN WA OR AZ CO MA VA KY IA".split()
_STREET_NAMES = "Oak Maple Cedar Elm Washington Lincoln Park Lake Hill Sunset Meadow Willow Chestnut Highland".split()
_SUFFIXES_TUNE = ["St", "Street", "Ave", "Avenue", "Rd", "Road", "Dr", "Lane"]
_SUFFIXES_EVAL = _SUFFIXES_TUNE + ["Blvd", "Court", "Way", "Pkwy", "Terrace", "Circle"]
_DRUGS = [
    ("cisplatin", "75 mg/m2", "J9060"),
    ("carboplatin", "AUC 5", "J9045"),
    ("paclitaxel", "175 mg/m2", "J9267"),
    ("pembrolizumab", "200 mg", "J9271"),
    ("rituximab", "375 mg/m2", "J9312"),
    ("infliximab", "5 mg/kg", "J1745"),
    ("iron sucrose", "200 mg", "J1756"),
    ("zoledronic acid", "4 mg", "J3489"),
    ("ocrelizumab", "600 mg", "J2350"),
    ("oxaliplatin", "85 mg/m2", "J9263"),
]
_ICD = [
    ("C50.911", "breast cancer"),
    ("C34.90", "NSCLC"),
    ("C83.30", "DLBCL"),
    ("D50.9", "iron deficiency anemia"),
    ("K50.90", "Crohn disease"),
    ("G35", "multiple sclerosis"),
    ("C18.9", "colon cancer"),
    ("C91.10", "CLL"),
]
_CPT = ["96413", "96415", "96375", "96367", "96365", "96360", "96361", "96417"]


@dataclass
class Note:
    """One synthetic note and its gold PHI spans."""

    id: str
    family: str
    text: str
    spans: list[Span] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "family": self.family,
            "text": self.text,
            "spans": [{"kind": s.kind, "start": s.start, "end": s.end} for s in self.spans],
        }


class _Builder:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.spans: list[Span] = []
        self.pos = 0

    def t(self, text: str) -> _Builder:
        self.parts.append(text)
        self.pos += len(text)
        return self

    def phi(self, kind: str, text: str) -> _Builder:
        self.spans.append(
            Span(kind=kind, start=self.pos, end=self.pos + len(text), score=1.0, source="gold")
        )
        return self.t(text)


class _Person:
    def __init__(self, rng: random.Random) -> None:
        self.first = rng.choice(_FIRST)
        self.last = rng.choice(_LAST)
        self.mi = rng.choice(string.ascii_uppercase)


def _luhn_npi(rng: random.Random) -> str:
    from infusion_coder.text.recognizers.license import npi_is_valid

    while True:
        n = str(rng.choice([1, 2])) + "".join(rng.choice(string.digits) for _ in range(9))
        if npi_is_valid(n):
            return n


def _dea(rng: random.Random, last: str) -> str:
    d = [rng.randrange(10) for _ in range(6)]
    check = (d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5])) % 10
    return rng.choice("ABFGM") + last[0].upper() + "".join(map(str, d)) + str(check)


def _mbi(rng: random.Random) -> str:
    letters = "ACDEFGHJKMNPQRTUVWXY"
    alnum = letters + string.digits
    c = [
        rng.choice("123456789"),
        rng.choice(letters),
        rng.choice(alnum),
        rng.choice(string.digits),
        rng.choice(letters),
        rng.choice(alnum),
        rng.choice(string.digits),
        rng.choice(letters),
        rng.choice(letters),
        rng.choice(string.digits),
        rng.choice(string.digits),
    ]
    s = "".join(c)
    return s if rng.random() < 0.6 else f"{s[:4]}-{s[4:7]}-{s[7:]}"


def _vin(rng: random.Random) -> str:
    from infusion_coder.text.recognizers.vehicle import _VALUES, _WEIGHTS

    chars = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"
    while True:
        v = [rng.choice(chars) for _ in range(17)]
        v[8] = "0"
        total = sum(_VALUES[c] * w for c, w in zip(v, _WEIGHTS, strict=True))
        check = total % 11
        v[8] = "X" if check == 10 else str(check)
        return "".join(v)


_MONTHS = [
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
]


def _date(rng: random.Random, mix: str, *, birth: bool = False) -> str:
    y = rng.randint(1925, 1990) if birth else rng.randint(2019, 2025)
    m, d = rng.randint(1, 12), rng.randint(1, 28)
    forms: list[Callable[[], str]] = [
        lambda: f"{m:02d}/{d:02d}/{y}",
        lambda: f"{m}/{d}/{y}",
        lambda: f"{y}-{m:02d}-{d:02d}",
        lambda: f"{_MONTHS[m - 1]} {d}, {y}",
        lambda: f"{_MONTHS[m - 1][:3]} {d}, {y}",
    ]
    if mix == "eval":
        forms += [
            lambda: f"{d} {_MONTHS[m - 1]} {y}",
            lambda: f"{m:02d}-{d:02d}-{y}",
            lambda: f"{m}/{d}/{y % 100:02d}",
            lambda: f"{d:02d}-{_MONTHS[m - 1][:3].upper()}-{y}",
            lambda: (
                f"{_MONTHS[m - 1]} {d}th, {y}"
                if d in (4, 5, 6, 7, 8, 9, 10, 11, 12)
                else f"{_MONTHS[m - 1]} {d}, {y}"
            ),
        ]
    return rng.choice(forms)()


def _phone(rng: random.Random, mix: str) -> str:
    a, b, c = rng.randint(201, 989), rng.randint(200, 999), rng.randint(0, 9999)
    forms = [f"({a}) {b}-{c:04d}", f"{a}-{b}-{c:04d}", f"{a}.{b}.{c:04d}"]
    if mix == "eval":
        forms += [
            f"+1 {a} {b} {c:04d}",
            f"{a}-{b}-{c:04d} x{rng.randint(10, 999)}",
            f"1-{a}-{b}-{c:04d}",
        ]
    return rng.choice(forms)


def _label(rng: random.Random, mix: str, tune: list[str], extra: list[str]) -> str:
    return rng.choice(tune + extra if mix == "eval" else tune)


def _name_forms(rng: random.Random, p: _Person, mix: str) -> str:
    forms = [f"{p.first} {p.last}", f"{p.first} {p.mi}. {p.last}", f"{p.last}, {p.first}"]
    if mix == "eval":
        forms += [f"{p.last.upper()}, {p.first.upper()}", f"{p.first} {p.last}"]
    return rng.choice(forms)


def _header(b: _Builder, rng: random.Random, mix: str, pt: _Person) -> None:
    b.t(
        _label(
            rng, mix, ["Patient: ", "Patient Name: ", "Name: "], ["PATIENT: ", "Pt Name: ", "Pt: "]
        )
    )
    b.phi("NAME", _name_forms(rng, pt, mix))
    b.t(
        "    "
        + _label(
            rng,
            mix,
            ["MRN: ", "MRN ", "Medical Record #: "],
            ["MR#: ", "Chart #: ", "Patient ID: "],
        )
    )
    b.phi("MRN", rng.choice(["", "MR", "E"]) + str(rng.randint(100000, 99999999)))
    b.t("\n" + _label(rng, mix, ["DOB: ", "Date of Birth: "], ["D.O.B.: ", "Birth date: "]))
    b.phi("DATE", _date(rng, mix, birth=True))
    age = rng.randint(34, 99)
    b.t("   Age: ")
    if age > 89:
        b.phi("AGE", str(age))
    else:
        b.t(str(age))
    b.t("\n")
    if rng.random() < 0.7:
        b.t(_label(rng, mix, ["Account #: ", "Acct: "], ["Encounter #: ", "FIN: ", "Visit ID: "]))
        b.phi("ACCOUNT", str(rng.randint(10000000, 999999999)))
        b.t("   ")
    if rng.random() < 0.6:
        b.t(_label(rng, mix, ["Medicare MBI: ", "MBI: "], ["Medicare ID: ", "Medicare #: "]))
        b.phi("HEALTH_PLAN", _mbi(rng))
    else:
        b.t(
            _label(
                rng,
                mix,
                ["Member ID: ", "Policy #: "],
                ["Subscriber ID: ", "Insurance ID: ", "Group #: "],
            )
        )
        b.phi(
            "HEALTH_PLAN",
            rng.choice(["XJH", "W", "ZGP", ""]) + str(rng.randint(1000000, 999999999)),
        )
    b.t("\n")


def _address(b: _Builder, rng: random.Random, mix: str) -> None:
    suffixes = _SUFFIXES_EVAL if mix == "eval" else _SUFFIXES_TUNE
    street = f"{rng.randint(1, 9999)} {rng.choice(_STREET_NAMES)} {rng.choice(suffixes)}"
    if rng.random() < 0.3:
        street += rng.choice([", Apt 4B", " Apt 12", ", Unit 3"])
    b.t("Address: ").phi("ADDRESS", street).t(", ")
    b.phi("ADDRESS", rng.choice(_CITIES)).t(f", {rng.choice(_STATES)} ")
    z = rng.choice(["62704", "03601", "77030", "10021", "55905", "43210", "69201", "94143"])
    b.phi("ZIP", z if rng.random() < 0.8 else z + "-" + str(rng.randint(1000, 9999)))
    b.t("\nPhone: ").phi("PHONE", _phone(rng, mix))
    if rng.random() < 0.5:
        b.t("   Fax: ").phi("PHONE", _phone(rng, mix))
    b.t("\n")


def _drug_paragraph(b: _Builder, rng: random.Random, mix: str, pt: _Person, nurse: _Person) -> None:
    drug, dose, hcpcs = rng.choice(_DRUGS)
    code, dx = rng.choice(_ICD)
    b.t(f"Dx: {code} {dx}. ")
    b.t(
        rng.choice(
            [
                "Port accessed with 20G Huber needle, positive blood return. ",
                "PIV placed L forearm 22G. ",
                "Port flushed with 10 mL NS; heparin lock after. ",
            ]
        )
    )
    b.t(
        f"Premeds: ondansetron 8 mg IV, dexamethasone 12 mg IV. {drug.capitalize()} {dose} IV over 60 min "
    )
    b.t(
        f"({hcpcs}, CPT {rng.choice(_CPT)}). Lot {rng.choice(['A1234', 'KX9921', '7761B'])}, exp 2026. "
    )
    b.t("Pump rate 250 mL/hr. BP 128/76, HR 82, T 98.4. ")
    if rng.random() < 0.6:
        b.phi("NAME", pt.first).t(" tolerated the infusion well. ")
    else:
        b.t(rng.choice(["Mrs. ", "Mr. ", "Ms. "])).phi("NAME", pt.last).t(
            " tolerated without reaction. "
        )
    if rng.random() < 0.5:
        rel = rng.choice(["daughter", "son", "husband", "wife", "sister"])
        r = _Person(rng)
        r.last = pt.last if rng.random() < 0.5 else r.last
        form = rng.choice(["label", "before", "after"] + (["spoke"] if mix == "eval" else []))
        if form == "label":
            b.t("\nEmergency contact: ").phi("NAME", f"{r.first} {r.last}").t(f" ({rel}) ").phi(
                "PHONE", _phone(rng, mix)
            ).t(".")
        elif form == "before":
            b.t(f"Accompanied by her {rel}, ").phi("NAME", f"{r.first} {r.last}").t(". ")
        elif form == "after":
            b.phi("NAME", f"{r.first} {r.last}").t(f" ({rel}) at bedside. ")
        else:
            b.t("Discussed plan with ").phi("NAME", f"{r.first} {r.last}").t(f", {rel}, by phone. ")
    b.t("\n")
    _distract(b, rng, mix)
    visit = _date(rng, mix)
    b.t(rng.choice(["Next visit ", "Return ", "Follow-up on "])).phi("DATE", visit).t(
        " at 09:30.\n"
    )


_DISTRACT_TUNE = [
    "Normal Saline 250 mL KVO. ",
    "Port site clean, dry and intact. ",
    "Diagnosed in 2019; 6 cycles planned. ",
    "Chair 4, Infusion Center. ",
]
_DISTRACT_EVAL = _DISTRACT_TUNE + [
    "Keytruda given per protocol; Herceptin held. ",
    "Take 1/2 tab of lorazepam PRN. ",
    "NDC 0069-0130-01, lot KX9921B. ",
    "Benadryl 25 mg IV push at 10:15. ",
    "Mediport Huber needle 20G x 1 inch; Biopatch applied. ",
    "Started Rituxan at 50 mg/hr, titrated by 50 mg/hr q30 min to max 400 mg/hr. ",
    "Hospice discussed with Social Work. ",
    "Patient is a 67-year-old retired teacher. ",
    "Weight 72.4 kg, BSA 1.86 m2; CrCl 68 mL/min. ",
    "Billed 96413 x1, 96415 x2, 96375 x1 with J9271 x200 units. ",
    "ICD-10: Z51.11, C50.911. ",
    "Cycle 3 Day 1. Next Cycle 4 in three weeks. ",
    "Tumor board reviewed at Memorial Cancer Institute. ",
    "Lab: WBC 4.2, ANC 2.1, Hgb 10.8, Plt 145. ",
    "Heparin 500 units/5 mL lock. ",
    "Blood return brisk; Alteplase not needed. ",
]


def _distract(b: _Builder, rng: random.Random, mix: str) -> None:
    bank = _DISTRACT_EVAL if mix == "eval" else _DISTRACT_TUNE
    for sentence in rng.sample(bank, k=min(3, len(bank))):
        b.t(sentence)
    b.t("\n")


def _signature(b: _Builder, rng: random.Random, mix: str, who: _Person, cred: str) -> None:
    lead = _label(
        rng,
        mix,
        ["Electronically signed by ", "Signed: ", "Verified by "],
        ["-- ", "/s/ ", "Cosigned by ", "Authenticated by: "],
    )
    b.t(lead).phi("NAME", f"{who.first} {who.last}").t(f", {cred} ")
    b.phi("DATE", _date(rng, mix)).t(f" {rng.randint(7, 18):02d}:{rng.randint(0, 59):02d}")
    if rng.random() < 0.5:
        b.t("  NPI: ").phi("LICENSE", _luhn_npi(rng))
    b.t("\n")


def _nursing_note(b: _Builder, rng: random.Random, mix: str) -> None:
    pt, nurse, md = _Person(rng), _Person(rng), _Person(rng)
    b.t("INFUSION NURSING NOTE\n")
    _header(b, rng, mix, pt)
    b.t("Date of service: ").phi("DATE", _date(rng, mix)).t("\n")
    b.t("Ordering provider: Dr. ").phi("NAME", f"{md.first} {md.last}").t("\n")
    _drug_paragraph(b, rng, mix, pt, nurse)
    if rng.random() < 0.3:
        b.t("Pump serial #: ").phi(
            "DEVICE", f"{rng.choice(['SN', 'AL', ''])}{rng.randint(1000000, 9999999)}"
        ).t("\n")
    _signature(b, rng, mix, nurse, rng.choice(["RN", "BSN, RN", "RN, OCN"]))


def _order(b: _Builder, rng: random.Random, mix: str) -> None:
    pt, md = _Person(rng), _Person(rng)
    drug, dose, hcpcs = rng.choice(_DRUGS)
    code, dx = rng.choice(_ICD)
    b.t("TREATMENT ORDER\n")
    _header(b, rng, mix, pt)
    b.t(f"Diagnosis: {dx} ({code})\nOrder: {drug} {dose} IV every 21 days x 6 cycles, start ")
    b.phi("DATE", _date(rng, mix)).t("\n")
    b.t(f"Hydration: NS 1000 mL over 2 h. Bill {hcpcs} and {rng.choice(_CPT)}.\n")
    b.t("Prescriber: ").phi("NAME", f"{md.first} {md.mi}. {md.last}").t(", MD   NPI ").phi(
        "LICENSE", _luhn_npi(rng)
    )
    b.t("   DEA ").phi("LICENSE", _dea(rng, md.last)).t("\n")
    b.t("Clinic phone ").phi("PHONE", _phone(rng, mix)).t(" | ").phi(
        "EMAIL",
        f"{md.first.lower()}.{md.last.lower().replace(chr(39), '')}@{rng.choice(['onc-clinic.org', 'example-health.com', 'mercyinfusion.net'])}",
    ).t("\n")


def _discharge(b: _Builder, rng: random.Random, mix: str) -> None:
    pt, md = _Person(rng), _Person(rng)
    code, dx = rng.choice(_ICD)
    b.t("DISCHARGE SUMMARY\n")
    _header(b, rng, mix, pt)
    _address(b, rng, mix)
    b.t("Admitted: ").phi("DATE", _date(rng, mix)).t("   Discharged: ").phi(
        "DATE", _date(rng, mix)
    ).t("\n")
    age = rng.choice([91, 93, 95, 97, 88, 76, 64])
    b.t("HPI: ")
    if age > 89:
        b.phi("AGE", str(age))
    else:
        b.t(str(age))
    b.t(f"-year-old with {dx} ({code}) admitted for neutropenic fever after cycle 3. ")
    b.t("Seen by Dr. ").phi("NAME", md.last).t(" in oncology clinic. ")
    b.t("SSN on file: ").phi(
        "SSN", f"{rng.randint(100, 665)}-{rng.randint(10, 99)}-{rng.randint(1000, 9999)}"
    ).t(".\n")
    _distract(b, rng, mix)
    b.t("Discharge meds: filgrastim 480 mcg subq daily x 5 days (J1442). Follow up with ")
    b.t("Dr. ").phi("NAME", f"{md.first} {md.last}").t(" on ").phi("DATE", _date(rng, mix)).t(".\n")
    b.t("Patient portal: ").phi(
        "URL",
        f"https://portal.{rng.choice(['stmarys', 'valleyonc', 'northside'])}.org/chart/{rng.randint(1000, 99999)}",
    ).t("\n")
    _signature(b, rng, mix, md, "MD")


def _phone_message(b: _Builder, rng: random.Random, mix: str) -> None:
    pt, caller, rn = _Person(rng), _Person(rng), _Person(rng)
    b.t("TELEPHONE ENCOUNTER ").phi("DATE", _date(rng, mix)).t("\n")
    b.t("Caller: ").phi("NAME", f"{caller.first} {caller.last}").t(" (").t(
        rng.choice(["daughter", "spouse", "son"])
    ).t(") re: patient ")
    b.phi("NAME", f"{pt.first} {pt.last}").t(", MRN ").phi(
        "MRN", str(rng.randint(1000000, 9999999))
    ).t(".\n")
    b.t("Callback: ").phi("PHONE", _phone(rng, mix)).t(
        ". Reports nausea after carboplatin; advised ondansetron 8 mg PO q8h.\n"
    )
    if rng.random() < 0.5:
        b.t("Email: ").phi(
            "EMAIL",
            f"{caller.first.lower()}{rng.randint(1, 99)}@{rng.choice(['gmail.com', 'yahoo.com', 'outlook.com'])}",
        ).t("\n")
    b.t("Taken by ").phi("NAME", f"{rn.first} {rn.last}").t(", RN\n")


def _it_note(b: _Builder, rng: random.Random, mix: str) -> None:
    pt = _Person(rng)
    b.t("HOME INFUSION DELIVERY LOG\nPatient: ").phi("NAME", f"{pt.first} {pt.last}").t("\n")
    b.t("Delivery vehicle VIN ").phi("VEHICLE", _vin(rng)).t(", plate ").phi(
        "VEHICLE",
        f"{rng.choice(['7', '8', 'B'])}{rng.choice(string.ascii_uppercase)}{rng.choice(string.ascii_uppercase)}{rng.randint(1000, 9999)}",
    ).t("\n")
    b.t("Ambulatory pump device ID: ").phi("DEVICE", f"CADD-{rng.randint(100000, 999999)}").t(
        ". Telemetry from "
    )
    b.phi("IP_ADDRESS", f"10.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}").t(
        ".\n"
    )
    b.t("Specimen accession #: ").phi(
        "ID", f"S{rng.randint(20, 25)}-{rng.randint(10000, 99999)}"
    ).t("\n")
    b.t(f"Drug: {rng.choice(_DRUGS)[0]} via PICC, 96365 billed by facility.\n")
    _distract(b, rng, mix)


def _letter(b: _Builder, rng: random.Random, mix: str) -> None:
    pt, md, pcp = _Person(rng), _Person(rng), _Person(rng)
    code, dx = rng.choice(_ICD)
    b.t("REFERRAL LETTER\n").phi("DATE", _date(rng, mix)).t("\n\nDear Dr. ").phi(
        "NAME", pcp.last
    ).t(",\n")
    b.t("Thank you for referring ").phi("NAME", f"{pt.first} {pt.last}").t(", a ")
    age = rng.choice([92, 94, 67, 71])
    if age > 89:
        b.phi("AGE", str(age))
    else:
        b.t(str(age))
    b.t(" y/o who lives in ").phi("ADDRESS", rng.choice(_CITIES)).t(f", for {dx} ({code}). ")
    b.t(f"We started {rng.choice(_DRUGS)[0]} on ").phi("DATE", _date(rng, mix)).t(". ")
    b.phi("NAME", pt.first).t(" will return in three weeks.\n\nSincerely,\n")
    b.phi("NAME", f"{md.first} {md.last}").t(", MD\n")
    b.t("Medical license: ").phi(
        "LICENSE", f"{rng.choice(['MD', 'A', 'G'])}{rng.randint(10000, 999999)}"
    ).t("\n")


_FAMILIES_TUNE: dict[str, Callable[[_Builder, random.Random, str], None]] = {
    "nursing": _nursing_note,
    "order": _order,
    "discharge": _discharge,
    "phone": _phone_message,
}
_FAMILIES_EVAL = {**_FAMILIES_TUNE, "logistics": _it_note, "letter": _letter}


def generate(n: int = 200, *, seed: int = 7, mix: str = "eval") -> list[Note]:
    """``n`` notes with gold spans; ``mix`` is ``"tune"`` or ``"eval"``."""
    if mix not in ("tune", "eval"):
        raise ValueError("mix must be 'tune' or 'eval'")
    rng = random.Random(seed)
    families = _FAMILIES_EVAL if mix == "eval" else _FAMILIES_TUNE
    names = sorted(families)
    notes = []
    for i in range(n):
        family = names[i % len(names)] if i < len(names) else rng.choice(names)
        b = _Builder()
        families[family](b, rng, mix)
        notes.append(
            Note(id=f"{mix}-{seed}-{i:04d}", family=family, text="".join(b.parts), spans=b.spans)
        )
    return notes
