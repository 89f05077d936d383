"""Mutuality Desktop: offline value-for-money and mutuality assessment workshops."""

__version__ = "0.1.0"
APP_NAME = "Mutuality Desktop"
ORG_NAME = "Mutuality Desktop"
FILE_SUFFIX = ".mutuality"
