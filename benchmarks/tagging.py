"""Benchmark of the comment taggers on both held-out test sets.

Prints, for each tagger, macro and micro F1 on the original test set
(tests/data/tagging/comments.yaml) and on the held-out set of the four registers
(tests/data/tagging/heldout/), macro F1 per register, texts per second (CPU), the model
file's size and the time to load it; then, per tagger, precision, recall and F1 per
factor, the confusion between neighbouring factors, and the checks issue 15 asks for.
A naive reference (a factor is tagged when any of its lexicon words appears) sits
beside them. Neither test set is ever used for training, thresholds or any other choice.

    .venv/bin/python benchmarks/tagging.py [--repeats 3] [--kinds lexical sentence embeddings]

`lexical` and `embeddings` are read from the shipped model files; `sentence` (the
embedding alone with a linear head) is built here, by the same cross-validation.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import re
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from joinedup.evidence.ids import FACTOR_IDS
from joinedup.tagging import TagResult
from joinedup.tagging.evaluation import Evaluation, evaluate
from joinedup.tagging.examples import LabelledText, labelled_directory, read_labelled_files, training_examples
from joinedup.tagging.lexicon import shipped_lexicon
from joinedup.tagging.loading import ENCODERS, SHIPPED_KINDS, model_resource, shipped_tagger
from joinedup.tagging.stored import write_model
from joinedup.tagging.training import build_tagger

TESTS = Path(__file__).resolve().parent.parent / "tests" / "data" / "tagging"
ORIGINAL_TEST_SET = TESTS / "comments.yaml"
HELD_OUT = TESTS / "heldout"
SPEED_TEXTS = {"naive": 20_000, "lexical": 20_000, "sentence": 1_000, "embeddings": 1_000}
TARGET_MACRO, TARGET_REGISTER, TARGET_PRECISION = 0.80, 0.70, 0.80

Tag = Callable[[Sequence[str], Sequence[str | None] | None], list[TagResult]]


def naive_tagger() -> Tag:
    """The reference: any lexicon word of a factor in the text tags that factor."""
    patterns = {
        factor: re.compile(r"\b(?:" + "|".join(re.escape(term) for term in terms) + ")", re.IGNORECASE)
        for factor, terms in shipped_lexicon().items()
    }

    def tag(texts: Sequence[str], boxes: Sequence[str | None] | None = None) -> list[TagResult]:
        results = []
        for text in texts:
            hits = {factor: 1.0 if pattern.search(text) else 0.0 for factor, pattern in patterns.items()}
            results.append(TagResult(text, [f for f in FACTOR_IDS if hits[f]], hits))
        return results

    return tag


def cpu_texts_per_second(tag: Tag, texts: Sequence[str], repeats: int) -> float:
    """Median texts per second of this process's CPU time (fairer than the wall clock on a busy machine).

    The sentence embeddings of texts seen before are remembered, so they are forgotten before
    each timing: every text is encoded afresh, as new comments are.
    """
    times = []
    for _ in range(repeats):
        forget_embeddings()
        started = time.process_time()
        tag(texts, None)
        times.append(time.process_time() - started)
    return len(texts) / max(statistics.median(times), 1e-9)


def forget_embeddings() -> None:
    if "joinedup.tagging.embeddings" in sys.modules:
        sys.modules["joinedup.tagging.embeddings"].forget()


def run(tag: Tag, examples: Sequence[LabelledText]) -> Evaluation:
    return evaluate(tag([e.text for e in examples], [e.box for e in examples]), examples)


def detail(name: str, evaluation: Evaluation) -> None:
    print(f"\n-- {name}: per factor on the held-out set (four registers)")
    print("| factor | precision | recall | F1 | support |\n|---|---|---|---|---|")
    for factor in FACTOR_IDS:
        print(
            f"| {factor} | {evaluation.per_factor_precision[factor]:.2f} | "
            f"{evaluation.per_factor_recall[factor]:.2f} | {evaluation.per_factor_f1[factor]:.2f} | "
            f"{evaluation.support[factor]} |"
        )
    print("\n| register | macro F1 | micro F1 |\n|---|---|---|")
    for register, score in evaluation.per_register_macro_f1.items():
        print(f"| {register} | {score:.2f} | {evaluation.per_register_micro_f1[register]:.2f} |")
    print("\n| neighbouring factors a / b | a tagged b | b tagged a |\n|---|---|---|")
    for (first, second), (a_as_b, b_as_a) in evaluation.confusion.items():
        print(f"| {first} / {second} | {a_as_b} | {b_as_a} |")
    largest = evaluation.largest_factors()
    weakest = min(evaluation.per_register_macro_f1.values())
    print(
        f"\nchecks: macro F1 {evaluation.macro_f1:.3f} (target {TARGET_MACRO}: "
        f"{'met' if evaluation.macro_f1 >= TARGET_MACRO else 'NOT met'}); lowest register macro F1 "
        f"{weakest:.3f} (target {TARGET_REGISTER}: {'met' if weakest >= TARGET_REGISTER else 'NOT met'}); "
        f"'none' texts left untagged {evaluation.empty_accuracy:.0%}"
    )
    for factor in largest:
        precision = evaluation.per_factor_precision[factor]
        verdict = "met" if precision >= TARGET_PRECISION else "NOT met"
        print(f"  largest factor {factor}: precision {precision:.3f} (target {TARGET_PRECISION}: {verdict})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument(
        "--kinds", nargs="+", default=["lexical", "embeddings", "sentence"], choices=list(ENCODERS)
    )
    arguments = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

    test_sets = {"original": read_labelled_files([(str(ORIGINAL_TEST_SET), ORIGINAL_TEST_SET)])}
    if HELD_OUT.is_dir() and any(HELD_OUT.glob("*.yaml")):
        test_sets["held-out"] = labelled_directory(HELD_OUT)
    print(
        f"training examples: {len(training_examples())}; "
        + "; ".join(f"{name} test set: {len(examples)} texts" for name, examples in test_sets.items())
    )
    speed_texts = [e.text for examples in test_sets.values() for e in examples]

    def corpus(kind: str) -> list[str]:
        return (speed_texts * (SPEED_TEXTS[kind] // len(speed_texts) + 1))[: SPEED_TEXTS[kind]]

    taggers: dict[str, tuple[Tag, float, float]] = {"naive": (naive_tagger(), 0.0, 0.0)}
    for kind in arguments.kinds:
        if kind != "lexical" and importlib.util.find_spec("sentence_transformers") is None:
            print(f"{kind}: skipped, the embeddings extra is not installed")
            continue
        started = time.perf_counter()
        if kind != "lexical":
            from joinedup.tagging.embeddings import sentence_model

            sentence_model()
        if kind in SHIPPED_KINDS and model_resource(kind).is_file():
            tagger = shipped_tagger(kind)
            size = len(model_resource(kind).read_bytes()) / 1e6
        else:
            tagger, _ = build_tagger(kind, ENCODERS[kind](), training_examples())
            size = len(write_model(tagger)) / 1e6
        taggers[kind] = (tagger.tag, time.perf_counter() - started, size)

    columns = ["tagger", "test set", "macro F1", "micro F1", "per register (macro F1)", "texts/s (CPU)"]
    header = "| " + " | ".join([*columns, "file MB", "load (or build) s"]) + " |"
    print(f"\n{header}\n|---|---|---|---|---|---|---|---|")
    evaluations: dict[str, Evaluation] = {}
    for name, (tag, load_seconds, size) in taggers.items():
        speed = cpu_texts_per_second(
            tag, corpus(name), arguments.repeats if name in ("naive", "lexical") else 1
        )
        for set_name, examples in test_sets.items():
            evaluation = run(tag, examples)
            if set_name == "held-out":
                evaluations[name] = evaluation
            registers = ", ".join(f"{r} {s:.2f}" for r, s in evaluation.per_register_macro_f1.items())
            print(
                f"| {name} | {set_name} | {evaluation.macro_f1:.3f} | {evaluation.micro_f1:.3f} | "
                f"{registers if set_name == 'held-out' else '-'} | {speed:,.0f} | {size:.2f} | "
                f"{load_seconds:.1f} |"
            )
    if "held-out" in test_sets:
        survey = [e for e in test_sets["held-out"] if e.box]
        for name, (tag, _, _) in taggers.items():
            if name == "naive" or not survey:
                continue
            with_box = evaluate(tag([e.text for e in survey], [e.box for e in survey]), survey)
            without = evaluate(tag([e.text for e in survey], None), survey)
            print(
                f"{name}: held-out survey comments with their box macro F1 {with_box.macro_f1:.3f} "
                f"(micro {with_box.micro_f1:.3f}), without it {without.macro_f1:.3f} "
                f"(micro {without.micro_f1:.3f})"
            )
        for name, evaluation in evaluations.items():
            detail(name, evaluation)


if __name__ == "__main__":
    main()
