"""The open data files: pooled figures only, and nothing a spreadsheet would run."""

from __future__ import annotations

import csv
import io

from joinedup.learning.open_data import open_data_files
from joinedup.learning.pool import pool_records
from joinedup.learning.synthetic import synthetic_records


def test_cells_that_look_like_formulas_are_written_as_text():
    pooled = pool_records(synthetic_records(12, seed=4))
    pooled["practice"][0]["intervention"] = '=HYPERLINK("http://example.org","x")'
    pooled["practice"][0]["median_change"] = -0.2
    text = open_data_files(pooled)["practice.csv"]
    cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    assert '\'=HYPERLINK("http://example.org","x")' in cells
    assert "-0.2" in cells  # a negative number stays a number
    assert not [c for c in cells if c[:1] in "=+@" or (c[:1] == "-" and not c[1:].replace(".", "").isdigit())]


def test_open_data_holds_only_pooled_rows_from_five_or_more():
    six_adopt = synthetic_records(12, seed=4, adopt_share=0.5)
    four_adopt = synthetic_records(
        12, seed=5, adopt_share=4 / 12, intervention="co-locate-with-care", factor="co-location"
    )
    files = open_data_files(pool_records(six_adopt + four_adopt))
    rows = list(csv.DictReader(io.StringIO(files["practice.csv"])))
    assert [(row["intervention"], row["adopted"]) for row in rows] == [("joint-training", "6")]
