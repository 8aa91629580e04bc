"""Build the shipped taggers from the shipped examples and save them into the package.

    python -m joinedup.tagging.build [--kind lexical embeddings] [--out FOLDER]

Everything is chosen by cross-validation on the training examples (see `training`); the
report printed shows what was chosen and the out-of-fold figures it was chosen on. Run it
whenever the training examples, the lexicon or the training code change: a test fails
until the saved model's fingerprint matches the examples again.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from sklearn.metrics import f1_score, precision_score, recall_score

from joinedup.evidence.ids import FACTOR_IDS
from joinedup.tagging.examples import training_examples
from joinedup.tagging.loading import ENCODERS, SHIPPED_KINDS, model_resource
from joinedup.tagging.stored import write_model
from joinedup.tagging.tagger import UNSURE_BAND, is_unsure
from joinedup.tagging.thresholds import PRECISION_TARGET
from joinedup.tagging.training import Selection, build_tagger

MAX_MEGABYTES = 20.0


def describe(selection: Selection) -> list[str]:
    """The cross-validation report: choices and out-of-fold figures per factor and register."""
    rows = selection.design
    lines = [
        "C tried (mean average precision): "
        + ", ".join(f"{c:g}: {score:.4f}" for c, score in selection.mean_average_precision.items()),
        f"chosen C = {selection.regularisation:g}; precision target {PRECISION_TARGET}",
        "box boost tried (micro F1 on survey comments with a box): "
        + ", ".join(f"{b:g}: {score:.3f}" for b, score in selection.box_f1.items()),
        f"chosen box boost = {selection.box_boost:g} log-odds",
        "'about none' cut-offs tried (macro F1): "
        + ", ".join(f"{cut:g}: {score:.4f}" for cut, score in selection.none_f1.items()),
        f"chosen 'about none' cut-off = {selection.none_threshold:g}",
    ]
    scores = selection.out_of_fold_scores()
    predicted = scores >= 0.5
    truth = rows.truth
    empty = truth.sum(axis=1) == 0
    lines.append(f"'none' examples left untagged out of fold: {(~predicted[empty].any(axis=1)).mean():.0%}")
    lines.append(
        f"out-of-fold: macro F1 {f1_score(truth, predicted, average='macro', zero_division=0.0):.3f}, "
        f"micro F1 {f1_score(truth, predicted, average='micro', zero_division=0.0):.3f}"
    )
    lines.append(f"  {'factor':<26}{'threshold':>10}{'precision':>10}{'recall':>8}{'F1':>7}{'n':>6}")
    for column, factor in enumerate(FACTOR_IDS):
        truth_column, predicted_column = truth[:, column], predicted[:, column]
        lines.append(
            f"  {factor:<26}{selection.thresholds[column]:>10.2f}"
            f"{precision_score(truth_column, predicted_column, zero_division=0.0):>10.3f}"
            f"{recall_score(truth_column, predicted_column, zero_division=0.0):>8.3f}"
            f"{f1_score(truth_column, predicted_column, zero_division=0.0):>7.3f}{truth_column.sum():>6}"
        )
    registers = np.array(rows.registers)
    for register in sorted(set(rows.registers)):
        chosen = registers == register
        lines.append(
            f"  register {register:<18} macro F1 "
            f"{f1_score(truth[chosen], predicted[chosen], average='macro', zero_division=0.0):.3f} "
            f"({chosen.sum()} examples)"
        )
    unsure = np.array([is_unsure(dict(zip(FACTOR_IDS, row, strict=True))) for row in scores])
    wrong = (predicted != truth.astype(bool)).any(axis=1)
    lines.append(
        f"unsure band {UNSURE_BAND}: {unsure.mean():.0%} of examples flagged; wrong tags in "
        f"{wrong[unsure].mean():.0%} of flagged and {wrong[~unsure].mean():.0%} of the rest"
    )
    return lines


def build(kind: str, out: Path) -> Path:
    started = time.perf_counter()
    tagger, selection = build_tagger(
        kind, ENCODERS[kind](), training_examples(), progress=lambda message: print(f"  {message}")
    )
    print("\n".join(describe(selection)))
    content = write_model(tagger)
    megabytes = len(content) / 1e6
    if megabytes > MAX_MEGABYTES:
        raise SystemExit(f"the {kind} model is {megabytes:.1f} MB, over the {MAX_MEGABYTES:g} MB limit")
    target = out / f"{kind}.npz"
    target.write_bytes(content)
    print(f"wrote {target} ({megabytes:.1f} MB) in {time.perf_counter() - started:.0f} s")
    return target


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--kind", nargs="+", default=list(SHIPPED_KINDS), choices=list(ENCODERS))
    parser.add_argument("--out", type=Path, default=None, help="Folder to write <kind>.npz into.")
    arguments = parser.parse_args(argv)
    print(f"{len(training_examples())} training examples")
    for kind in arguments.kind:
        out = arguments.out or Path(str(model_resource(kind))).parent
        out.mkdir(parents=True, exist_ok=True)
        print(f"\n== {kind}")
        build(kind, out)


if __name__ == "__main__":
    main(sys.argv[1:])
