"""The engagement's context an auditor asks for first: procurement regime, authority type, contract model.

Stored in the `engagement_context` table (file format 5) and changed, like the other details, with
`UpdateInfo({"procurement_regime": "pa2023", "authority_type": "Unitary authority",
"contract_model": "Outsourced service"})`. All three are optional; "" means not recorded.

The regime is one of REGIMES (by key); authority type and contract model are free text, offered
from the lists below (anything else is what the user typed for "Other").
"""

from __future__ import annotations

import datetime as dt

from .errors import ValidationError
from .model import CONTEXT_FIELDS, EngagementInfo

__all__ = ["CONTEXT_FIELDS", "check_regime", "context_lines", "regime_doubt", "regime_name", "regime_sentence"]
MAX_CONTEXT_CHARS = 100

REGIMES = {
    "pcr2015": "Public Contracts Regulations 2015",
    "pa2023": "Procurement Act 2023",
}
AUTHORITY_TYPES = (
    "Unitary authority", "County council", "District council", "London borough",
    "Metropolitan borough", "Combined authority", "NHS body", "Central government",
)
CONTRACT_MODELS = (
    "Outsourced service", "Joint venture", "Strategic partnership", "Framework call-off",
)
LABELS = {"procurement_regime": "Procurement regime", "authority_type": "Authority type",
          "contract_model": "Contract model"}
KPI_THRESHOLD = 5_000_000  # pounds: Procurement Act 2023, section 52
ACT_IN_FORCE = dt.date(2025, 2, 24)  # the Procurement Act 2023 applies to procurements begun from this day


def check_regime(value: object) -> str:
    """The regime key as stored, or "" for none; refuse anything else."""
    if value in (None, ""):
        return ""
    if value not in REGIMES:
        known = ", ".join(f"{key} ({name})" for key, name in REGIMES.items())
        raise ValidationError(f"The procurement regime must be one of {known}, or empty.")
    return str(value)


def regime_name(key: str) -> str:
    """'Procurement Act 2023' for 'pa2023'; an unknown key (a newer file) as it is stored."""
    return REGIMES.get(key, key)


def regime_doubt(info: EngagementInfo) -> str:
    """Why the recorded regime looks unlikely given the contract's start date ('' if it does not)."""
    start = info.contract_start
    if info.procurement_regime == "pa2023" and start is not None and start < ACT_IN_FORCE:
        return (f"the contract start recorded here, {start.day} {start:%B %Y}, is before the Act came "
                "into force on 24 February 2025, so check which regime the contract was let under")
    return ""


def regime_sentence(info: EngagementInfo) -> str:
    """One sentence on what the regime means for reporting the contract's performance ('' if none)."""
    regime = info.procurement_regime
    if regime == "pa2023":
        sentence = (
            "Under the Procurement Act 2023, a contract with an estimated value above £5 million "
            "must have at least three key performance indicators set and published (section 52), "
            "and the authority must publish a contract performance notice rating the supplier "
            "against them at least once every 12 months and when the contract ends (section 71), "
            "unless an exemption applies")
        value = info.contract_annual_value
        if value is not None and value > KPI_THRESHOLD:
            sentence += f"; the annual value recorded here, £{value:,}, is itself above £5 million"
        doubt = regime_doubt(info)
        return sentence + (f"; but {doubt}." if doubt else ".")
    if regime == "pcr2015":
        return ("This contract was let under the Public Contracts Regulations 2015 and stays under "
                "them for its life, so the Procurement Act 2023 duties to publish key performance "
                "indicators and contract performance notices do not apply to it; its performance "
                "is reported as the contract itself requires.")
    return ""


def context_lines(info: EngagementInfo) -> list[tuple[str, str]]:
    """(label, value) for each context field that is recorded, in a fixed order."""
    values = {"procurement_regime": regime_name(info.procurement_regime),
              "authority_type": info.authority_type, "contract_model": info.contract_model}
    return [(LABELS[name], values[name]) for name in CONTEXT_FIELDS if values[name]]
