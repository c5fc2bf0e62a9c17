"""Device identifiers and serial numbers: pumps, ports, implants, UDIs."""

from __future__ import annotations

from infusion_coder.text.recognizers._base import LabelledRegexRecognizer, labelled, rule


class PhiDeviceRecognizer(LabelledRegexRecognizer):
    ENTITY = "DEVICE"
    RULES = (
        rule("udi", r"(?<![\w)])\(01\)\d{14}(?:\((?:10|11|17|21)\)[A-Za-z0-9\-]{1,20})*", 0.95),
        rule(
            "labelled",
            labelled(
                r"serial|serial number|s/n|SN|device id|device serial|pump id|pump serial|pump"
                r"|UDI|implant id|port serial|pacemaker serial|asset tag|asset|IMEI|MAC address"
            ),
            0.85,
        ),
    )
