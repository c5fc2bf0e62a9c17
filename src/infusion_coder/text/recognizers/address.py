"""Geography smaller than a state: street addresses, PO boxes, cities, counties, ZIP codes.

ZIP codes are found only where they are ZIP codes (after a state, or behind a ZIP label), so a
five-digit CPT code such as 96413 is never taken for one.
"""

from __future__ import annotations

from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from infusion_coder.text.recognizers._base import LabelledRegexRecognizer, rule

STATES = (
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM"
    " NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR"
).split()
#: state codes that are also common words or clinical credentials ("MD", "PA", "OR", "IN")
AMBIGUOUS_STATES = {
    "MD",
    "PA",
    "ME",
    "IN",
    "OR",
    "OK",
    "HI",
    "ID",
    "OH",
    "DE",
    "LA",
    "AL",
    "CO",
    "MA",
    "MS",
    "NE",
    "DC",
}
STATE_NAMES = (
    "Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia|Hawaii"
    "|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan"
    "|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|New Hampshire|New Jersey|New Mexico"
    "|New York|North Carolina|North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|Rhode Island"
    "|South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|Washington|West Virginia"
    "|Wisconsin|Wyoming"
)
_ST = "|".join(STATES)
_PLAIN_ST = "|".join(s for s in STATES if s not in AMBIGUOUS_STATES)
_WORD = r"[A-Z][a-z]+"
_CITY = rf"(?:(?:St\.|Ft\.|Mt\.)[ ])?{_WORD}(?:[ \-](?:{_WORD}|de|du|la)){{0,2}}"
_SUFFIX = (
    r"(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Drive|Dr|Lane|Ln|Court|Ct|Way|Place|Pl|Terrace"
    r"|Ter|Parkway|Pkwy|Highway|Hwy|Circle|Cir|Trail|Trl|Square|Sq|Loop|Row|Path|Pike|Crossing|Xing"
    r"|Ridge|Run|Point|Pt)"
)
_UNIT = r"(?:,?[ \t]+(?:Apt|Apartment|Unit|Suite|Ste|Bldg|Building|Rm|Room|Fl|Floor|#)\.?\s*#?\s*[A-Za-z0-9\-]{1,6})"
_STREET = (
    rf"\b\d{{1,6}}[A-Z]?[ \t]+(?:[NSEW]\.?[ \t]+|North[ \t]|South[ \t]|East[ \t]|West[ \t])?"
    rf"(?:{_WORD}|\d+(?:st|nd|rd|th))(?:[ \t]+{_WORD}){{0,3}}[ \t]+{_SUFFIX}\b\.?"
    rf"(?:[ \t]+(?:[NSEW]{{1,2}}|North|South|East|West)\b\.?)?{_UNIT}?"
)
_ZIP = r"\d{5}(?:-\d{4})?"


class PhiAddressRecognizer(LabelledRegexRecognizer):
    ENTITY = "ADDRESS"
    RULES = (
        rule("street", _STREET, 0.9),
        rule("po-box", r"\b(?i:P\.?\s?O\.?\s?Box|Post Office Box)\s+\d{1,6}\b", 0.9),
        rule("city-state-zip", rf"(?P<v>\b{_CITY}),\s+(?:{_ST})\.?\s+(?={_ZIP}\b)", 0.9),
        rule("city-state", rf"(?P<v>\b{_CITY}),\s+(?:{_PLAIN_ST})\b(?![a-z\-])", 0.8),
        rule("city-statename", rf"(?P<v>\b{_CITY}),\s+(?:{STATE_NAMES})\b", 0.85),
        rule("county", rf"\b{_WORD}(?:\s{_WORD})?\s(?:County|Parish|Borough)\b", 0.85),
        rule(
            "city-label",
            rf"\b(?i:city|town|hometown|city of residence)\s*:\s*(?P<v>{_CITY})\b",
            0.85,
        ),
        rule(
            "lives-in",
            rf"\b(?i:lives|living|resides|residing|moved|relocated|lives alone|home)\s+(?i:in|to|near)\s+(?P<v>{_CITY})\b(?!,?\s+(?:County))",
            0.75,
        ),
    )

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        return [r for r in super().analyze(text, entities, nlp_artifacts) if _not_clinical(text, r)]


_NOT_PLACES = {
    "Patient",
    "Port",
    "Clinic",
    "Infusion",
    "Oncology",
    "Hospital",
    "Center",
    "Chemo",
    "Room",
    "Chair",
    "Bay",
    "Pharmacy",
    "Lab",
    "Unit",
    "Cancer",
    "Medical",
    "Nursing",
    "The",
    "Home",
}


def _not_clinical(text: str, result: RecognizerResult) -> bool:
    words = text[result.start : result.end].split()
    return not (words and words[0] in _NOT_PLACES)
