import json
from html.parser import HTMLParser

from joinedup.evidence import Basis, Direction, load_evidence_base
from joinedup.evidence.map_html import render_map_html
from joinedup.evidence.maps import map_cells, map_to_json


def test_one_cell_per_factor_and_work_pair_with_its_directions():
    base = load_evidence_base()
    cells = map_cells(base)
    pairs = {(c.factor, c.work) for c in base.claims}
    assert len(cells) == len(pairs)
    rushmer_roles = next(c for c in cells if (c.factor, c.work) == ("roles-responsibilities", "rushmer-2002"))
    assert rushmer_roles.directions == (Direction.BARRIER, Direction.FACILITATOR)
    assert rushmer_roles.label == "barrier+facilitator"


def test_cells_from_general_citations_are_flagged():
    base = load_evidence_base()
    counted = {(c.factor, c.work) for c in base.claims if c.basis is not Basis.GENERAL}
    general = {(c.factor, c.work) for c in base.claims if c.basis is Basis.GENERAL} - counted
    flagged = {(c.factor, c.work) for c in map_cells(base) if c.general_only}
    assert flagged == general
    assert ("funding", "cameron-2002") in flagged


def test_the_json_map_carries_confidence_and_reasons_and_the_kind_of_each_advice():
    document = map_to_json(load_evidence_base())
    co_location = next(f for f in document["factors"] if f["id"] == "co-location")
    assert co_location["confidence"] == "very-low" and co_location["reason"]
    assert set(co_location["components"]) == {
        "methodological-limitations",
        "coherence",
        "adequacy",
        "relevance",
    }
    assert len(document["works"]) == 29
    assert len(document["interventions"]) == 20
    for item in document["interventions"]:
        assert item["provenance"] and item["basis"] and "caveats" in item
        assert {"factor_works", "action_works"} <= item.keys()


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[str] = []
        self.data: str = ""
        self._in_data = False

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self._in_data = ("id", "evidence-map-data") in attrs

    def handle_data(self, data):
        if self._in_data:
            self.data += data


def test_the_html_map_embeds_its_data_and_one_bubble_per_non_empty_cell():
    base = load_evidence_base()
    page = render_map_html(base)
    collector = _Collector()
    collector.feed(page)
    assert json.loads(collector.data) == map_to_json(base)
    bubbles = sum(1 for factor in base.factors for _ in {w.kind for w in base.works_for(factor.id, False)})
    assert collector.tags.count("details") == bubbles
    assert "script" in collector.tags and "link" not in collector.tags


def test_user_text_is_escaped_in_the_html_map(tmp_path):
    (tmp_path / "x.yaml").write_text(
        "factors:\n  - {id: funding, name: '<script>alert(1)</script>', barrier: b, facilitator: f}\n",
        encoding="utf-8",
    )
    page = render_map_html(load_evidence_base(tmp_path))
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
