"""Word, Excel and PowerPoint outputs, built from the same ReportData as the PDF report.

- word.py: the report as .docx in the consultancy's house template (house_template.py).
- workbook.py: an .xlsx workbook with native, editable radar charts (XlsxWriter).
- deck.py: a 16:9 .pptx deck for the partnership board with native radar charts (python-pptx).

Each writer takes ReportData (collected on the caller's thread) and needs nothing else, so the
app can run it on a worker thread; each has a *_file twin that opens an engagement read-only
for the command line.
"""

from .common import OfficeError

__all__ = ["OfficeError"]
