"""A coder's vocabulary: abbreviations, synonyms, brand names and words we add to the index.

Everything here is our own plain language (no AMA descriptor text). ``GROUPS`` are synonym
groups (first member = the canonical form), indexed as one token each (``_synonyms``): the
administration groups in our own documents only, the diagnosis groups everywhere;
``REWRITES`` are one-way query rewrites; ``CODE_KEYWORDS`` and ``BRANDS`` enrich the indexed
documents at build time (so their words also feed the spelling corrector).
"""

from __future__ import annotations

#: words that carry no meaning in a search (dropped unless the query has nothing else)
STOPWORDS = frozenset(
    "a an and as at by for from in into is of on or per than the to up via with w".split()
)

#: the administration vocabulary: these groups tag our own documents only (in ICD-10-CM text
#: "subsequent" or "initial" mostly mean an encounter, and tagging 23,000 codes would make every
#: query with "additional" slow); over ICD-10-CM the typed words are searched as they are
ADMIN_GROUPS: tuple[tuple[str, ...], ...] = (
    ("chemotherapy", "chemo"),
    ("push", "ivp", "iv push", "intravenous push", "slow push"),
    ("infusion", "drip", "inf"),
    ("injection", "inj", "shot"),
    ("subcutaneous", "sc", "subq", "sq", "subcut", "sub q", "under the skin"),
    ("intramuscular", "im", "into muscle", "into the muscle"),
    ("intravenous", "iv"),
    ("intra arterial", "intraarterial", "ia", "into an artery", "artery", "arterial"),
    ("hydration", "ivf", "iv fluids", "fluids"),
    ("normal saline", "ns", "saline", "sodium chloride", "nacl"),
    ("keep vein open", "kvo", "tko", "to keep open"),
    ("additional", "addl", "add'l", "subsequent", "second", "2nd", "another", "extra", "further"),
    ("initial", "first", "1st"),
    ("hour", "hr", "hrs"),
    ("minutes", "min", "mins"),
    ("drug", "medication", "med", "meds", "substance"),
    ("sequential", "sequence", "consecutive"),
    ("concurrent", "simultaneous", "at the same time"),
    ("piggyback", "ivpb", "secondary infusion"),
    ("flush", "irrigation", "heparin lock"),
    ("port", "portacath", "port a cath", "implanted venous access device", "implanted port"),
    ("pump", "cadd", "ambulatory pump", "portable pump"),
    ("on body injector", "obi", "onpro", "on-body injector"),
    ("evaluation and management", "e/m", "em", "e&m", "office visit", "visit"),
    ("modifier", "mod"),
    ("discarded", "waste", "wastage", "wasted", "unused"),
    ("distinct", "separate", "different"),
    ("intrathecal", "spinal", "lumbar puncture"),
    ("ventricular reservoir", "ommaya"),
    ("blood draw", "port draw", "lab draw", "venipuncture"),
    ("hormonal", "hormone"),
    ("prolonged", "more than 8 hours", "over 8 hours", "continuous"),
    ("refill", "refilling", "maintenance"),
)

#: the diagnosis vocabulary: these groups tag every document, ICD-10-CM codes included
DIAGNOSIS_GROUPS: tuple[tuple[str, ...], ...] = (
    ("malignant neoplasm", "cancer", "ca", "malignancy", "malignant tumor"),
    ("secondary malignant neoplasm", "mets", "metastatic", "metastasis", "metastases"),
    ("chronic lymphocytic leukemia", "cll"),
    ("chronic myeloid leukemia", "cml"),
    ("acute myeloid leukemia", "aml"),
    ("acute lymphoblastic leukemia", "acute lymphocytic leukemia"),
    ("multiple myeloma", "myeloma", "mm"),
    ("non-hodgkin lymphoma", "nhl"),
    ("diffuse large b-cell lymphoma", "dlbcl"),
    ("hodgkin lymphoma", "hodgkins", "hodgkin's"),
    ("rheumatoid arthritis", "ra"),
    ("crohn's disease", "crohns", "crohn"),
    ("ulcerative colitis", "uc"),
    ("multiple sclerosis", "ms"),
    ("chronic kidney disease", "ckd"),
    ("iron deficiency anemia", "ida"),
    ("heart failure", "chf"),
    ("diabetes mellitus", "dm", "diabetes"),
    ("hypertension", "htn"),
    ("personal history", "hx"),
    ("family history", "fhx", "fh"),
    ("nausea with vomiting", "n/v", "cinv", "nausea and vomiting"),
)

#: one-way rewrites: the key is read as the listed words (the reverse does not hold)
REWRITES: dict[str, str] = {
    "nsclc": "malignant neoplasm bronchus lung",
    "non small cell lung cancer": "malignant neoplasm bronchus lung",
    "non-small cell lung cancer": "malignant neoplasm bronchus lung",
    "sclc": "malignant neoplasm bronchus lung",
    "small cell lung cancer": "malignant neoplasm bronchus lung",
    "lung cancer": "malignant neoplasm bronchus lung",
    "crc": "malignant neoplasm colon",
    "colorectal cancer": "malignant neoplasm colon",
    "dehydrated": "dehydration",
    "second infusion": "sequential infusion",
    "second chemo infusion": "sequential chemotherapy infusion",
    "second chemotherapy infusion": "sequential chemotherapy infusion",
    "another infusion": "sequential infusion",
    "5-fu": "fluorouracil",
    "5fu": "fluorouracil",
    "biologic": "monoclonal antibody",
    "mab": "monoclonal antibody",
}

#: brand name → generic name (public drug names, used to tag drug documents)
BRANDS: dict[str, str] = {
    "abraxane": "paclitaxel protein-bound",
    "adcetris": "brentuximab",
    "adriamycin": "doxorubicin",
    "alimta": "pemetrexed",
    "aloxi": "palonosetron",
    "aranesp": "darbepoetin",
    "ativan": "lorazepam",
    "avastin": "bevacizumab",
    "benadryl": "diphenhydramine",
    "camptosar": "irinotecan",
    "cytoxan": "cyclophosphamide",
    "darzalex": "daratumumab",
    "decadron": "dexamethasone",
    "emend": "fosaprepitant",
    "enhertu": "fam-trastuzumab",
    "entyvio": "vedolizumab",
    "epogen": "epoetin alfa",
    "eloxatin": "oxaliplatin",
    "erbitux": "cetuximab",
    "faslodex": "fulvestrant",
    "feraheme": "ferumoxytol",
    "gemzar": "gemcitabine",
    "herceptin": "trastuzumab",
    "imfinzi": "durvalumab",
    "injectafer": "ferric carboxymaltose",
    "kadcyla": "ado-trastuzumab",
    "keytruda": "pembrolizumab",
    "kyprolis": "carfilzomib",
    "lupron": "leuprolide",
    "neulasta": "pegfilgrastim",
    "neupogen": "filgrastim",
    "ocrevus": "ocrelizumab",
    "opdivo": "nivolumab",
    "paraplatin": "carboplatin",
    "pepcid": "famotidine",
    "perjeta": "pertuzumab",
    "platinol": "cisplatin",
    "procrit": "epoetin alfa",
    "prolia": "denosumab",
    "reclast": "zoledronic acid",
    "remicade": "infliximab",
    "retacrit": "epoetin alfa",
    "rituxan": "rituximab",
    "solu-medrol": "methylprednisolone",
    "taxol": "paclitaxel",
    "taxotere": "docetaxel",
    "tecentriq": "atezolizumab",
    "toradol": "ketorolac",
    "tysabri": "natalizumab",
    "velcade": "bortezomib",
    "venofer": "iron sucrose",
    "xgeva": "denosumab",
    "yervoy": "ipilimumab",
    "zofran": "ondansetron",
    "zoladex": "goserelin",
    "zometa": "zoledronic acid",
}

#: priors: an add-on code, or a code a coder rarely means unless the query names its route or
#: drug, ranks a little lower than an otherwise equal match ("chemo infusion" → 96413 before
#: 96422); a deleted code ranks well below the codes in use
ADDON_BOOST = 0.9
RARE_ROUTE_BOOST = 0.85
DELETED_BOOST = 0.5
RARE_ROUTES = frozenset(
    "96373 96379 96380 96381 96405 96406 96420 96422 96423 96425 96440 96446 96450 96542 "
    "96547 96548 96549".split()
)

#: our own index words for the codes a coder looks for most (added to the code's document)
CODE_KEYWORDS: dict[str, str] = {
    "96360": "hydration initial first hour iv fluids normal saline",
    "96361": "hydration each additional hour secondary hydration",
    "96365": "therapeutic infusion initial first hour",
    "96366": "therapeutic infusion each additional hour",
    "96367": "sequential infusion new drug ivpb piggyback",
    "96368": "concurrent infusion",
    "96369": "subcutaneous infusion initial",
    "96370": "subcutaneous infusion each additional hour",
    "96371": "subcutaneous infusion additional pump new site",
    "96372": "subcutaneous intramuscular injection shot",
    "96373": "intra arterial injection",
    "96374": "iv push single initial",
    "96375": "iv push sequential each additional new drug",
    "96376": "iv push same drug repeat facility",
    "96377": "on body injector",
    "96379": "unlisted therapeutic injection infusion",
    "96401": "chemotherapy subcutaneous intramuscular injection non hormonal",
    "96402": "chemotherapy hormonal injection subcutaneous intramuscular",
    "96405": "chemotherapy intralesional up to 7 lesions",
    "96406": "chemotherapy intralesional more than 7 lesions",
    "96409": "chemotherapy iv push initial single drug",
    "96411": "chemotherapy iv push each additional drug",
    "96413": "chemotherapy iv infusion initial first hour",
    "96415": "chemotherapy infusion each additional hour",
    "96416": "chemotherapy prolonged infusion pump more than 8 hours start",
    "96417": "chemotherapy sequential infusion each additional drug",
    "96420": "chemotherapy intra arterial push injection into an artery",
    "96422": "chemotherapy intra arterial infusion first hour",
    "96423": "chemotherapy intra arterial infusion each additional hour",
    "96425": "chemotherapy intra arterial prolonged infusion by pump into an artery",
    "96440": "chemotherapy pleural cavity thoracentesis",
    "96446": "chemotherapy peritoneal cavity",
    "96450": "chemotherapy intrathecal spinal puncture cns",
    "96521": "refill maintenance portable pump",
    "96522": "refill maintenance implantable pump reservoir",
    "96523": "port flush irrigation implanted venous access device",
    "96542": "chemotherapy ventricular reservoir ommaya",
    "96549": "unlisted chemotherapy",
    "36591": "blood draw from port implanted venous access device",
    "36592": "blood draw from catheter",
    "HYD001": "kvo tko keep vein open carrier flush",
    "SEQ001": "ivpb piggyback",
}


GROUPS: tuple[tuple[str, ...], ...] = ADMIN_GROUPS + DIAGNOSIS_GROUPS
