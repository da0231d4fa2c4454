"""Recall@10 and MRR of the search over the labelled relevance set, per kind of variation.

recall@10 = |relevant ∩ first 10| / min(|relevant|, 10); MRR = mean of 1/rank of the first relevant.
"""

from collections import defaultdict
from pathlib import Path

from django.http import QueryDict
import yaml

from search.service import parse_request, run_search

RELEVANCE_SET = Path(__file__).resolve().parent / "relevance_set.yaml"
KINDS = ("character", "digit", "halfspace", "inflection", "ref", "plain", "concept", "spelling")
HELDOUT = "concept (held out)"  # queries never looked at while the thesaurus was written


def load_set(path=RELEVANCE_SET):
    return yaml.safe_load(Path(path).read_text(encoding="utf-8"))["queries"]


def _outcome(query, size, exact=False):
    params = QueryDict(mutable=True)
    params.update({"q": query, "page_size": str(size)})
    if exact:
        params["exact"] = "1"
    return run_search(parse_request(params))


def ranked_refs(query, size=10):
    """The refs the search page/API lists first for ``query``: the matches (with the thesaurus and
    spelling correction, ``search.expansion``), then the related records offered beneath them."""
    outcome = _outcome(query, size)
    return [row["ref"] for row in outcome.results + outcome.related][:size]


def exact_refs(query, size=10):
    """As ``ranked_refs``, for the words alone (``exact=1``): the search as it was before the thesaurus."""
    outcome = _outcome(query, size, exact=True)
    return [row["ref"] for row in outcome.results + outcome.related][:size]


def matched_refs(query, size=10):
    """The matches alone, without the related records."""
    return [row["ref"] for row in _outcome(query, size).results]


def evaluate(queries, search=ranked_refs, k=10):
    per_kind = defaultdict(lambda: {"recall": [], "rr": []})
    for item in queries:
        relevant = {str(ref) for ref in item["relevant"]}
        found = search(str(item["query"]), k)
        hits = [ref for ref in found[:k] if ref in relevant]
        # Normalised by min(|relevant|, k): a query with 14 relevant records can still score 1.0.
        recall = len(hits) / min(len(relevant), k) if relevant else 1.0
        rank = next((i for i, ref in enumerate(found[:k], start=1) if ref in relevant), None)
        kinds = (item["kind"], "all") + ((HELDOUT,) if item.get("heldout") else ())
        for kind in kinds:
            per_kind[kind]["recall"].append(recall)
            per_kind[kind]["rr"].append(1 / rank if rank else 0.0)
    return {
        kind: {
            "queries": len(values["recall"]),
            "recall@10": sum(values["recall"]) / len(values["recall"]),
            "mrr": sum(values["rr"]) / len(values["rr"]),
        }
        for kind, values in per_kind.items()
    }
