"""IPv4 and IPv6 addresses."""

from __future__ import annotations

import ipaddress

from infusion_coder.text.recognizers._base import LabelledRegexRecognizer, rule

_OCTET = r"(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)"


class PhiIpAddressRecognizer(LabelledRegexRecognizer):
    ENTITY = "IP_ADDRESS"
    RULES = (
        rule("ipv4", rf"(?<![\d.]){_OCTET}(?:\.{_OCTET}){{3}}(?![\d.]\d)", 0.85),
        rule(
            "ipv6",
            r"(?<![\w:])(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}(?![\w:])"
            r"|(?<![\w:])(?:[0-9A-Fa-f]{1,4}:){1,6}:(?:[0-9A-Fa-f]{1,4}:){0,5}[0-9A-Fa-f]{1,4}(?![\w:])",
            0.85,
        ),
    )

    def validate(self, value: str) -> bool:
        try:
            ipaddress.ip_address(value)
        except ValueError:
            return False
        return True
