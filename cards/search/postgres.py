"""The PostgreSQL scorer, the reference: tsvector matches per word in one query, and trigram similarity.

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


# What the tests read of a row. The body vector and the stems, the largest values, are stored
# compressed out of line: read as plain values once per row (concatenated with nothing, in a subquery
# of their own, "b"), they are not fetched and decompressed again for each word's test or each name
# group's stems.
VECTORS = {column: f"s.{column}_vector" for column in WEIGHTS} | {"body": "b.body_vector"}
BODY = "s.body_vector || ''::tsvector AS body_vector"
STEMS = "CASE WHEN named.typos THEN s.stems || '{}'::jsonb END AS stems"


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

    Each word's tsquery is made once (the WITH below); the inner query tests it against each
    vector of each candidate row, the outer one turns the tests into the word scores.
    """
    queries, query_params, tests, test_params, word_scores, body_hits, named = [], [], [], [], [], [], []
    for i, word in enumerate(parsed.words):
        queries.append(f"to_tsquery('russian', %s) || to_tsquery('simple', %s) AS q{i}")
        query_params += [word.tsquery_russian(), word.tsquery_kazakh()]
        # The row's own vectors, tested once per row (a NULL vector matches nothing). On the registry's
        # few hundred cards PostgreSQL reads every row's vectors whichever way it is asked; asked as
        # one "IN (SELECT ... @@ ...)" per word and vector, planning the dozen subqueries and
        # folding their tsqueries cost as much as running them.
        tests += [f"COALESCE({VECTORS[column]} @@ q.q{i}, FALSE) AS {column}{i}" for column in WEIGHTS]
        word_scores.append(f"GREATEST({', '.join(f'CASE WHEN {c}{i} THEN {WEIGHTS[c]} ELSE 0 END' for c in WEIGHTS)})")
        body_hits.append(f"(CASE WHEN body{i} THEN 1 ELSE 0 END)")
        if len(word.text) < typos.MIN_LENGTH:
            named.append(f"TRUE AS named{i}")  # too short to read as a typo
        else:
            # Typos only for a word that no name has: whether one has it is tested once (the WITH below).
            named.append(
                f"EXISTS (SELECT 1 FROM cards_cardsearchtext WHERE title_vector @@ q.q{i} "
                f"OR alias_vector @@ q.q{i} OR standard_vector @@ q.q{i}) AS named{i}"
            )
    codes = []
    for i, code in enumerate(parsed.occupation_codes):
        tests.append(f"CASE WHEN s.codes LIKE %s THEN 1.0 WHEN s.alias_codes LIKE %s THEN 0.5 ELSE 0 END AS code{i}")
        test_params += [f"% {code} %", f"% {code} %"]
        codes.append(f"code{i}")
    code_sql, code_params = _code_filter(parsed)
    where = f"WHERE {code_sql}" if code_sql else ""
    # The candidates with what a Match reads of them, joined (DISTINCT: one row per card, whatever the
    # filters join): planning "s.card_id IN (...)" and two more joins for these columns cost more.
    listed = cards.order_by().values("pk", "edition__standard_id", "position", "occupation_code", "title")
    card_sql, card_params = listed.distinct().query.sql_with_params()
    n = len(parsed.words)
    columns = [
        *word_scores,
        f"({' + '.join(body_hits) or '0'})",
        f"({' + '.join(codes) or '0'})",
        *(f"named{i}" for i in range(n)),
    ]
    # The names and their stems only where a word may be a typo: reading them costs more than the tests.
    stems = ", ".join(f"b.stems->>'{group}' AS {group}_stems" for group in typos.NAME_GROUPS)
    # MATERIALIZED: made once, not copied into every expression that reads them.
    sql = f"""
        WITH q AS MATERIALIZED (SELECT {", ".join(queries) or "TRUE AS none"}),
        named AS MATERIALIZED (SELECT *, NOT ({" AND ".join(f"named{i}" for i in range(n)) or "TRUE"}) AS typos
                               FROM (SELECT {", ".join(named) or "TRUE"} FROM q) tests)
        SELECT card_id, standard_id, position, language, occupation_code, title, names,
               {", ".join(f"{group}_stems" for group in typos.NAME_GROUPS)}, {", ".join(columns)}
        FROM (
            SELECT s.card_id, c.standard_id, c.position, s.language, c.occupation_code, c.title,
                   CASE WHEN named.typos THEN s.names ELSE '' END AS names,
                   {stems}, named.*{"".join(", " + t for t in tests)}
            FROM ({card_sql}) AS c (id, standard_id, position, occupation_code, title)
            JOIN cards_cardsearchtext s ON s.card_id = c.id
            CROSS JOIN q
            CROSS JOIN named
            CROSS JOIN LATERAL (SELECT {BODY + ", " if n else ""}{STEMS} OFFSET 0) b
            {where}
            OFFSET 0  -- keeps PostgreSQL from inlining the tests into every use of them
        ) tested
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [*query_params, *test_params, *card_params, *code_params])
        fetched = cursor.fetchall()
    matches, flags = [], [True] * n
    unread = typos.name_stems({})  # one for the rows of a query that reads no names (none of its words is a typo)
    for row in fetched:
        card, names, groups, values = row[:6], row[6], row[7:10], row[10:]  # card: Match's first six fields
        stems = typos.name_stems(dict(zip(typos.NAME_GROUPS, groups, strict=True))) if any(groups) else unread
        matches.append(
            Match(
                *card,
                word_scores=[float(v) for v in values[:n]],
                body_hits=int(values[n]),
                code_score=float(values[n + 1]),
                names=names,
                name_stems=stems,
            )
        )
        flags = list(values[n + 2 :])
    similar: dict[int, dict[int, float]] = {}

    def trigram(i: int, match: Match) -> float:
        if i not in similar:
            similar[i] = _similar(parsed.words[i].text, [match.card_id for match in matches])
        return WEIGHTS["alias"] * similar[i].get(match.card_id, 0.0)

    return matches, typos.read_typos(parsed.words, flags, matches, trigram)


def _similar(word: str, card_ids: list[int]) -> dict[int, float]:
    """The cards whose names ``word`` is similar to, by ``word_similarity``, at :data:`TRIGRAM_THRESHOLD`
    or more. Asked only for a word the typo reading reads as nothing: over every candidate's names
    it costs ~7 ms a word, more than the rest of the search."""
    sql = """
        SELECT card_id, similarity FROM (
            SELECT card_id, word_similarity(%s, names) AS similarity
            FROM cards_cardsearchtext WHERE card_id = ANY(%s)
            OFFSET 0  -- keeps PostgreSQL from computing it twice
        ) tested
        WHERE similarity >= %s
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [word, card_ids, TRIGRAM_THRESHOLD])
        return {card_id: float(similarity) for card_id, similarity in cursor.fetchall()}
