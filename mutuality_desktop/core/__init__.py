"""The domain of Mutuality Desktop, importable without Qt."""
