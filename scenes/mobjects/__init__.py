"""Mobjects shared by the scenes, one idea each."""

from scenes.mobjects.bars import Bars
from scenes.mobjects.dot import DotTerms
from scenes.mobjects.matrix import MatrixMob
from scenes.mobjects.numbers import Num, ShapeText
from scenes.mobjects.plot import CurvePlot
from scenes.mobjects.shapes import ShapeCheck

__all__ = ["Bars", "CurvePlot", "DotTerms", "MatrixMob", "Num", "ShapeCheck", "ShapeText"]
