"""Pre-work: one form per participant out (XlsxWriter), their returns back in (openpyxl)."""
