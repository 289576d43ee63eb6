"""Data shipped with nnmath: the lecture's values (``lecture.toml``)."""
