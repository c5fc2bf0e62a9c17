"""The rules themselves. Statements are our own words; sources are rulebook keys.

Families: ``input`` (reading the record), ``time`` (minutes to units), ``hierarchy`` (the
initial service), ``sequence`` (sequential, concurrent, repeat), ``hydration``, ``route``
(special routes, injections, pumps, ports), ``setting`` (who may bill what), ``drug`` (HCPCS drug
lines, JW/JZ), ``service`` (E/M and other same-day services).
"""

from __future__ import annotations

from infusion_coder.rules.model import Rule

_R = [
    # ---- input
    (
        "INP001",
        "times-need-a-date",
        "input",
        "HH:MM times refer to the case date; without a date they are read as one unnamed day and "
        "the result carries a warning.",
        ("case-format",),
        "start 09:00 with no case date -> coded, warning INP001",
        "input",
    ),
    (
        "INP002",
        "category-from-drug-catalogue",
        "input",
        "When the case gives no category, the drug catalogue's category decides; leucovorin, "
        "anti-emetics, ESAs, steroids and bisphosphonates are not chemotherapy.",
        ("§1 D4", "§8", "S17", "S26"),
        "drug 'ondansetron', no category -> therapeutic",
        "input",
    ),
    (
        "INP003",
        "unknown-category-warned",
        "input",
        "A drug the catalogue does not know and with no category is coded as therapeutic (never as "
        "chemotherapy) and the coder is asked to confirm.",
        ("§1 D1",),
        "drug 'study drug X', no category -> therapeutic + warning",
        "input",
    ),
    (
        "INP004",
        "stop-derived-from-volume-and-rate",
        "input",
        "A missing stop time is derived only when start, volume and rate are all documented.",
        ("§2 T9", "G8", "S81"),
        "1000 mL at 500 mL/h from 09:00 -> stop 11:00, warned",
        "policy",
    ),
    (
        "INP005",
        "missing-time-not-coded",
        "input",
        "A timed service with no usable start or stop earns no time-based code and is never turned "
        "into a push; the coder must query the record.",
        ("§2 T9", "G8", "S64", "S82"),
        "infusion with a start and no stop -> not billed, query",
        "input",
    ),
    # ---- time
    (
        "TIM001",
        "documented-time-only",
        "time",
        "Only the documented start-to-stop time of an administration counts.",
        ("§2 T1", "S109"),
        "09:00-10:00 -> 60 minutes",
        "coding",
    ),
    (
        "TIM002",
        "pauses-subtracted",
        "time",
        "Minutes when an infusion was held are subtracted.",
        ("§2 T2", "S43"),
        "11:20-16:40 held 12:40-13:55 -> 245 minutes -> 96413 + 96415 x3",
        "coding",
    ),
    (
        "TIM003",
        "overlap-counted-once",
        "time",
        "When two infusions overlap on one access, the shared minutes count once: they go to the "
        "service higher in the hierarchy (then the initial, then the longer, then the earlier).",
        ("§2 T3", "P6", "P8", "S61", "S77"),
        "A 06:00-07:30 and B 07:00-16:00 -> A keeps 60 minutes",
        "coding",
    ),
    (
        "TIM004",
        "hourly-add-on-midpoint",
        "time",
        "Each additional-hour unit needs more than 30 minutes past the last full hour: the first "
        "at 91 minutes, then 151, 211, ...",
        ("§2 T4", "§2.1", "S39", "S69", "S73"),
        "90 minutes -> no add-on; 91 -> one; 151 -> two",
        "coding",
    ),
    (
        "TIM005",
        "infusion-needs-16-minutes",
        "time",
        "An IV infusion code needs more than 15 minutes; 15 minutes or less is a push.",
        ("§1 D5", "§2 T5", "S73", "S72"),
        "15-minute infusion -> push code",
        "coding",
    ),
    (
        "TIM006",
        "hydration-needs-31-minutes",
        "time",
        "Hydration needs more than 30 minutes for its first unit (initial or secondary); "
        "30 minutes or less is never billed.",
        ("§2 T5", "§7 Y5", "S27", "S12"),
        "30 minutes of saline -> nothing; 31 -> 96360",
        "coding",
    ),
    (
        "TIM007",
        "midnight-units-by-date",
        "time",
        "An infusion that crosses midnight is counted as one continuous interval; each unit is "
        "reported on the date its threshold was crossed (policy midnight_units).",
        ("§2 T8", "G6", "S19", "S22"),
        "22:00-06:30 hydration -> units split over both dates",
        "policy",
    ),
    # ---- hierarchy
    (
        "HIE001",
        "facility-hierarchy",
        "hierarchy",
        "The initial service is the highest in the hierarchy whatever the clock order: chemotherapy "
        "> therapeutic > hydration, and within each infusion > push > injection.",
        ("§4 H1", "S3", "S36", "S38", "S99"),
        "hydration 08:00, chemo 10:00 -> chemo is initial, hydration 96361",
        "coding",
    ),
    (
        "HIE002",
        "professional-primary-reason",
        "hierarchy",
        "On a professional claim the initial service is the primary reason for the visit, which by "
        "default is ranked like the facility hierarchy.",
        ("§4 H2", "S17", "S38"),
        "office: antibiotic then chemo -> chemo initial",
        "policy",
    ),
    (
        "HIE003",
        "one-initial-per-encounter",
        "hierarchy",
        "Only one initial service per encounter (per access site for hospitals); everything else "
        "is sequential, concurrent or an additional hour, even if it came first.",
        ("§5 E1", "§4 H3", "S1", "S5", "S49"),
        "two pushes -> 96374 + 96375",
        "coding",
    ),
    (
        "HIE004",
        "separate-site-second-initial",
        "hierarchy",
        "A second access site that was medically required earns its own initial service with a "
        "distinct-service modifier (XS by default, 59 on request).",
        ("§5 E2", "G16", "P11", "S1", "S62"),
        "incompatible drugs on two sites -> second 96365-XS",
        "coding",
    ),
    (
        "HIE005",
        "separate-encounter-second-initial",
        "hierarchy",
        "A separate encounter the same day earns its own initial service with XE (or 59).",
        ("§5 E3", "G16", "S24", "S49"),
        "chemo in the morning, return for fluids -> 96360-XE",
        "coding",
    ),
    (
        "HIE006",
        "second-site-without-need",
        "hierarchy",
        "A second site without a documented medical need is treated as the same access: no second "
        "initial.",
        ("P9", "§5 E2", "S57"),
        "re-sited IV -> services stay sequential",
        "coding",
    ),
    (
        "HIE007",
        "initial-scope",
        "hierarchy",
        "Medicare keeps one initial for the whole encounter across dates; the calendar_day policy "
        "restarts the hierarchy each date (CPT practice).",
        ("§5 E4", "G5", "S20", "S21"),
        "observation stay over two dates -> one initial (Medicare)",
        "policy",
    ),
    # ---- sequence
    (
        "SEQ001",
        "sequential-therapeutic-infusion",
        "sequence",
        "A different therapeutic drug infused after the initial service through the same access is "
        "96367 (once per drug or mix); its own extra hours are 96366.",
        ("§6 Q1", "S38", "S115"),
        "antibiotic 16+ min after a push initial -> 96367",
        "coding",
    ),
    (
        "SEQ002",
        "sequential-chemo-own-hours",
        "sequence",
        "Each different chemotherapy drug infused sequentially is 96417 with 96415 hours from that "
        "drug's own time; times of different drugs are never pooled.",
        ("§6 Q2", "§15", "S39", "S41", "S42"),
        "drug A 120 min then drug B 120 min -> 96413 + 96415 + 96417 + 96415",
        "coding",
    ),
    (
        "SEQ003",
        "push-of-new-drug",
        "sequence",
        "Each push of a new therapeutic drug after the initial service is 96375.",
        ("§6 Q4", "S60", "S78"),
        "ondansetron push then dexamethasone push -> 96374 + 96375",
        "coding",
    ),
    (
        "SEQ004",
        "chemo-push-of-new-drug",
        "sequence",
        "Each push of a new chemotherapy drug after a chemotherapy initial service is 96411.",
        ("§6 Q2", "S41"),
        "doxorubicin push, vincristine push -> 96409 + 96411",
        "coding",
    ),
    (
        "SEQ005",
        "repeat-push-same-drug",
        "sequence",
        "A repeat push of the same drug is 96376 only in the facility and only more than 30 minutes "
        "after the start of the last reported push of it; otherwise only the drug units are billed.",
        ("§6 Q4", "P1", "S55", "S31", "S72"),
        "ondansetron 09:00 and 09:45 (facility) -> 96374 + 96376",
        "coding",
    ),
    (
        "SEQ006",
        "concurrent-infusion-once",
        "sequence",
        "A therapeutic infusion running at the same time as another through the same access from a "
        "separate bag is 96368, once per encounter and date, never timed.",
        ("§6 Q3", "G11", "P7", "S33", "S46", "S63"),
        "antibiotic alongside a 3-hour drip -> 96368 x1",
        "coding",
    ),
    (
        "SEQ007",
        "concurrent-chemo-manual",
        "sequence",
        "Two chemotherapy drugs running concurrently from separate bags have no code of their own; "
        "the second is flagged for manual coding (96549 is one published answer).",
        ("§6 Q3", "G12", "S46", "S63"),
        "two chemo bags at once -> 96413 + query",
        "coding",
    ),
    (
        "SEQ008",
        "repeat-infusion-same-drug",
        "sequence",
        "A separate later infusion of the same drug (not a pause) of 31+ minutes earns additional "
        "hours (96366, or 96415 for chemotherapy) from its own time; shorter repeats earn nothing "
        "(policy repeat_same_drug).",
        ("§6 Q6", "G3", "P14", "S29", "S65"),
        "same antibiotic 09:00-10:00 and 15:00-15:45 -> 96365 + 96366",
        "policy",
    ),
    (
        "SEQ009",
        "concurrent-or-sequential",
        "sequence",
        "Two infusions from separate bags that overlap are concurrent only when the overlap is at "
        "least 16 minutes and covers at least half of the shorter one; otherwise they are sequential "
        "(policy concurrent_overlap).",
        ("P7", "G7", "S61", "S74"),
        "30-minute tail overlap of a 90-minute bag -> sequential",
        "policy",
    ),
    (
        "SEQ010",
        "equal-rank-tie-break",
        "sequence",
        "Among services of equal rank the one with the most reportable minutes is initial; ties go "
        "to the earlier start.",
        ("P8", "S61"),
        "90-minute and 9-hour therapeutic drips -> the 9-hour one is initial",
        "policy",
    ),
    (
        "SEQ011",
        "one-bag-one-infusion",
        "sequence",
        "Drugs mixed in one bag are one infusion: one administration service, and each drug keeps "
        "its own drug line.",
        ("§1 D10", "§6 Q5", "S33", "S47"),
        "magnesium + potassium in one bag -> one 96365",
        "coding",
    ),
    (
        "SEQ012",
        "loading-push-then-infusion",
        "sequence",
        "A push of a drug followed within 15 minutes by an infusion of the same drug is coded as "
        "the infusion only.",
        ("§6 Q4", "P15", "S80"),
        "heparin bolus then drip -> infusion only",
        "policy",
    ),
    (
        "SEQ013",
        "long-push-is-infusion",
        "sequence",
        "A push documented over more than 15 minutes stays a push only when the professional stayed "
        "continuously present (attended); otherwise the time rule makes it an infusion.",
        ("§1 D5", "G9", "P12", "S51", "S58"),
        "20-minute 'push', not attended -> infusion",
        "policy",
    ),
    # ---- hydration
    (
        "HYD001",
        "kvo-carrier-flush-not-billed",
        "hydration",
        "Fluid to keep the vein open, to carry a drug or to flush the line is never billed as "
        "hydration.",
        ("§7 Y2", "S2", "S12", "S6"),
        "KVO saline -> not billed",
        "coding",
    ),
    (
        "HYD002",
        "hydration-concurrent-not-billed",
        "hydration",
        "Hydration minutes that overlap another infusion or push on the same access do not count.",
        ("§7 Y3", "§2 T3", "S48", "S77"),
        "saline alongside a drug drip -> only the minutes alone count",
        "coding",
    ),
    (
        "HYD003",
        "secondary-hydration",
        "hydration",
        "Hydration that is not the initial service is 96361 only: one unit at 31 minutes and one "
        "more each time 30 minutes pass the next hour (91, 151, ...).",
        ("§7 Y4", "§7 Y8", "§2 T6", "S42", "S44", "S60"),
        "175 minutes of hydration after chemo -> 96361 x3",
        "coding",
    ),
    (
        "HYD004",
        "short-runs-not-summed",
        "hydration",
        "Separate hydration runs are evaluated one by one; runs of 30 minutes or less are not "
        "added together (policy short_hydration_runs).",
        ("G4", "S30", "S44"),
        "three separate 30-minute runs -> nothing",
        "policy",
    ),
    (
        "HYD005",
        "drug-in-bag-is-not-hydration",
        "hydration",
        "Once a drug is in the bag, the fluid is the drug's infusion, not hydration.",
        ("§1 D2", "S75"),
        "saline with magnesium -> therapeutic infusion",
        "coding",
    ),
    (
        "HYD006",
        "hydration-needs-indication",
        "hydration",
        "Hydration is billable only when medically necessary and documented (indication, order, "
        "volume, rate); label-required pre/post hydration follows policy labeled_hydration.",
        ("§7 Y1", "G2", "S2", "S6", "S48"),
        "pre-cisplatin fluids -> 96361 (allow) or nothing (integral)",
        "policy",
    ),
    # ---- routes
    (
        "RTE001",
        "sc-im-injection",
        "route",
        "A therapeutic SC/IM injection is 96372 per injection; a chemotherapy SC/IM injection is "
        "96401, or 96402 when hormonal; injections never become the IV initial service.",
        ("§3.1", "§3.2", "§4 H1", "G14", "S79", "S53"),
        "leuprolide for prostate cancer -> 96402",
        "coding",
    ),
    (
        "RTE002",
        "sc-infusion",
        "route",
        "A subcutaneous infusion is 96369 (16+ minutes, covers to 90) with 96370 hours; an extra "
        "pump set-up at new sites is 96371 once.",
        ("§9", "§3.1", "S68"),
        "SC immune globulin 100 minutes -> 96369 + 96370",
        "coding",
    ),
    (
        "RTE003",
        "intra-arterial",
        "route",
        "Intra-arterial chemotherapy is 96420 by push or 96422 by infusion with 96423 hours; a "
        "therapeutic intra-arterial injection is 96373.",
        ("§3.2", "§3.1"),
        "hepatic artery infusion 2 h -> 96422 + 96423",
        "coding",
    ),
    (
        "RTE004",
        "intralesional",
        "route",
        "Intralesional chemotherapy is 96405 for up to 7 lesions and 96406 for more.",
        ("§3.2",),
        "5 lesions -> 96405",
        "coding",
    ),
    (
        "RTE005",
        "cavity-and-cns",
        "route",
        "Chemotherapy into the CNS by spinal puncture is 96450, through a reservoir 96542, into the "
        "pleural cavity 96440, into the peritoneal cavity 96446.",
        ("§9", "S103", "S105", "S114"),
        "intrathecal methotrexate by LP -> 96450",
        "coding",
    ),
    (
        "RTE006",
        "pump-start",
        "route",
        "Chemotherapy started on a pump to run more than 8 hours is 96416 (96425 intra-arterial); "
        "for Medicare with a clinic-supplied portable pump G0498; a non-chemo prolonged pump "
        "infusion in a hospital is C8957.",
        ("§9", "P13", "S34", "S88", "S89"),
        "5-FU 46-hour pump, home pharmacy -> 96416",
        "coding",
    ),
    (
        "RTE007",
        "pump-refill",
        "route",
        "Refilling or maintaining a portable pump is 96521; an implantable pump or reservoir for "
        "systemic delivery is 96522.",
        ("§9", "S34", "S95"),
        "pump refill next day -> 96521",
        "coding",
    ),
    (
        "RTE008",
        "port-flush-only-service",
        "route",
        "A port flush is 96523 only when nothing else is billed that day; after a draw from the "
        "port it is part of the draw (36591).",
        ("§9", "§10", "P10", "S70", "S95"),
        "port flush visit alone -> 96523",
        "coding",
    ),
    (
        "RTE009",
        "on-body-injector",
        "route",
        "Applying an on-body injector is 96377; a manual SC syringe is 96372.",
        ("§9", "S14"),
        "pegfilgrastim on-body injector -> 96377",
        "coding",
    ),
    (
        "RTE010",
        "no-administration-code",
        "route",
        "Oral and topical drugs earn no administration code; 'other' routes need manual coding.",
        ("§1 D1",),
        "oral antiemetic -> drug only",
        "coding",
    ),
    (
        "RTE011",
        "split-dose-injections",
        "route",
        "One dose given as two injections is one administration unit by default (policy "
        "split_dose_injections).",
        ("G10", "S52"),
        "fulvestrant 2 x 5 mL -> 96402 x1",
        "policy",
    ),
    # ---- setting
    (
        "SET001",
        "professional-in-facility",
        "setting",
        "A professional claim in a facility place of service carries no 96360-96379, 96401-96402, "
        "96409-96425 or 96521-96523 lines: the facility reports them.",
        ("§11", "S71", "S7"),
        "physician claim, POS 22 -> no administration lines",
        "coding",
    ),
    (
        "SET002",
        "96376-facility-only",
        "setting",
        "96376 is reported only by facilities.",
        ("§11", "§6 Q4", "S55", "S72"),
        "office repeat push of the same drug -> drug units only",
        "coding",
    ),
    (
        "SET003",
        "99211-not-with-drug-administration",
        "setting",
        "Medicare does not pay 99211 on the same day as a drug-administration code.",
        ("§10", "§11", "G17", "S16", "S101"),
        "nurse visit + injection -> injection only",
        "coding",
    ),
    (
        "SET004",
        "em-with-modifier-25",
        "service",
        "An E/M visit the same day as drug administration is billed with modifier 25 only when it "
        "is significant and separately identifiable; otherwise it is part of the administration.",
        ("§11", "S9", "S17"),
        "99214 with documented separate evaluation -> 99214-25",
        "coding",
    ),
    (
        "SET005",
        "port-draw-only-non-lab-service",
        "service",
        "A blood draw from a port or catheter (36591/36592) is billed only when it is the only "
        "non-lab service that day.",
        ("§3.2", "§10", "S96"),
        "draw + chemo -> no 36591",
        "coding",
    ),
    (
        "SET006",
        "other-services-pass-through",
        "service",
        "Other same-day services listed in the case are carried to the result unchanged.",
        ("case-format",),
        "93000 -> 93000",
        "coding",
    ),
    # ---- modifiers
    (
        "MOD001",
        "ncci-pair-distinct-modifier",
        "modifier",
        "When two billed administration codes form an NCCI pair with modifier indicator 1 and are "
        "distinct services (a different drug or injection), the column-2 code carries a "
        "distinct-service modifier (59 by default, XE/XS/XU with policy distinct_modifier).",
        ("§20", "P11", "G16", "S1"),
        "ondansetron push + ketorolac IM -> 96374 + 96372-59",
        "coding",
    ),
    (
        "SET007",
        "access-included",
        "service",
        "Starting the IV (36000), a venipuncture for access (36410) or a port flush listed as a "
        "service (96523) is part of the drug administration billed the same day.",
        ("§10", "S3", "S70", "S69"),
        "IV start + infusion -> infusion only",
        "coding",
    ),
    (
        "HYD007",
        "electrolyte-fluid-purpose",
        "hydration",
        "A fluid with an electrolyte (e.g. D5 1/2 NS + 20 mEq KCl) given without a category is "
        "coded as hydration and flagged: if the documented purpose is electrolyte replacement "
        "it is a therapeutic infusion.",
        ("G1", "§7 Y7", "S12", "S69", "S75"),
        "D5 1/2 NS with KCl, no category -> 96360 + warning",
        "policy",
    ),
    (
        "EHR001",
        "ehr-mapping-gap",
        "input",
        "A field the EHR record (FHIR Bundle or MAR export) left missing or ambiguous is reported "
        "with the coding result, so the coder can query it before billing.",
        ("§14", "case-format"),
        "MedicationAdministration with a route that is neither push nor infusion -> warning",
        "input",
    ),
    # ---- limits
    (
        "LIM001",
        "units-above-mue",
        "limits",
        "When the units of a code on one date exceed its MUE for the setting, the lines stay "
        "(they are what the record supports) and the coder is warned that the excess units will "
        "deny and how the MUE adjudication indicator governs an appeal.",
        ("§3.3", "§20"),
        "96413 at two required sites (MUE 1, MAI 3) -> warning: second unit needs an appeal",
        "coding",
    ),
    # ---- drug lines
    (
        "DRG001",
        "drug-units-round-up",
        "drug",
        "Drug units are the dose divided by the HCPCS billing unit, rounded up, at least 1.",
        ("§13",),
        "rituximab 375 mg, J9312 per 10 mg -> 38 units",
        "coding",
    ),
    (
        "DRG002",
        "jw-for-discarded-amount",
        "drug",
        "The amount discarded from a single-dose container goes on its own line with JW.",
        ("§12", "S86", "S84"),
        "used 80 mg, discarded 20 mg, unit 10 mg -> 8 + 2 JW",
        "coding",
    ),
    (
        "DRG003",
        "jz-when-nothing-discarded",
        "drug",
        "A single-dose drug with nothing discarded carries JZ (Medicare; other payers per policy "
        "jz_scope); never JW and JZ on one line.",
        ("§12", "S13", "S83", "P5"),
        "whole vial used -> JZ",
        "coding",
    ),
    (
        "DRG004",
        "no-jw-when-rounding-covers",
        "drug",
        "When the rounded-up units already cover the discarded amount there is no JW line; the "
        "line carries JZ.",
        ("§12", "S10"),
        "70 mg from a 100 mg vial, unit 100 mg -> 1 unit JZ",
        "coding",
    ),
    (
        "DRG005",
        "drug-line-needs-code-and-dose",
        "drug",
        "A drug line needs a HCPCS code and a dose in the code's unit; otherwise the coder is asked "
        "to complete it.",
        ("§13", "§14"),
        "drug with no dose -> warning, no line",
        "input",
    ),
]

RULES: dict[str, Rule] = {
    rid: Rule(
        id=rid, name=name, family=fam, statement=stmt, sources=tuple(src), example=ex, kind=kind
    )
    for rid, name, fam, stmt, src, ex, kind in _R
}
