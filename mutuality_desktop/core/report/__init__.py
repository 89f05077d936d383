"""The PDF report, built with reportlab platypus from pure section functions.

collect_report_data() reads the engagement on the caller's thread; build_report() then needs
nothing but that data, so the app can run it on a worker thread.
"""

from .build import ReportError, build_report, build_report_file, story
from .data import GUIDE_CHOICES, ReportData, ReportOptions, RoundData, collect_report_data
from .html import HtmlReportError, build_html, build_html_file

__all__ = [
    "GUIDE_CHOICES",
    "ReportOptions",
    "HtmlReportError",
    "build_html",
    "build_html_file",
    "ReportData",
    "ReportError",
    "RoundData",
    "build_report",
    "build_report_file",
    "collect_report_data",
    "story",
]
