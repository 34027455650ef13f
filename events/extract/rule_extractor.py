"""The shipped extractor: named sentence rules, entity attribution, merging, evidence.

`RuleExtractor(rules=[...])` runs any list of rules (see `rules.base.Rule`); a user extends
the shipped set with `RuleExtractor(rules=[*default_rules(), my_rule])` or replaces it.
Every event records the rule that emitted it (`extractor.rule`) and the sentence that
states it (`evidence`), which is what `explain()` shows.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from events.articles import Article
from events.entities import Registry
from events.extract.base import source_of
from events.extract.context import UNKNOWN, ArticleContext
from events.extract.merge import merge_drafts
from events.extract.rules import default_rules
from events.extract.rules.base import Draft, Gate, Rule
from events.extract.rules.guidance import apply_cues
from events.extract.vocab import Vocabulary, default_vocabulary
from events.model import Event, Evidence, ExtractorRef, make_event

__all__ = ["Explanation", "RuleExtractor", "default_extractor"]


@attrs.frozen
class Explanation:
    """Why an event was emitted: the rule and the sentence it read."""

    event: Event
    rule: str
    evidence: str

    def __str__(self) -> str:
        e = self.event
        return f"{e.type} {e.entity} {e.when.label} <- {self.rule}: {self.evidence!r}"


class RuleExtractor:
    """Sentence rules over an article; deterministic, no I/O after construction."""

    def __init__(
        self,
        rules: Sequence[Rule] | None = None,
        *,
        vocabulary: Vocabulary | None = None,
        name: str = "rules",
        version: str = "1.1.0",
    ) -> None:
        self.rules: list[Rule] = list(default_rules() if rules is None else rules)
        self._gate = Gate(self.rules)
        self.vocabulary = vocabulary or default_vocabulary()
        self.name = name
        self.version = version

    def drafts(self, article: Article, registry: Registry) -> list[Draft]:
        """Every rule's drafts, attributed and merged, before they become events."""
        ctx = ArticleContext(article, registry, self.vocabulary)
        drafts: list[Draft] = []
        rules = self.rules
        body = article.body
        lower: str | None = body.lower()
        if len(lower) != len(body):
            lower = None
        spans = [(v.sentence.start, v.sentence.end) for v in ctx.views]
        selected = (
            self._gate.select_all(lower, spans)
            if lower is not None
            else [self._gate.select(v.lower) for v in ctx.views]
        )
        for view, chosen in zip(ctx.views, selected, strict=True):
            for i in chosen:
                for d in rules[i].apply(view):
                    if d.entity is None:
                        d.entity = view.entity_at(d.anchor)
                    if d.entity and d.entity != UNKNOWN:
                        if d.span is None:
                            d.span = (view.sentence.start, view.sentence.end)
                        drafts.append(d)
        drafts = apply_cues(drafts, ctx)
        guided = {d.sentence for d in drafts if d.type == "guidance"}
        drafts = [d for d in drafts if not (d.type == "plan" and d.sentence in guided)]
        return merge_drafts(drafts)

    def extract(self, article: Article, registry: Registry) -> list[Event]:
        source = source_of(article)
        body = article.body
        events: list[Event] = []
        for d in self.drafts(article, registry):
            start, end = d.span or (0, 0)
            events.append(
                make_event(
                    d.type,
                    entity=d.entity or "",
                    when=d.when,
                    reported=article.published,
                    source=source,
                    data=d.data,
                    evidence=Evidence(text=body[start:end], start=start, end=end),
                    extractor=ExtractorRef(name=self.name, version=self.version, rule=d.rule),
                )
            )
        return events

    def explain(self, article: Article, registry: Registry) -> list[Explanation]:
        """Each event with the rule and sentence behind it, for people reading the output."""
        return [
            Explanation(
                e, e.extractor.rule if e.extractor else "", e.evidence.text if e.evidence else ""
            )
            for e in self.extract(article, registry)
        ]


def default_extractor() -> RuleExtractor:
    """The shipped rule set."""
    return RuleExtractor()
