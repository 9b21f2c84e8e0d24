"""The PostgreSQL scorer, the reference: tsvector matches per word and trigram similarity, in one query.

The index rows carry tsvector columns (``russian`` for Russian text, ``simple`` over Kazakh
stems) with GIN indexes; typos are caught by ``pg_trgm`` ``word_similarity`` on the names.
"""

from __future__ import annotations

from django.db import connection

from cards.search.query import ParsedQuery
from cards.search.scoring import WEIGHTS

TRIGRAM_THRESHOLD = 0.6


def _code_filter(parsed: ParsedQuery):
    """SQL and params that keep rows having one of the query's НКЗ codes."""
    clauses, params = [], []
    for code in parsed.occupation_codes:
        clauses.append("(s.codes LIKE %s OR s.alias_codes LIKE %s)")
        params += [f"% {code} %", f"% {code} %"]
    return " OR ".join(clauses), params


def score(cards, parsed: ParsedQuery) -> list[tuple]:
    """The rows :func:`cards.search.scoring.combine` scores, for the index rows of ``cards``.

    The inner query tests each word once against each vector, through the GIN indexes; the
    outer one turns the tests into the word scores.
    """
    tests, test_params, word_scores, body_hits = [], [], [], []
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
        parts = [f"CASE WHEN {column}{i} THEN {WEIGHTS[column]} ELSE 0 END" for column in WEIGHTS]
        if len(word.text) >= 4:
            # Trigrams only for a word that no name has (a typo): word_similarity over every
            # card's names costs ~10 ms a word, the EXISTS is one index-backed test.
            names_have_it = (
                f"EXISTS (SELECT 1 FROM cards_cardsearchtext WHERE title_vector @@ {tsquery} "
                f"OR alias_vector @@ {tsquery} OR standard_vector @@ {tsquery})"
            )
            tests.append(f"CASE WHEN {names_have_it} THEN 0 ELSE word_similarity(%s, s.names) END AS similar{i}")
            test_params += [word.tsquery_russian(), word.tsquery_kazakh()] * 3 + [word.text]
            parts.append(f"CASE WHEN similar{i} >= {TRIGRAM_THRESHOLD} THEN {WEIGHTS['alias']} * similar{i} ELSE 0 END")
        word_scores.append(f"GREATEST({', '.join(parts)})")
        body_hits.append(f"(CASE WHEN body{i} THEN 1 ELSE 0 END)")
    codes = []
    for i, code in enumerate(parsed.occupation_codes):
        tests.append(f"CASE WHEN s.codes LIKE %s THEN 1.0 WHEN s.alias_codes LIKE %s THEN 0.5 ELSE 0 END AS code{i}")
        test_params += [f"% {code} %", f"% {code} %"]
        codes.append(f"code{i}")
    code_sql, code_params = _code_filter(parsed)
    where = f"AND ({code_sql})" if code_sql else ""
    card_sql, card_params = cards.order_by().values("pk").query.sql_with_params()
    columns = [*word_scores, f"({' + '.join(body_hits) or '0'})", f"({' + '.join(codes) or '0'})"]
    sql = f"""
        SELECT card_id, standard_id, position, language, {", ".join(columns)} FROM (
            SELECT s.card_id, e.standard_id, c.position, s.language{"".join(", " + t for t in tests)}
            FROM cards_cardsearchtext s
            JOIN cards_professioncard c ON c.id = s.card_id
            JOIN standards_edition e ON e.id = c.edition_id
            WHERE s.card_id IN ({card_sql}) {where}
            OFFSET 0  -- keeps PostgreSQL from inlining the tests into every use of them
        ) tested
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [*test_params, *card_params, *code_params])
        return [
            (row[0], row[1], row[2], row[3], [float(v) for v in row[4:-2]], int(row[-2]), float(row[-1]))
            for row in cursor.fetchall()
        ]
