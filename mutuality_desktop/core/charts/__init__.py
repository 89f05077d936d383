"""Radar charts of the six VfM dimensions and of one dimension's factors.

- series.py: what a chart shows (axes, values, labels, legend), plain Python.
- layout.py: where its parts go at a given size, plain geometry.
- style.py: its colours, from the brand's.
- radar.py: the chart drawn by matplotlib, on screen and saved as PNG or SVG.

The printed report draws the same series with the same layout through reportlab
(report/radar.py), so this package is importable, and a report buildable, without matplotlib.
Import the matplotlib chart from .radar.
"""
