"""Account numbers: patient, billing, encounter and visit accounts, claim numbers."""

from __future__ import annotations

from infusion_coder.text.recognizers._base import LabelledRegexRecognizer, labelled, rule


class PhiAccountRecognizer(LabelledRegexRecognizer):
    ENTITY = "ACCOUNT"
    RULES = (
        rule(
            "labelled",
            labelled(
                r"account|acct|acc|patient account|billing account|guarantor account|encounter|enc|CSN"
                r"|visit|visit id|FIN|HAR|claim|claim id|invoice|statement"
            ),
            0.85,
        ),
    )
