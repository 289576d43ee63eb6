"""The TensorFlow Playground's run of a link, recomputed as the playground computes it.

``parse_link`` reads a playground link; ``run_playground`` generates its data, builds and trains
its network and keeps the losses and every node's heatmap, with the same random numbers, in the
same order and with the same arithmetic as the playground's TypeScript (github.com/tensorflow/
playground: src/dataset.ts, src/nn.ts, src/playground.ts, src/state.ts).

>>> run = run_playground(parse_link(NOTES_LINK).config, epochs=2)
>>> run.node_ids
(('x', 'y'), ('1', '2', '3', '4'), ('5', '6'), ('7',))
"""

from nnmath.playground.link import NOTES_LINK, LinkError, ParsedLink, PlaygroundConfig, parse_link
from nnmath.playground.run import DEFAULT_EPOCHS, MAX_EPOCHS, PlaygroundRun, Snapshot, run_playground
from nnmath.playground.seedrandom import SeedRandom

__all__ = ["DEFAULT_EPOCHS", "MAX_EPOCHS", "NOTES_LINK", "LinkError", "ParsedLink", "PlaygroundConfig", "PlaygroundRun", "SeedRandom", "Snapshot", "parse_link", "run_playground"]
