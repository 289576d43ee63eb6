"""playground: the notes' TensorFlow Playground run, before and after training."""

from __future__ import annotations

from collections.abc import Mapping

from course.spec import BeatScript, Key, SceneSpec
from nnmath.display import format_number
from nnmath.lecture import Explanation
from nnmath.playground.explain import MAX_SCENE_EPOCHS, LinkValue, explain_values
from nnmath.values import Count

__all__ = ["SCHEMA", "LOSS_DIGITS", "compute", "losses_text", "script", "SPEC"]

SCHEMA = {
    "link": Key(LinkValue(), "the configuration, as `nnanim playground LINK` reads it: the notes' link by default"),
    "epochs": Key(Count(1, MAX_SCENE_EPOCHS), "how many epochs the scene trains; it shows every node at 60 of them"),
}
#: The built-in values: the [playground] table of `nnanim values`.
VALUES = """
[playground]
# The notes' "A Neural Network Playground" link (its part after # is the configuration), trained
# for `epochs` epochs as playground.tensorflow.org trains it.
link = "https://playground.tensorflow.org/#activation=tanh&batchSize=10&dataset=circle&regDataset=reg-plane&learningRate=0.03&regularizationRate=0&noise=0&networkShape=4,2&seed=0.89302&showTestData=false&discretize=false&percTrainData=50&x=true&y=true&xTimesY=false&xSquared=false&ySquared=false&cosX=false&sinX=false&cosY=false&sinY=false&collectStats=false&problem=classification&initZero=false&hideText=false"
epochs = 500
"""

LOSS_DIGITS = 3  # the playground writes its losses with toFixed(3)


def compute(v: Mapping[str, object]) -> Explanation:
    """The run of ``link`` for ``epochs`` epochs (cached: the scene and its tests ask for it often)."""
    return explain_values(v)


def losses_text(run, epoch: int) -> tuple[str, str]:
    """The training and test losses at ``epoch``, as the playground writes them."""
    return format_number(run.train_loss[epoch], LOSS_DIGITS), format_number(run.test_loss[epoch], LOSS_DIGITS)


def script(e: Explanation) -> tuple[BeatScript, ...]:
    """The configuration, the losses before training, training, the losses after, the neurons."""
    run, c, config = e.objects["run"], e.objects["configuration"], e.objects["config"]
    before, after = losses_text(run, 0), losses_text(run, run.epochs)
    if any(len(ids) for ids in run.node_ids[1:-1]):
        neurons = f"What each hidden neuron learned: its output over the plane after {run.epochs} epochs; the output combines the last layer's"
    else:
        neurons = f"No hidden layer: after {run.epochs} epochs the output is one weighted sum of the features, through its activation"
    return (
        BeatScript(
            "setup",
            f"The playground's configuration: {c['data']} data ({c['problem']}), hidden layers {c['hidden layers']}, "
            f"{c['activation']}, learning rate {c['learning rate']}, batch size {c['batch size']}; "
            f"{len(run.train)} training and {len(run.test)} test points",
        ),
        BeatScript(
            "before",
            "Epoch 0, before training: random weights (blue positive, orange negative, wider = larger); "
            f"training loss {before[0]}, test loss {before[1]}",
        ),
        BeatScript(
            "training",
            f"Training: {run.epochs} epochs of mini-batches of {config.batch_size}, shown at "
            f"{len(e.objects['recorded'])} of them: the boundary, the neurons, the weights and the losses change",
        ),
        BeatScript("after", f"After {run.epochs} epochs: training loss {after[0]}, test loss {after[1]}"),
        BeatScript("neurons", neurons),
    )


SPEC = SceneSpec(
    "playground",
    "A Neural Network Playground",
    "the notes' TensorFlow Playground run, before and after training",
    compute,
    "scenes.playground:Playground",
    SCHEMA,
    script,
    values=VALUES,
    place=150,
)
