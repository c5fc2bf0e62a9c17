"""A coding result → HL7 v2.5 ``DFT^P03`` (post detail financial transaction), one FT1 per line.

Built with ``hl7apy``. Segments and fields written (see ``docs/ehr-integration.md``):

* MSH-3 sending application ``INFUSION-CODER``, MSH-7 message time, MSH-9 ``DFT^P03^DFT_P03``,
  MSH-10 control id, MSH-11 ``P``, MSH-12 ``2.5``
* EVN-1 ``P03``, EVN-2 recorded time
* PID-3 the patient's identifier (from the FHIR ``Patient`` reference, else HL7 null ``""``),
  PID-5 HL7 null ``""`` (required by the standard; no names are copied)
* PV1-2 patient class ``O`` (outpatient), PV1-19 visit number (the case id)
* FT1 per line: FT1-1 set id (the line number), FT1-4 service date,
  FT1-5 posting date, FT1-6 ``CG`` (charge), FT1-7 transaction code (the CPT/HCPCS code),
  FT1-10 quantity (units), FT1-19 diagnosis codes (ICD-10-CM, ``I10``), FT1-25 procedure code
  (``C4`` = CPT-4 or ``HCPCS``, HL7 table 0396), FT1-26 modifiers (repeating)
* DG1 per diagnosis: DG1-1 set id, DG1-3 code ``^^I10``, DG1-6 type ``F`` (final)
"""

from __future__ import annotations

from datetime import UTC, datetime

from hl7apy.core import Message

from infusion_coder.interop.report import ImportedCase
from infusion_coder.models import CodingResult

_ESCAPE = str.maketrans({"|": " ", "^": " ", "~": " ", "\\": " ", "&": " ", "\r": " ", "\n": " "})


def _clean(value: str) -> str:
    """Strip HL7 delimiters from a value (identifiers are codes, never free text)."""
    return value.translate(_ESCAPE).strip()


def _hl7_date(value: str | None) -> str:
    return (value or "").replace("-", "")[:8]


def dft_message(
    result: CodingResult,
    imported: ImportedCase,
    *,
    control_id: str | None = None,
    now: datetime | None = None,
) -> str:
    """One ``DFT^P03`` message (ER7 text, segments separated by ``\\r``) for one coded case."""
    case = imported.case
    when = now or datetime.now(UTC)
    stamp = when.strftime("%Y%m%d%H%M%S")
    case_id = _clean(case.id or "case")
    msg = Message("DFT_P03", version="2.5")
    msg.msh.msh_3 = "INFUSION-CODER"
    msg.msh.msh_7 = stamp
    msg.msh.msh_9 = "DFT^P03^DFT_P03"
    msg.msh.msh_10 = _clean(control_id or f"{stamp}0001")[:20]
    msg.msh.msh_11 = "P"
    msg.evn.evn_1 = "P03"
    msg.evn.evn_2 = stamp
    patient = (imported.patient or "").rsplit("/", 1)[-1]
    msg.pid.pid_3 = _clean(patient) or '""'
    msg.pid.pid_5 = '""'  # HL7 null: the receiver matches the patient on PID-3; no names copied
    msg.pv1.pv1_2 = "O"
    msg.pv1.pv1_19 = case_id
    diagnoses = list(imported.diagnoses)
    for codes in imported.reasons.values():
        diagnoses += [c for c in codes if c not in diagnoses]
    for n, line in enumerate(result.lines, start=1):
        group = msg.add_group("DFT_P03_FINANCIAL")
        ft1 = group.ft1
        system = "HCPCS" if line.code[:1].isalpha() else "C4"
        ft1.ft1_1 = str(n)
        ft1.ft1_4 = _hl7_date(line.date or case.date)
        ft1.ft1_5 = stamp[:8]
        ft1.ft1_6 = "CG"
        ft1.ft1_7 = f"{_clean(line.code)}^^{system}"
        ft1.ft1_10 = str(line.units)
        reasons = [c for a in line.administrations for c in imported.reasons.get(a, [])]
        for code in list(dict.fromkeys(reasons)) or diagnoses[:1]:
            ft1.add_field("FT1_19").value = f"{_clean(code)}^^I10"
        ft1.ft1_25 = f"{_clean(line.code)}^^{system}"
        for mod in line.modifiers:
            ft1.add_field("FT1_26").value = _clean(mod)
    for k, code in enumerate(diagnoses, start=1):
        dg1 = msg.add_segment("DG1")
        dg1.dg1_1 = str(k)
        dg1.dg1_3 = f"{_clean(code)}^^I10"
        dg1.dg1_6 = "F"
    return str(msg.to_er7())


def dft_messages(
    results: list[CodingResult],
    imported: list[ImportedCase],
    *,
    now: datetime | None = None,
) -> list[str]:
    """One ``DFT^P03`` per coded case."""
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%d%H%M%S")
    return [
        dft_message(r, imp, control_id=f"{stamp}{n + 1:04d}", now=now)
        for n, (r, imp) in enumerate(zip(results, imported, strict=True))
    ]
