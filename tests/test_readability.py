"""The readability measures rank plain text below officialese, as a parent would feel it."""

from catalogue.content.readability import flesch_kincaid_grade, lix, sentence_count


def test_lix_by_hand():
    # 8 words, 2 sentences, 2 words longer than six letters: 8/2 + 100*2/8 = 29
    assert lix("Du träffar andra föräldrar. Ni pratar om barnen.") == 29.0


def test_plain_swedish_and_finnish_score_lower_than_officialese():
    assert lix("Du träffar andra föräldrar. Ni pratar om hur dagen går.") < 30
    assert (
        lix("Interventionens implementeringsförutsättningar förutsätter organisatoriska kvalitetssäkringsrutiner.") > 60
    )
    assert lix("Tapaat muita vanhempia. Puhutte arjesta lapsen kanssa.") < lix(
        "Menetelmän käyttöönotto edellyttää organisaatiolta johdonmukaista toimeenpanosuunnitelmaa."
    )


def test_flesch_kincaid_grade():
    assert flesch_kincaid_grade("You meet other parents. You talk about your day.") < 3
    assert (
        flesch_kincaid_grade("Comprehensive implementation necessitates organisational commitment to evaluation.") > 14
    )


def test_sentences_end_at_stops_not_inside_numbers():
    assert sentence_count("Groups meet 6–8 times. Each lasts 2.5 hours! Ready?") == 3
    assert sentence_count("no stop at all") == 1
