"""A synthetic catalogue of any size for the benchmark: methods in sv, fi and en with realistic words.

Words are drawn from the real content's vocabulary of each language, by their real frequencies, so the
analysers, compounds and postings behave as on real text; facts are drawn from the real taxonomy.
About 680 words per document, as the measurements in shared/reference assume.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from pathlib import Path

from catalogue.content import LANGUAGES
from catalogue.content.loading import Catalogue, load_catalogue
from catalogue.content.model import Age, Method, Text
from search.analysis import words

WORDS_PER_PART = {"summary": 60, "parent_summary": 40, "body": 560, "training": 20}


def vocabulary(content_dir: Path) -> dict[str, Counter[str]]:
    """Word frequencies per language in the real content."""
    counts: dict[str, Counter[str]] = {lang: Counter() for lang in LANGUAGES}
    for lang in LANGUAGES:
        for path in (content_dir / lang).glob("*.md"):
            counts[lang].update(w for w in words(path.read_text(encoding="utf-8")) if not w.isdigit())
    return counts


def synthetic_catalogue(documents: int, content_dir: Path, seed: int = 7) -> Catalogue:
    """`documents` index documents: documents // 3 methods, each in sv, fi and en."""
    real = load_catalogue(content_dir)
    rng = random.Random(seed)
    vocab = vocabulary(content_dir)
    population = {lang: (list(counter), list(counter.values())) for lang, counter in vocab.items()}
    taxonomy = real.taxonomy
    levels = list(taxonomy["levels"])
    catalogue = Catalogue(content_dir, taxonomy, real.config, concepts=real.concepts)

    def sample(lang: str, count: int) -> str:
        items, weights = population[lang]
        return " ".join(rng.choices(items, weights, k=count))

    def pick(vocabulary_name: str, most: int) -> tuple[str, ...]:
        terms = list(taxonomy[vocabulary_name])
        return tuple(rng.sample(terms, rng.randint(1, min(most, len(terms)))))

    for number in range(documents // len(LANGUAGES)):
        method_id = f"method-{number:05d}"
        start = rng.randint(0, 14)
        age = Age(start, min(18, start + rng.randint(0, 10)), rng.random() < 0.1)
        texts = {}
        for lang in LANGUAGES:
            items, weights = population[lang]
            title = " ".join(rng.choices(items, weights, k=rng.randint(2, 4))).capitalize()
            texts[lang] = Text(
                lang=lang,
                title=f"{title} {number}",
                summary=sample(lang, WORDS_PER_PART["summary"]),
                parent_summary=sample(lang, WORDS_PER_PART["parent_summary"]),
                reviewed=dt.date(2025, 1, 1) + dt.timedelta(days=rng.randint(0, 600)),
                body=sample(lang, WORDS_PER_PART["body"]),
                aliases=(f"{method_id.upper()}",),
                training=sample(lang, WORDS_PER_PART["training"]),
            )
        catalogue.methods[method_id] = Method(
            id=method_id,
            kind="programme",
            level=rng.choice(levels),
            ratings=(),
            age=age,
            need=pick("need", 2),
            sectors=pick("sectors", 3),
            topics=pick("topics", 3),
            format=pick("formats", 2),
            age_bands=tuple(taxonomy.age_bands_for(age.start, age.end, age.prenatal)),
            languages=pick("languages", 3),
            texts=texts,
        )
    return catalogue
