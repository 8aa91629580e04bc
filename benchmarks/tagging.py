"""Benchmark of the comment taggers on the held-out test set.

Prints, for each tagger, micro and macro F1, per-factor F1, the median texts per second,
the time to build it and the memory it takes; beside them, a naive reference (a factor
is tagged when any of its lexicon words appears) so the gain of the real taggers reads
as a ratio in one run. The test set (tests/data/tagging/comments.yaml) is never used
for training or thresholds.

    .venv/bin/python benchmarks/tagging.py [--repeats 5] [--kinds lexical embeddings]
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import re
import statistics
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from joinedup.evidence.ids import FACTOR_IDS
from joinedup.tagging import TagResult
from joinedup.tagging.evaluation import Evaluation, evaluate
from joinedup.tagging.examples import LabelledText, parse_labelled_texts, training_examples
from joinedup.tagging.lexicon import shipped_lexicon
from joinedup.tagging.loading import ENCODERS, REGULARISATION
from joinedup.tagging.training import fit_tagger

TEST_SET = Path(__file__).resolve().parent.parent / "tests" / "data" / "tagging" / "comments.yaml"
SPEED_TEXTS = {"naive": 20_000, "lexical": 20_000, "embeddings": 2_000}


def resident_megabytes() -> float:
    """This process's resident memory, from /proc (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def naive_tagger() -> Callable[[Sequence[str]], list[TagResult]]:
    """The reference: any lexicon word of a factor in the text tags that factor."""
    patterns = {
        factor: re.compile(r"\b(?:" + "|".join(re.escape(term) for term in terms) + ")", re.IGNORECASE)
        for factor, terms in shipped_lexicon().items()
    }

    def tag(texts: Sequence[str]) -> list[TagResult]:
        results = []
        for text in texts:
            hits = {factor: 1.0 if pattern.search(text) else 0.0 for factor, pattern in patterns.items()}
            results.append(TagResult(text, [f for f in FACTOR_IDS if hits[f]], hits))
        return results

    return tag


def texts_per_second(
    tag: Callable[[Sequence[str]], list[TagResult]], texts: Sequence[str], repeats: int
) -> tuple[float, float]:
    """Median texts per second by the wall clock and by this process's CPU time.

    The CPU figure is what the tagger costs; the wall figure also counts whatever else
    the machine is doing, so on a busy machine the CPU figure is the fairer one.
    """
    wall, cpu = [], []
    for _ in range(repeats):
        wall_start, cpu_start = time.perf_counter(), time.process_time()
        tag(texts)
        wall.append(time.perf_counter() - wall_start)
        cpu.append(time.process_time() - cpu_start)
    return len(texts) / statistics.median(wall), len(texts) / statistics.median(cpu)


def report(
    name: str, evaluation: Evaluation, speed: tuple[float, float], build_seconds: float, memory: float
) -> None:
    print(f"\n== {name}")
    print(
        f"micro F1 {evaluation.micro_f1:.3f}   macro F1 {evaluation.macro_f1:.3f}   "
        f"untagged 'none' texts {evaluation.empty_accuracy:.0%}"
    )
    print(
        f"median texts/s {speed[0]:,.0f} wall, {speed[1]:,.0f} CPU   "
        f"build {build_seconds:.2f} s   memory +{memory:.0f} MB"
    )
    for factor, score in evaluation.per_factor_f1.items():
        print(f"  {factor:<24} F1 {score:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--kinds", nargs="+", default=list(ENCODERS), choices=list(ENCODERS))
    arguments = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

    held_out: list[LabelledText] = parse_labelled_texts(
        TEST_SET.read_text(encoding="utf-8"), source=str(TEST_SET)
    )
    texts = [example.text for example in held_out]
    print(f"held-out test set: {len(held_out)} texts; training examples: {len(training_examples())}")

    def corpus(kind: str) -> list[str]:
        return (texts * (SPEED_TEXTS[kind] // len(texts) + 1))[: SPEED_TEXTS[kind]]

    naive = naive_tagger()
    naive_speed = texts_per_second(naive, corpus("naive"), arguments.repeats)
    naive_evaluation = evaluate(naive(texts), held_out)
    report("naive reference (any lexicon word)", naive_evaluation, naive_speed, 0.0, 0.0)

    for kind in arguments.kinds:
        if kind == "embeddings" and importlib.util.find_spec("sentence_transformers") is None:
            print("\n== embeddings: skipped, the embeddings extra is not installed")
            continue
        memory_before = resident_megabytes()
        started = time.perf_counter()
        if kind == "embeddings":
            from joinedup.tagging.embeddings import sentence_model

            sentence_model()
            print(
                f"\nembeddings model load: {time.perf_counter() - started:.2f} s, "
                f"memory +{resident_megabytes() - memory_before:.0f} MB"
            )
        tagger = fit_tagger(kind, ENCODERS[kind](), training_examples(), regularisation=REGULARISATION)
        build_seconds = time.perf_counter() - started
        memory = resident_megabytes() - memory_before
        evaluation = evaluate(tagger.tag(texts), held_out)
        speed = texts_per_second(tagger.tag, corpus(kind), arguments.repeats)
        report(f"{kind} tagger", evaluation, speed, build_seconds, memory)
        print(
            f"  vs naive: macro F1 {evaluation.macro_f1 / naive_evaluation.macro_f1:.2f}x, "
            f"speed {speed[1] / naive_speed[1]:.2f}x (CPU)"
        )


if __name__ == "__main__":
    main()
