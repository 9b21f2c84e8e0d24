"""The PostgreSQL scorer, the reference: tsvector matches per word and trigram similarity, in one query.

The index rows carry tsvector columns (``russian`` for Russian text, ``simple`` over Kazakh
stems) with GIN indexes. A word no name has is read as a typo by :mod:`cards.search.typos` on the
names the query returns, and, when that reads it as nothing, by ``pg_trgm`` ``word_similarity``.
"""

from __future__ import annotations

from django.db import connection

from cards.search import typos
from cards.search.query import ParsedQuery
from cards.search.scoring import WEIGHTS, Match

# The relevance floor of a word that only trigrams match: the word_similarity to a card's names
# at which a word the typo reading (cards.search.typos) reads as nothing matches it. Chosen on
# the bundled orders with `bench/search.py --typos`: misspelt words of the quality set that the
# reading cannot read never reach 0.55 with a card their right word names, while words that are
# no typo but share trigrams with many names list dozens of unrelated cards from 0.58 to 0.71
# ("администрация" 47 administrators' cards at 0.6, 30 at 0.7; "инженерия" 29 at 0.7,
# "информатика" 15 at 0.58); the old 0.6, applied to every word no name has, let "програмист"
# list 27 cards of "программного обеспечения" (0.64) beside the 12 programmers'.
TRIGRAM_THRESHOLD = 0.75


def _code_filter(parsed: ParsedQuery):
    """SQL and params that keep rows having one of the query's НКЗ codes."""
    clauses, params = [], []
    for code in parsed.occupation_codes:
        clauses.append("(s.codes LIKE %s OR s.alias_codes LIKE %s)")
        params += [f"% {code} %", f"% {code} %"]
    return " OR ".join(clauses), params


def score(cards, parsed: ParsedQuery) -> tuple[list[Match], list[dict[str, float]]]:
    """The matches :func:`cards.search.scoring.combine` scores, for the index rows of ``cards``, and
    per query word the stems its typo was read as (:func:`cards.search.typos.read_typos`).

    The inner query tests each word once against each vector, through the GIN indexes; the
    outer one turns the tests into the word scores.
    """
    tests, test_params, word_scores, body_hits, named, named_params = [], [], [], [], [], []
    for i, word in enumerate(parsed.words):
        tsquery = "(to_tsquery('russian', %s) || to_tsquery('simple', %s))"
        for column in ("title", "alias", "standard", "body"):
            # An uncorrelated IN: one GIN index scan per word and vector, hashed, instead of
            # reading (and decompressing) every card's large body vector.
            tests.append(
                f"s.card_id IN (SELECT card_id FROM cards_cardsearchtext WHERE {column}_vector @@ {tsquery}) "
                f"AS {column}{i}"
            )
            test_params += [word.tsquery_russian(), word.tsquery_kazakh()]
        word_scores.append(f"GREATEST({', '.join(f'CASE WHEN {c}{i} THEN {WEIGHTS[c]} ELSE 0 END' for c in WEIGHTS)})")
        body_hits.append(f"(CASE WHEN body{i} THEN 1 ELSE 0 END)")
        if len(word.text) < typos.MIN_LENGTH:
            named.append(f"TRUE AS named{i}")  # too short to read as a typo
            tests.append(f"0 AS similar{i}")
        else:
            # Typos only for a word that no name has: whether one has it is one index-backed
            # test, made once (the WITH below); word_similarity over every card's names costs
            # ~10 ms a word.
            named.append(
                f"EXISTS (SELECT 1 FROM cards_cardsearchtext WHERE title_vector @@ {tsquery} "
                f"OR alias_vector @@ {tsquery} OR standard_vector @@ {tsquery}) AS named{i}"
            )
            named_params += [word.tsquery_russian(), word.tsquery_kazakh()] * 3
            tests.append(f"CASE WHEN named.named{i} THEN 0 ELSE word_similarity(%s, s.names) END AS similar{i}")
            test_params.append(word.text)
    codes = []
    for i, code in enumerate(parsed.occupation_codes):
        tests.append(f"CASE WHEN s.codes LIKE %s THEN 1.0 WHEN s.alias_codes LIKE %s THEN 0.5 ELSE 0 END AS code{i}")
        test_params += [f"% {code} %", f"% {code} %"]
        codes.append(f"code{i}")
    code_sql, code_params = _code_filter(parsed)
    where = f"AND ({code_sql})" if code_sql else ""
    card_sql, card_params = cards.order_by().values("pk").query.sql_with_params()
    n = len(parsed.words)
    columns = [
        *word_scores,
        f"({' + '.join(body_hits) or '0'})",
        f"({' + '.join(codes) or '0'})",
        *(f"similar{i}" for i in range(n)),
        *(f"named{i}" for i in range(n)),
    ]
    # The names and their stems only where a word may be a typo: reading them costs more than the tests.
    stems = ", ".join(
        f"CASE WHEN named.typos THEN s.stems->>'{group}' END AS {group}_stems" for group in typos.NAME_GROUPS
    )
    sql = f"""
        WITH named AS (SELECT *, NOT ({" AND ".join(f"named{i}" for i in range(n)) or "TRUE"}) AS typos
                       FROM (SELECT {", ".join(named) or "TRUE"}) tests)
        SELECT card_id, standard_id, position, language, occupation_code, title, names,
               {", ".join(f"{group}_stems" for group in typos.NAME_GROUPS)}, {", ".join(columns)}
        FROM (
            SELECT s.card_id, e.standard_id, c.position, s.language, c.occupation_code, c.title,
                   CASE WHEN named.typos THEN s.names ELSE '' END AS names,
                   {stems}, named.*{"".join(", " + t for t in tests)}
            FROM cards_cardsearchtext s
            CROSS JOIN named
            JOIN cards_professioncard c ON c.id = s.card_id
            JOIN standards_edition e ON e.id = c.edition_id
            WHERE s.card_id IN ({card_sql}) {where}
            OFFSET 0  -- keeps PostgreSQL from inlining the tests into every use of them
        ) tested
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [*named_params, *test_params, *card_params, *code_params])
        fetched = cursor.fetchall()
    matches, similar, flags = [], {}, [True] * n
    for row in fetched:
        card, names, groups, values = row[:6], row[6], row[7:10], row[10:]  # card: Match's first six fields
        matches.append(
            Match(
                *card,
                word_scores=[float(v) for v in values[:n]],
                body_hits=int(values[n]),
                code_score=float(values[n + 1]),
                names=names,
                name_stems=typos.name_stems(dict(zip(typos.NAME_GROUPS, groups, strict=True))),
            )
        )
        similar[row[0]] = [float(v) for v in values[n + 2 : 2 * n + 2]]
        flags = list(values[2 * n + 2 :])

    def trigram(i: int, match: Match) -> float:
        value = similar[match.card_id][i]
        return WEIGHTS["alias"] * value if value >= TRIGRAM_THRESHOLD else 0.0

    return matches, typos.read_typos(parsed.words, flags, matches, trigram)
