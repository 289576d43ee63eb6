"""Manim Community scenes of the lecture, one topic a file, and the mobjects they share.

Scenes draw what :mod:`nnmath` computed; they do no math of their own.
"""
