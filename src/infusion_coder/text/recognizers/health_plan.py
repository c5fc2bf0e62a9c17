"""Health-plan numbers: member, subscriber, policy, group, Medicaid and Medicare (MBI) numbers.

A Medicare Beneficiary Identifier has 11 characters in a fixed shape (CMS MBI format
specification): digit 1-9, letter, letter-or-digit, digit, letter, letter-or-digit, digit,
letter, letter, digit, digit; letters exclude S, L, O, I, B and Z. That shape is distinctive
enough to recognise without a label.
"""

from __future__ import annotations

from infusion_coder.text.recognizers._base import LabelledRegexRecognizer, labelled, rule

_A = "[AC-HJKMNP-RT-Y]"
_AN = "[AC-HJKMNP-RT-Y0-9]"
MBI = rf"[1-9]{_A}{_AN}\d-?{_A}{_AN}\d-?{_A}{_A}\d\d"


class PhiHealthPlanRecognizer(LabelledRegexRecognizer):
    ENTITY = "HEALTH_PLAN"
    RULES = (
        rule("mbi", rf"(?<![A-Za-z0-9\-]){MBI}(?![A-Za-z0-9\-])", 0.9),
        rule(
            "labelled",
            labelled(
                r"member|member id|mbr id|subscriber|subscriber id|policy|policy number|insurance id"
                r"|insurance|ins id|group|grp|group number|medicare|medicare id|medicare number|MBI|HICN"
                r"|medicaid|medicaid id|plan id|plan member id|beneficiary id|health plan id|payer member id"
            ),
            0.9,
        ),
    )
