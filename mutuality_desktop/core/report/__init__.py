"""The PDF report, built with reportlab platypus from pure section functions."""
