"""Abbreviations and short forms of oncology and infusion notes, mapped to ICD-10-CM.

Each entry: a regular expression, then either one code or a laterality map
(``{"": unspecified, "right": ..., "left": ...}``). Codes were checked against the code set
shipped by ``simple-icd-10-cm`` (tests verify every one is a valid code). A match must fit
the pattern as written or in lower case, so upper-case abbreviations stay upper case: "ALL"
is a leukemia, "all" is not; "MM" is myeloma, "mm" a millimetre.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Entry:
    pattern: str
    code: str | dict[str, str]
    #: a more specific code when one of these words follows the mention ("in remission")
    qualifiers: dict[str, str] = field(default_factory=dict)


_CA = r"(?:cancer|carcinoma|ca|malignancy|malignant neoplasm|adenocarcinoma|tumou?r)"
_REMISSION = r"in (?:complete |partial )?remission"
_RELAPSE = r"in relapse|relapsed"

ENTRIES: tuple[Entry, ...] = (
    # solid tumours
    Entry(
        rf"breast {_CA}|{_CA} of (?:the )?(?:right |left )?breast|(?:invasive )?ductal carcinoma|IDC|DCIS-? ?invasive|triple[- ]negative breast {_CA}|TNBC|HER2[+-]? (?:positive |negative )?breast {_CA}",
        {"": "C50.919", "right": "C50.911", "left": "C50.912"},
    ),
    Entry(
        rf"NSCLC|SCLC|non[- ]small[- ]cell lung {_CA}|small[- ]cell lung {_CA}|lung {_CA}|lung adenocarcinoma|{_CA} of (?:the )?(?:right |left )?lung",
        {
            "": "C34.90",
            "right": "C34.91",
            "left": "C34.92",
            "right upper": "C34.11",
            "left upper": "C34.12",
            "right lower": "C34.31",
            "left lower": "C34.32",
        },
    ),
    Entry(rf"colon {_CA}|{_CA} of (?:the )?colon|colorectal {_CA}|CRC", "C18.9"),
    Entry(rf"rectal {_CA}|{_CA} of (?:the )?rectum", "C20"),
    Entry(rf"pancreatic {_CA}|{_CA} of (?:the )?pancreas|pancreatic adenocarcinoma", "C25.9"),
    Entry(rf"prostate {_CA}|{_CA} of (?:the )?prostate", "C61"),
    Entry(
        rf"ovarian {_CA}|{_CA} of (?:the )?(?:right |left )?ovary",
        {"": "C56.9", "right": "C56.1", "left": "C56.2"},
    ),
    Entry(rf"gastric {_CA}|stomach {_CA}", "C16.9"),
    Entry(rf"bladder {_CA}|urothelial carcinoma", "C67.9"),
    Entry(
        rf"renal cell carcinoma|RCC|kidney {_CA}", {"": "C64.9", "right": "C64.1", "left": "C64.2"}
    ),
    Entry(r"melanoma", "C43.9"),
    Entry(rf"head and neck {_CA}|HNSCC", "C76.0"),
    Entry(rf"hepatocellular carcinoma|HCC|liver {_CA}", "C22.0"),
    Entry(rf"esophageal {_CA}", "C15.9"),
    Entry(rf"cervical {_CA}", "C53.9"),
    Entry(rf"endometrial {_CA}|uterine {_CA}", "C54.1"),
    Entry(rf"thyroid {_CA}", "C73"),
    Entry(r"glioblastoma|GBM", "C71.9"),
    # metastases
    Entry(
        r"(?:bone mets|bone metastas[ie]s|bony metastas[ie]s|metastas[ie]s to (?:the )?bones?|osseous metastas[ie]s|metastatic to bone)",
        "C79.51",
    ),
    Entry(
        r"(?:liver mets|liver metastas[ie]s|hepatic metastas[ie]s|metastas[ie]s to (?:the )?liver|metastatic to (?:the )?liver)",
        "C78.7",
    ),
    Entry(
        r"(?:brain mets|brain metastas[ie]s|metastas[ie]s to (?:the )?brain|metastatic to (?:the )?brain)",
        "C79.31",
    ),
    Entry(
        r"(?:lung mets|lung metastas[ie]s|pulmonary metastas[ie]s|metastas[ie]s to (?:the )?lungs?)",
        "C78.00",
    ),
    # blood cancers
    Entry(
        r"CLL|chronic lymphocytic leukemia|SLL",
        "C91.10",
        qualifiers={_REMISSION: "C91.11", _RELAPSE: "C91.12"},
    ),
    Entry(r"DLBCL|diffuse large B[- ]cell lymphoma", "C83.30"),
    Entry(r"follicular lymphoma|FL grade [12]", "C82.90"),
    Entry(r"mantle cell lymphoma|MCL", "C83.10"),
    Entry(r"Hodgkin(?:'s)? lymphoma|Hodgkin(?:'s)? disease|cHL", "C81.90"),
    Entry(r"non-Hodgkin(?:'s)? lymphoma|NHL", "C85.90"),
    Entry(
        r"multiple myeloma|MM|myeloma",
        "C90.00",
        qualifiers={_REMISSION: "C90.01", _RELAPSE: "C90.02"},
    ),
    Entry(
        r"AML|acute myeloid leukemia|acute myelogenous leukemia",
        "C92.00",
        qualifiers={_REMISSION: "C92.01", _RELAPSE: "C92.02"},
    ),
    Entry(
        r"ALL|acute lymphoblastic leukemia",
        "C91.00",
        qualifiers={_REMISSION: "C91.01", _RELAPSE: "C91.02"},
    ),
    Entry(
        r"CML|chronic myeloid leukemia|chronic myelogenous leukemia",
        "C92.10",
        qualifiers={_REMISSION: "C92.11", _RELAPSE: "C92.12"},
    ),
    Entry(r"MDS|myelodysplastic syndrome", "D46.9"),
    # blood and immune
    Entry(r"IDA|iron[- ]deficiency anemia", "D50.9"),
    Entry(r"anemia (?:of|in|due to) (?:CKD|chronic kidney disease)", "D63.1"),
    Entry(r"chemo(?:therapy)?[- ]induced anemia|anemia due to chemo(?:therapy)?", "D64.81"),
    Entry(r"anemia", "D64.9"),
    Entry(r"febrile neutropenia|neutropenic fever", "D70.9"),
    Entry(r"neutropenia", "D70.9"),
    Entry(r"ITP|immune thrombocytopenia|immune thrombocytopenic purpura", "D69.3"),
    Entry(r"(?:drug-induced|secondary|heparin-induced) thrombocytopenia", "D69.59"),
    Entry(r"thrombocytopenia", "D69.6"),
    Entry(r"CVID|common variable immunodeficiency", "D83.9"),
    Entry(r"hemophilia A", "D66"),
    Entry(r"sickle cell crisis|sickle cell disease with crisis", "D57.00"),
    # kidney, heart, metabolic
    Entry(r"(?:CKD|chronic kidney disease) stage (?:3a|IIIa)", "N18.31"),
    Entry(r"(?:CKD|chronic kidney disease) stage (?:3b|IIIb)", "N18.32"),
    Entry(r"(?:CKD|chronic kidney disease),? stage (?:3|III)|CKD ?3|stage 3 CKD", "N18.30"),
    Entry(r"(?:CKD|chronic kidney disease),? stage (?:4|IV)|CKD ?4|stage 4 CKD", "N18.4"),
    Entry(r"(?:CKD|chronic kidney disease),? stage (?:5|V)|CKD ?5|stage 5 CKD", "N18.5"),
    Entry(r"ESRD|end[- ]stage renal disease|ESKD", "N18.6"),
    Entry(r"CKD|chronic kidney disease", "N18.9"),
    Entry(r"AKI|acute kidney injury", "N17.9"),
    Entry(r"HTN|hypertension", "I10"),
    Entry(r"CHF|congestive heart failure|heart failure", "I50.9"),
    Entry(r"a-?fib|atrial fibrillation", "I48.91"),
    Entry(r"DVT|deep vein thrombosis", "I82.409"),
    Entry(r"pulmonary embolism", "I26.99"),
    Entry(r"T2DM|DM2|DM ?II|type 2 diabetes(?: mellitus)?|type II diabetes|NIDDM", "E11.9"),
    Entry(r"T1DM|DM1|type 1 diabetes(?: mellitus)?", "E10.9"),
    Entry(r"hypercalcemia of malignancy|hypercalcemia", "E83.52"),
    Entry(r"hypomagnesemia|low magnesium", "E83.42"),
    Entry(r"hypokalemia|low potassium", "E87.6"),
    Entry(r"dehydration|dehydrated", "E86.0"),
    Entry(r"osteoporosis", "M81.0"),
    Entry(r"COPD", "J44.9"),
    # immune-mediated conditions treated with infusions
    Entry(r"Crohn(?:'s|s)? disease|Crohn's|CD flare", "K50.90"),
    Entry(r"UC|ulcerative colitis", "K51.90"),
    Entry(r"RA|rheumatoid arthritis", "M06.9"),
    Entry(r"PsA|psoriatic arthritis", "L40.50"),
    Entry(r"plaque psoriasis|psoriasis", "L40.0"),
    Entry(r"RRMS|relapsing[- ]remitting (?:MS|multiple sclerosis)", "G35.A"),
    Entry(r"multiple sclerosis", "G35.D"),
    Entry(r"migraine", "G43.909"),
    Entry(r"lupus|SLE", "M32.9"),
    # symptoms and treatment effects
    Entry(
        r"CINV|chemo(?:therapy)?[- ]induced nausea(?: and vomiting)?|nausea (?:and|with) vomiting|N/V",
        "R11.2",
    ),
    Entry(r"nausea", "R11.0"),
    Entry(r"vomiting", "R11.10"),
    Entry(r"fatigue", "R53.83"),
    Entry(r"sepsis", "A41.9"),
    Entry(r"UTI|urinary tract infection", "N39.0"),
    Entry(r"pneumonia", "J18.9"),
    Entry(r"hepatitis C|HCV", "B18.2"),
    Entry(r"HIV disease|AIDS", "B20"),
    # encounters
    Entry(
        r"(?:encounter|here|presents) for (?:antineoplastic )?chemo(?:therapy)?|chemotherapy encounter",
        "Z51.11",
    ),
    Entry(r"(?:encounter|here|presents) for (?:antineoplastic )?immunotherapy", "Z51.12"),
)

#: personal-history codes for a condition stated as past ("history of breast cancer"): by code prefix
HISTORY: tuple[tuple[str, str], ...] = (
    ("C50", "Z85.3"),
    ("C34", "Z85.118"),
    ("C18", "Z85.038"),
    ("C19", "Z85.048"),
    ("C20", "Z85.048"),
    ("C25", "Z85.07"),
    ("C61", "Z85.46"),
    ("C56", "Z85.43"),
    ("C16", "Z85.028"),
    ("C67", "Z85.51"),
    ("C64", "Z85.528"),
    ("C43", "Z85.820"),
    ("C73", "Z85.850"),
    ("C22", "Z85.05"),
    ("C15", "Z85.01"),
    ("C53", "Z85.41"),
    ("C54", "Z85.42"),
    ("C71", "Z85.841"),
    ("C81", "Z85.71"),
    ("C82", "Z85.72"),
    ("C83", "Z85.72"),
    ("C85", "Z85.72"),
    ("C90", "Z85.79"),
    ("C91", "Z85.6"),
    ("C92", "Z85.6"),
    ("I26", "Z86.711"),
    ("I82", "Z86.718"),
    ("I21", "I25.2"),
    ("I63", "Z86.73"),
)
