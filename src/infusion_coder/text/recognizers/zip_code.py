"""ZIP codes, only where they are ZIP codes: after a state or behind a ZIP label.

So a five-digit CPT code such as 96413 is never taken for one. The operators apply the Safe
Harbor 3-digit rule (see :mod:`infusion_coder.text.operators.zip3`).
"""

from __future__ import annotations

from infusion_coder.text.recognizers._base import LabelledRegexRecognizer, rule
from infusion_coder.text.recognizers.address import _ST, _ZIP, STATE_NAMES


class PhiZipRecognizer(LabelledRegexRecognizer):
    ENTITY = "ZIP"
    RULES = (
        rule("after-state-2", rf"\b(?:{_ST}|{STATE_NAMES})\.?,?\s+(?P<v>{_ZIP})\b", 0.9),
        rule(
            "labelled", rf"\b(?i:zip|zip code|postal code|zipcode)\s*:?\s*#?\s*(?P<v>{_ZIP})\b", 0.9
        ),
    )
