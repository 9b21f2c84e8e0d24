"""The shared parser, on real excerpts of order 569/НҚ (seed 001) and on the whole order.

Expectations for the two whole cards below were written by reading the source
text, not by printing the parser's output.

The excerpts are cut from fixtures/orders/order-569-2025-kk.txt, lines kept verbatim:
* legal_text_j065.txt: lines 1-2 (order title) + 18446-18954 (all of annex 13, J065: one card
  without a level in its body, the only additional labour function of the corpus);
* legal_text_j061.txt: lines 7741-7791 + 7800-7803 + 7809-7810 + 9544-10183 + 11203-11233
  (annex 5, J061, with only passport list items 5 and 6 and the two cards both numbered "14").
"""

import time
from pathlib import Path

import pytest

from importers import labels as L
from importers.parser import parse
from importers.readers import legal_text
from importers.records import ERROR, WARNING
from importers.tokens import Piece, Source, Token

ROOT = Path(__file__).resolve().parents[2]
EXCERPTS = ROOT / "fixtures" / "excerpts"
ORDER_569 = ROOT / "fixtures" / "orders" / "order-569-2025-kk.txt"


def parse_excerpt(name: str):
    return parse(legal_text.read((EXCERPTS / name).read_bytes(), name))


def skill_summary(skill):
    return (
        skill.title,
        len(skill.abilities),
        skill.abilities[0],
        skill.abilities[-1],
        len(skill.knowledge),
        skill.knowledge[0],
        skill.knowledge[-1],
        skill.recognition,
    )


@pytest.fixture(scope="module")
def j065():
    return parse_excerpt("legal_text_j065.txt")


@pytest.fixture(scope="module")
def j061():
    return parse_excerpt("legal_text_j061.txt")


@pytest.fixture(scope="module")
def order_569():
    start = time.perf_counter()
    document = parse(legal_text.read(ORDER_569.read_bytes(), ORDER_569.name))
    document.seconds = time.perf_counter() - start
    return document


# --- document and edition ------------------------------------------------------------


def test_it_reads_the_order_number_date_and_language(j065):
    assert (j065.language, j065.kind, j065.order_number, j065.order_date) == ("kk", "order", "569/НҚ", "2025-11-10")


def test_it_reads_the_passport_and_technical_data(j065):
    (edition,) = j065.editions
    assert edition.annex == 13 and edition.amending_annex is None
    assert (edition.code, edition.title, edition.heading_title) == (
        "J065",
        "Спорттық бағдарламалау жаттықтырушысы",
        "Спорттық бағдарламалау жаттықтырушысы",
    )
    assert edition.oked == ["62.02.0"]
    assert (edition.version_text, edition.version, edition.year) == ("Нұсқа 1, 2025 г.", 1, 2025)
    assert (edition.review_date, edition.sector_council, edition.national_body, edition.atameken) == (
        "11.01.2028 г.",
        "11.06.2025 г.",
        "15.10.2025 г.",
        "-",
    )
    assert edition.scope.startswith('"Спорттық бағдарламалау жаттықтырушысы" кәсіптік стандарты')
    assert "Жоба жетекшісі: Байгазина А." in edition.developers


def test_it_reads_the_passport_list_with_levels(j065):
    (item,) = j065.editions[0].card_list
    assert (item.position, item.title, item.level_min, item.level_max) == (
        1,
        "Спорттық бағдарламалау бойынша жаттықтырушы",
        6,
        6,
    )


# --- levels by position ------------------------------------------------------------------


def test_it_takes_the_level_from_the_passport_list_by_position(j065):
    card = j065.editions[0].cards[0]
    assert (card.level, card.level_source, card.level_text, card.list_level_text) == (
        6,
        "passport",
        "",
        "6 СБШ-нің деңгейі",
    )


def test_it_prefers_the_level_written_in_the_card_body(j061):
    assert [(c.number, c.level, c.level_source) for c in j061.editions[0].cards] == [
        ("14", 6, "card"),
        ("14", 5, "card"),
    ]


def test_it_keeps_cards_apart_when_their_printed_numbers_repeat(j061):
    cards = j061.editions[0].cards
    assert [(c.position, c.number, c.header_title) for c in cards] == [
        (1, "14", "Деректер базасын сүйемелдеу жөніндегі инженер"),
        (2, "14", "Деректер базасын басқару жүйесі жөніндегі маман"),
    ]
    assert [c.list_level_text for c in cards] == ["6 СБШ-нің деңгейі", "5 СБШ-нің деңгейі"]


def test_it_maps_levels_by_position_not_by_card_number():
    tokens = [
        Token(L.STANDARD_HEADING, 1, value=[Piece(1, '"S"')]),
        Token(L.CARD_LIST, 2, value=[Piece(3, "1) A - 5 СБШ-нің деңгейі;"), Piece(4, "2) B - 7 СБШ-нің деңгейі.")]),
        Token(L.CARD_HEADER, 5, 14, value=[Piece(5, '"A":')]),
        Token(L.LEVEL, 6),
        Token(L.CARD_HEADER, 7, 14, value=[Piece(7, '"B":')]),
        Token(L.LEVEL, 8),
    ]
    document = parse(Source("t.txt", [""] * 8, tokens, "test"))
    assert [c.level for c in document.editions[0].cards] == [5, 7]


# --- two whole cards, read from the source -------------------------------------------------


def test_it_reads_the_whole_j065_card(j065):
    card = j065.editions[0].cards[0]
    assert (card.position, card.number, card.header_title, card.title) == (
        1,
        "9",
        "Спорттық бағдарламалау бойынша жаттықтырушы",
        "Спорттық бағдарламалау бойынша жаттықтырушы",
    )
    assert (card.group_code, card.occupation_code) == ("2512-3", "-")
    assert [(e.level, e.specialty, e.qualification) for e in card.education] == [
        ("жоғары білім (бакалавриат, маман дәрежесі, ординатура)", "Ақпараттық-коммуникациялық технологиялар", "-")
    ]
    assert card.experience == "Бағдарламалауда кемінде 12 ай тәжірибесі"
    assert card.nonformal_education == "оқыту курстары, сертификаттау"
    assert card.other_titles == []
    assert card.purpose == "Спорттық бағдарламалау жарыстарын ұйымдастыру және оларға қатысуға дайындық."
    assert card.mandatory_function_list == [
        "Спорттық бағдарламалау бойынша оқу бағдарламаларын жасау",
        "Спорттық бағдарламалау жарыстарына қатысуға дайындық",
        "Жарысушылардың өнерін талдау",
    ]
    assert card.additional_function_list == ["Олимпиадаларды ұйымдастыру және өткізу"]
    assert [(f.number, f.kind, f.title) for f in card.labour_functions] == [
        (1, "mandatory", "Спорттық бағдарламалау бойынша оқу бағдарламаларын жасау"),
        (2, "mandatory", "Спорттық бағдарламалау жарыстарына қатысуға дайындық"),
        (3, "mandatory", "Жарысушылардың өнерін талдау"),
        (1, "additional", "Олимпиадаларды ұйымдастыру және өткізу"),
    ]
    skills = [[skill_summary(s) for s in f.skills] for f in card.labour_functions]
    assert skills == [
        [
            (
                "Олимпиадаларға дайындық жоспарын құрастыру",
                3,
                "Сабақтың тақырыптық жоспарын құрастыру",
                "Жарысқа қатысушылардың дағдыларын дамыту траекториясын құрастыру",
                3,
                "Алгоритмдер мен деректер құрылымдары",
                "Жаттығу контестері үшін тапсырмаларды таңдауы",
                "Ұсынылмайды",
            ),
            (
                "Спорттық бағдарламалау бойынша оқу-жаттығу бағдарламаларын әзірлеу",
                3,
                "Байқаушының жеке қабілеттерін анықтау",
                "Команданың ішкі динамикасын басқару",
                3,
                "Жарысқа қатысушылардың негізгі психологиялық типтері",
                "Командалар қалыптастыру әдістері",
                "Ұсынылмайды",
            ),
        ],
        [
            (
                "Жаттығу контестін өткізу",
                3,
                "Сайыс платформасында контест жасау",
                "Сайыс платформасында контест өткізу.",
                3,
                "Спорттық бағдарламалау бойынша сайыстарды өткізу форматы",
                "Сайыс платформасында қатысушыларды басқаруы",
                "Ұсынылмайды",
            ),
            (
                "Жаттығу сабақтарын өткізу",
                4,
                "Күрделі алгоритмдерді түсіндіру",
                "Қауіпсіздік техникасын, оның ішінде ақпараттық қауіпсіздік нормаларын сақтау",
                4,
                "Жетілдірілген алгоритмдер",
                "Қауіпсіздік техникасы, ақпараттық қауіпсіздік талаптары",
                "Ұсынылмайды",
            ),
            (
                "Тапсырмалар мен алгоритмдерді талдау",
                3,
                "Күрделі теориялық құрылымдарды түсінікті түсіндіру",
                "Деректер құрылымдарын нақты өмірден мысалдармен салыстыру",
                3,
                "Жетілдірілген алгоритмдері",
                "Алгоритмдердің нақты өмірде қолдану мысалдары",
                "Ұсынылмайды",
            ),
        ],
        [
            (
                "жарысушылардың мінез-құлық қателіктерін талдау",
                3,
                "Топтық жұмыстағы қателерді мойындау",
                "Жарысушылардың жеке қабілеттерін ескере отырып, топтық жұмыс тактикасын әзірлеу",
                3,
                "Топтық жұмыс психологиясы",
                "Топтық жұмыс тактикасын құру принциптері",
                "Ұсынылмайды",
            ),
            (
                "Бжарысушылардың техникалық қателіктерін талдау",
                3,
                "Бағдарлама кодын оқу",
                "Программа кодындағы логикалық қателерді анықтау",
                3,
                "Бағдарламалау тілдері",
                "Кодтау әдістері",
                "Ұсынылмайды",
            ),
        ],
        [
            (
                "Жарысты ұйымдастыру",
                4,
                "Жарыс регламентін әзірлеу",
                "Қауіпсіздік техникасын, соның ішінде ақпараттық қауіпсіздік нормаларын сақтау",
                4,
                "Спорттық бағдарламалау бойынша жарыстарды өткізу форматы",
                "Қауіпсіздік техникасы, ақпараттық қауіпсіздік талаптары",
                "Ұсынылады",
            )
        ],
    ]
    assert [s.number for f in card.labour_functions for s in f.skills] == [1, 2, 1, 2, 3, 1, 2, 1]
    assert card.personal_competencies == ["Жауапкершілік", "Күйзеліске тұрақтылық", "Шыдамдылық", "Тәртіптілік"]
    assert card.regulations == []
    assert [(r.level, r.title) for r in card.related] == [
        (None, "Бағдарламалық қамтылым жобалаушы"),
        (None, "Қосымшалар әзірлеуші"),
    ]


def test_it_reads_the_whole_first_j061_card_numbered_14(j061):
    card = j061.editions[0].cards[0]
    assert (card.group_code, card.occupation_code, card.title) == (
        "2521-1",
        "2521-1-001",
        "Деректер базасын сүйемелдеу жөніндегі инженер",
    )
    assert [(e.level, e.specialty, e.qualification) for e in card.education] == [
        ("жоғары білім (бакалавриат, маман дәрежесі, ординатура)", "Ақпараттық-коммуникациялық технологиялар", "-")
    ]
    assert (card.experience, card.nonformal_education) == ("Бейіні бойынша кемінде 3 жыл", "Жоқ")
    assert card.mandatory_function_list == [
        "ДБ-ны сүйемелдеу бойынша регламенттік жұмыстарды жүргізу.",
        "Сүйемелдеу кезінде деректер базасының жұмыс істеу қабілетін қамтамасыз ету.",
    ]
    assert card.additional_function_list == []
    assert [(f.number, f.kind, f.title) for f in card.labour_functions] == [
        (1, "mandatory", "ДБ-ны сүйемелдеу бойынша регламенттік жұмыстарды жүргізу"),
        (2, "mandatory", "Сүйемелдеу кезінде ДБ жұмыс істеу қабілетін қамтамасыз ету."),
    ]
    skills = [[skill_summary(s) for s in f.skills] for f in card.labour_functions]
    assert skills == [
        [
            (
                "Деректер базасының резервті көшірмесі",
                6,
                "Резервті көшіру рәсімдерін іске қосу.",
                "Деректерді архивтеу және көшіру.",
                3,
                "ДБ резервті көшірмелерін жасау бойынша практикалық тапсырмаларды шешудің жалпы негіздері.",
                "Ақпараттық қауіпсіздікті қамтамасыз ету әдістері.",
                "Ұсынылмайды",
            ),
            (
                "Деректер базасын қалпына келтіру",
                6,
                "Деректер базасын қалпына келтіру рәсімдерін іске қосу.",
                "Деректер базасы транзакцияларымен басқару және іске қосу.",
                3,
                "Деректер базасын қалпына келтіру бойынша практикалық міндеттерді шешудің жалпы негіздері.",
                "Орнатылған деректер базасымен жұмыс істеу бойынша арнайы білімдер.",
                "Ұсынылмайды",
            ),
            (
                "Деректердің сақталуын және тұтастығын, тиімділігін және функционалдылығын қамтамасыз ету",
                5,
                "Деректер базасы транзакцияларын басқару және іске қосу.",
                "Деректер базасын ұйым қажеттіліктеріне бейімдеу.",
                5,
                "Деректер базасыдың тұтастығын қамтамасыз ету әдістері.",
                "Рұқсат етілмеген қолжетімділіктен қорғау әдістері.",
                "Ұсынылмайды",
            ),
        ],
        [
            (
                "ДБ жұмысы процесін сүйемелдеу кезінде туындайтын оқиғалар мониторингі",
                5,
                "ДБ жұмысын бақылау.",
                "Деректер базасының қалыптан тыс жұмыс режиміндегі ауытқуларды талдау және оларды жою бойынша "
                "техникалық құжаттама мен регламентті пайдалану.",
                4,
                "Деректер базасының мониторингі үшін заманауи бағдарламалар мен утилиталар.",
                "Орнатылған деректер базасымен жұмыс істеу бойынша арнайы білімдер.",
                "Ұсынылмайды",
            ),
            (
                "Деректер базасын пайдалану барысында өтінімдерді қабылдау және пайдаланушыларға кеңес беру",
                5,
                "Пайдаланушыларға өтінімдер бойынша (пошта, телефон, ауызша қабылданған) техникалық қолдау көрсету.",
                "Пайдаланушылардың корпоративтік стандарттарға және ақпараттық қауіпсіздік саласындағы талаптарға "
                "сәйкестігін бақылау.",
                5,
                "Ақаулар мен қателіктерді жою жөніндегі рәсімдер.",
                "Іскерлік этиканың негіздері.",
                "Ұсынылмайды.",
            ),
        ],
    ]
    # "3.Сүйемелдеу ..." has no space after its number in the source
    assert card.labour_functions[1].skills[0].abilities[2].startswith("Сүйемелдеу процесінде")
    assert card.personal_competencies == [
        "Сыни талдау",
        "Тәртіптілік",
        "Жауапкершілік",
        "Орындалушылық",
        "Ұйымшылдық",
        "Іскерлік қарым-қатынас дағдылары.",
    ]
    assert [(r.level, r.title) for r in card.related] == [
        (6, "Деректер базасын әкімшілендіру жөніндегі маман (деректер базасы әкімшісі)"),
        (6, "Үлкен деректермен жұмыс істеу маманы"),
        (7, "Үлкен деректермен жұмыс істеу маманы"),
        (6, "Деректер базасы аналитигі"),
    ]


# --- robustness of the sequential reading -----------------------------------------------------


def _card_tokens(*body):
    head = [
        Token(L.CARD_HEADER, 1, 9, value=[Piece(1, '"A":')]),
        Token(L.LEVEL, 2, value=[Piece(2, "5")]),
        Token(L.MANDATORY_FUNCTIONS, 3, value=[Piece(3, "1. Бірінші функция"), Piece(4, "2. Екінші функция")]),
    ]
    tokens = head + list(body)
    return parse(Source("t.txt", ["x"] * 40, tokens, "test"))


def test_it_creates_the_listed_labour_function_for_a_skill_before_any_function():
    document = _card_tokens(Token(L.SKILL, 5, 1, value=[Piece(5, "Дағды")]))
    (function,) = document.editions[0].cards[0].labour_functions
    assert (function.number, function.title, [s.title for s in function.skills]) == (1, "Бірінші функция", ["Дағды"])
    assert any("skill before any labour function" in i.message for i in document.issues)


def test_it_takes_a_missing_labour_function_title_from_the_list():
    document = _card_tokens(Token(L.LABOUR_FUNCTION, 5, 2))
    assert document.editions[0].cards[0].labour_functions[0].title == "Екінші функция"


def test_it_starts_an_unnamed_skill_when_abilities_arrive_for_a_complete_skill():
    document = _card_tokens(
        Token(L.LABOUR_FUNCTION, 5, 1, value=[Piece(5, "F")]),
        Token(L.SKILL, 6, 1, value=[Piece(6, "S")]),
        Token(L.ABILITIES, 7, value=[Piece(7, "1. a")]),
        Token(L.KNOWLEDGE, 8, value=[Piece(8, "1. k")]),
        Token(L.RECOGNITION, 9, value=[Piece(9, "Не рекомендуется")]),
        Token(L.ABILITIES, 10, value=[Piece(10, "1. b")]),
    )
    skills = document.editions[0].cards[0].labour_functions[0].skills
    assert [(s.number, s.title, s.abilities) for s in skills] == [(1, "S", ["a"]), (2, "", ["b"])]


def test_it_ignores_a_skill_label_repeated_inside_one_skill():
    document = _card_tokens(
        Token(L.LABOUR_FUNCTION, 5, 1, value=[Piece(5, "F")]),
        Token(L.SKILL, 6, 1, value=[Piece(6, "S")]),
        Token(L.ABILITIES, 7, value=[Piece(7, "1. a")]),
        Token(L.SKILL, 8, 1, value=[Piece(8, "S")]),
        Token(L.KNOWLEDGE, 9, value=[Piece(9, "1. k")]),
    )
    (skill,) = document.editions[0].cards[0].labour_functions[0].skills
    assert (skill.abilities, skill.knowledge) == (["a"], ["k"])
    assert any(i.severity == "info" and "repeated" in i.message for i in document.issues)


def test_it_reports_text_tokens_inside_a_card_as_warnings():
    document = _card_tokens(Token("text", 5, value=[Piece(5, "жетім мәтін")]))
    assert [(i.line, i.text, i.severity) for i in document.issues if i.severity == WARNING] == [
        (5, "жетім мәтін", WARNING)
    ]


def test_it_reports_a_card_list_that_does_not_match_the_cards_as_an_error(j061):
    document = _card_tokens()
    messages = [i.message for i in document.issues if i.severity == ERROR]
    assert any("passport lists 0 cards" in m for m in messages)
    assert not [i for i in j061.issues if i.severity == ERROR]


# --- the whole order 569 ----------------------------------------------------------------------


def test_it_parses_the_whole_569_order(order_569):
    cards = [c for e in order_569.editions for c in e.cards]
    functions = [f for c in cards for f in c.labour_functions]
    skills = [s for f in functions for s in f.skills]
    share = order_569.card_chars_landed / order_569.card_chars_total
    print(
        f"\n569: {len(order_569.editions)} editions, {len(cards)} cards, {len(functions)} labour functions, "
        f"{len(skills)} skills, {sum(len(s.abilities) for s in skills)} abilities, "
        f"{sum(len(s.knowledge) for s in skills)} knowledge, {len(order_569.issues)} issues, "
        f"landed {order_569.card_chars_landed}/{order_569.card_chars_total} = {share:.5%}, "
        f"{order_569.seconds:.2f}s"
    )
    assert len(order_569.editions) == 22
    assert len(cards) == 118
    assert sum(f.kind == "mandatory" for f in functions) == 295
    assert sum(f.kind == "additional" for f in functions) == 1
    assert len(skills) == 559
    assert all(c.level is not None for c in cards)
    assert sum(c.level_source == "card" for c in cards) == 40
    assert sum(c.level_source == "passport" for c in cards) == 78
    assert share >= 0.995
    assert not [i for i in order_569.issues if i.severity == ERROR]


def test_it_numbers_the_569_annexes_1_to_22(order_569):
    assert [e.annex for e in order_569.editions] == list(range(1, 23))
    assert [e.code for e in order_569.editions][14] == "J069"
