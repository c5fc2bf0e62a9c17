"""Other unique identifying numbers: accession, specimen, order, requisition, study IDs."""

from __future__ import annotations

from infusion_coder.text.recognizers._base import LabelledRegexRecognizer, labelled, rule


class PhiUniqueIdRecognizer(LabelledRegexRecognizer):
    ENTITY = "ID"
    RULES = (
        rule(
            "labelled",
            labelled(
                r"accession|specimen|specimen id|order|order id|requisition|req|case|case number"
                r"|study id|subject id|reference|ref|barcode|wristband|wristband id|employee id|badge"
                r"|passport|confirmation|ticket|biometric id|tracking"
            ),
            0.8,
        ),
        rule("bare-id", labelled(r"ID", loose=True), 0.7),
    )
