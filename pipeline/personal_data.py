"""What personal data looks like in Pakistani free text: CNICs, phone numbers, e-mail addresses.

One list for the validator (which refuses it in published text) and the citizens' intake
service and its importer (which keep it out of the public record). Standard library only, so
the service can use it without the validator's dependencies.
"""

from __future__ import annotations

DIGIT = "[0-9]"
EDGE_L = "(?:^|[^0-9])"
EDGE_R = "(?:[^0-9]|$)"
#: (kind shown to people, RE2/Python pattern). Patterns see Urdu digits as ASCII digits.
PATTERNS = (
    ("a CNIC number", f"{EDGE_L}{DIGIT}{{5}}[- ]?{DIGIT}{{7}}[- ]?{DIGIT}{EDGE_R}"),
    (
        "a mobile phone number",
        f"{EDGE_L}(?:\\+92|0092|0)[- ]?3{DIGIT}{{2}}[- ]?{DIGIT}{{7}}{EDGE_R}",
    ),
    ("a landline phone number", f"{EDGE_L}0{DIGIT}{{2,4}}-{DIGIT}{{6,8}}{EDGE_R}"),
    ("an e-mail address", r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"),
)
#: Urdu (Extended Arabic-Indic) and Arabic-Indic digits, by the ASCII digit they stand for.
URDU_DIGITS = {chr(0x06F0 + i): str(i) for i in range(10)} | {
    chr(0x0660 + i): str(i) for i in range(10)
}
