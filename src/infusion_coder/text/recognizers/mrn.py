"""Medical record numbers, behind their usual labels."""

from __future__ import annotations

from infusion_coder.text.recognizers._base import LabelledRegexRecognizer, labelled, rule


class PhiMrnRecognizer(LabelledRegexRecognizer):
    ENTITY = "MRN"
    RULES = (
        rule("mrn", labelled(r"MRN|MR#|MRN#|medical record number", loose=True), 0.95),
        rule(
            "labelled",
            labelled(
                r"MRN|MR|MR#|med(?:ical)?\.? ?rec(?:ord)?\.?(?: number| no\.?| #)?|medical record number"
                r"|chart|chart number|patient id|pt id|pt\. id|hospital number|hosp(?:ital)? no\.?|unit number"
                r"|EMPI|EHR id|record"
            ),
            0.9,
        ),
    )
