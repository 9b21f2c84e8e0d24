"""The PDF-text reader on real excerpts (fixtures/excerpts/pdf_text_*.txt) and the three whole files.

Expectations were written by reading the source text, not by printing the reader's output.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from pathlib import Path

import pytest

from importers import labels as L
from importers.readers import pdf_text
from importers.tokens import RELATED_ROW, TEXT

ROOT = Path(__file__).resolve().parents[2] / "fixtures"
FILE_000 = ROOT / "orders" / "standard-J63991041-v2-2022-kk.txt"
FILE_002 = ROOT / "orders" / "standard-J62011023-old-kk.txt"
FILE_004 = ROOT / "orders" / "standard-it-user-support-v1-2019-ru.txt"
EXCERPT_000 = ROOT / "excerpts" / "pdf_text_000_passport_card9.txt"
EXCERPT_002 = ROOT / "excerpts" / "pdf_text_002_cards15_19.txt"
EXCERPT_004 = ROOT / "excerpts" / "pdf_text_004_cards6_11_12.txt"


@functools.cache
def read(path: Path):
    return pdf_text.read(path.read_bytes(), path.name)


def first(source, concept):
    return next(t for t in source.tokens if t.concept == concept)


def cards(source) -> list[dict]:
    """The tokens of each card as nested dicts, so tests read like the printed card."""
    out: list[dict] = []
    card = function = skill = None
    for token in source.tokens:
        c = token.concept
        if c == L.CARD_HEADER:
            card = {"number": token.number, "header": token.text, "fields": {}, "functions": [], "related": []}
            out.append(card)
        elif card is None:
            continue
        elif c == L.CHAPTER_4:
            card = None
        elif c in (L.LABOUR_FUNCTION, L.ADDITIONAL_LABOUR_FUNCTION):
            function = {"number": token.number, "title": token.text, "skills": []}
            card["functions"].append(function)
        elif c == L.SKILL:
            skill = {"number": token.number, "title": token.text, "abilities": [], "knowledge": [], "recognition": None}
            function["skills"].append(skill)
        elif c == L.ABILITIES:
            skill["abilities"] = [p.text for p in token.value]
        elif c == L.KNOWLEDGE:
            skill["knowledge"] = [p.text for p in token.value]
        elif c == L.RECOGNITION:
            skill["recognition"] = token.text
        elif c == RELATED_ROW:
            card["related"].append((token.number, token.text))
        elif c != TEXT:
            card["fields"].setdefault(c, token.text)
    return out


def outline(card) -> list[tuple]:
    """(function number, title, [(skill number, title, #abilities, #knowledge)])."""

    def skill(s):
        return (s["number"], s["title"], len(s["abilities"]), len(s["knowledge"]))

    return [(f["number"], f["title"], [skill(s) for s in f["skills"]]) for f in card["functions"]]


def ends(items: list[str]) -> tuple[str, str]:
    return items[0], items[-1]


# --- sniffing ------------------------------------------------------------------


@pytest.mark.parametrize("path", [FILE_000, FILE_002, FILE_004, EXCERPT_000, EXCERPT_002, EXCERPT_004])
def test_it_recognises_pdf_extracted_text(path):
    assert pdf_text.looks_like(path.read_bytes())


@pytest.mark.parametrize("name", ["order-569-2025-kk.txt", "order-209-2026-ru.txt"])
def test_it_leaves_legal_and_markdown_text_to_other_readers(name):
    assert not pdf_text.looks_like((ROOT / "orders" / name).read_bytes())


def test_it_leaves_real_pdf_files_to_the_pdf_reader():
    assert not pdf_text.looks_like(b"%PDF-1.7\n...")


# --- 000: Kazakh PDF text, no heading, Russian labels ---------------------------


def test_it_gives_000_an_empty_standard_heading_before_chapter_1():
    source = read(FILE_000)
    assert [t.concept for t in source.tokens[:2]] == [L.STANDARD_HEADING, L.CHAPTER_1]
    assert source.tokens[0].value == []
    assert source.language == "kk"


def test_it_reads_the_000_passport_with_its_russian_labels():
    source = read(EXCERPT_000)
    assert first(source, L.STANDARD_TITLE).text == "Компьютерлік жүйелердің инфрақұрылымы"
    assert first(source, L.STANDARD_CODE).text == "J63991041"
    assert first(source, L.DESCRIPTION).text == "Инфрақұрылымнан сәулетті жобалау"
    oked = [p.text for p in first(source, L.OKED).value]
    assert oked[0] == "J Ақпарат және байланыс"
    assert oked[-1] == (
        "63.99.1 Компьютерлендірілген телефон байланысы қызметтерін ұсынумен байланысты қызметтің өзге түрлері"
    )
    assert [p.text for p in first(source, L.CARD_LIST).value] == [
        "1) АТ-инфрақұрылым сәулетшілері - 7 уровень ОРК",
        "2) Ақпараттық технологиялар инфрақұрылымы инженері - 6 уровень ОРК",
        "3) Ақпараттық технологиялар инфрақұрылымы инженері - 7 уровень ОРК",
        "4) АТ-инфрақұрылым сәулетшілері - 5 уровень ОРК",
        "5) АТ-инфрақұрылым сәулетшілері - 6 уровень ОРК",
    ]


def test_it_reads_000_card_9_whole():
    (card,) = cards(read(EXCERPT_000))
    assert card["number"] == 9
    assert card["header"] == "«АТ-инфрақұрылым сәулетшілері»:"
    fields = card["fields"]
    assert fields[L.GROUP_CODE] == "2521-2"
    assert fields[L.OCCUPATION_CODE] == "2521-2-001"
    assert fields[L.PROFESSION_NAME] == "АТ-инфрақұрылым сәулетшілері"
    assert fields[L.LEVEL] == "7"  # "СБШ бойынша біліктілік" / "деңгейі:" / "" / "7"
    assert fields[L.SUBLEVEL] == ""  # "подуровень квалификации" / "по ОРК:"
    assert fields[L.EDUCATION_LEVEL] == "жоғары оқу орнынан кейінгі білім (магистратура, резидентура)"
    assert fields[L.SPECIALTY] == "Ақпараттық-коммуникациялық технологиялар"
    assert fields[L.QUALIFICATION] == "-"
    assert fields[L.PURPOSE] == (
        "Аппараттық құралдар, инфрақұрылым, байланыс құралдары және аппараттық "
        "компоненттер сияқты АКТ желілерінің топологиясы мен қосылу мүмкіндіктерін дамыту"
    )
    assert fields[L.ETKS_LEVEL].startswith("Басшылар, мамандар және басқа да қызметшілер")
    assert fields[L.ETKS_LEVEL].endswith("185. Техник-бағдарламашы 284. Инженер-жобалаушы 140 инженер-бағдарламашы")
    assert outline(card) == [
        (1, "Ұйымның инфрақұрылымынан жобаны басқару", [(1, "АТ-инфрақұрылым жобасын іске асыру", 2, 2)]),
        (
            2,
            "Ұйымның инфрақұрылымын дамыту",
            [
                (1, "Ұйымның инфрақұрылымын дамыту стратегиясын қалыптастыру", 6, 11),
                (2, "Ұйымның АТ-инфрақұрылымының қауіпсіздік стратегиясын қалыптастыру", 9, 12),
            ],
        ),
    ]
    skill = card["functions"][0]["skills"][0]
    assert skill["abilities"] == [
        "1. Инфрақұрылымнан жобалау және әзірлеу процестерінің сапасын бағалау және бақылау, процестерді басқару",
        "2. Инфрақұрылымды жобалау және әзірлеу процесін бақылау және оңтайландыру",
    ]
    assert skill["knowledge"] == [
        "1. Инфрақұрылымды жобалау және әзірлеу стандарттары мен әдістемелері",
        "2. Процестерді жобалау және әзірлеу стандарттары мен әдістері",
    ]
    assert skill["recognition"] == "-"
    strategy, security = card["functions"][1]["skills"]
    assert ends(strategy["abilities"]) == (
        "1. Ұйымның инфрақұрылымын дамытуды ұзақ мерзімді жоспарлауды жүзеге асыру",
        "6. Бағдарламалық-техникалық құралдарды жаңғырту және модификациялау регламенттерін әзірлеу",
    )
    assert ends(strategy["knowledge"]) == (
        "1. Қолданыстағы ақпараттық жүйелер мен бизнес-процестерді сәйкестендіру",
        "11. Жүйелік талдау теориясы",
    )
    assert ends(security["abilities"]) == (
        "1. Ұйымның ақпараттық қауіпсіздік міндеттерін тұжырымдау",
        "9. Ақпараттық қауіпсіздік міндеттерін тұжырымдау",
    )
    assert ends(security["knowledge"]) == (
        "1. Ақпараттық қауіпсіздік саласындағы отандық стандарттар",
        "12. Ақпараттық қауіпсіздік саясатының типтік модельдері және олардың қолданылу шекаралары",
    )
    # "6 Ақпараттық технологиялар инфрақұрылымының" / "" / "инженері"
    assert card["related"] == [
        (6, "Ақпараттық технологиялар инфрақұрылымының инженері"),
        (7, "Ақпараттық технологиялар инфрақұрылымының инженері"),
    ]


def test_it_splits_the_merged_column_labels_of_000():
    concepts = [t.concept for t in read(EXCERPT_000).tokens]
    # "Кәсіптік білім деңгейі: Білім деңгейі:" and "СБШ-нің деңгейі: Кәсіптің атауы:"
    assert [L.EDUCATION, L.EDUCATION_LEVEL] == concepts[concepts.index(L.EDUCATION) :][:2]
    assert [L.RELATED, L.RELATED_LEVEL_COLUMN, L.RELATED_NAME_COLUMN, RELATED_ROW] == concepts[
        concepts.index(L.RELATED) :
    ][:4]


def test_it_reads_000_card_10_whole():
    card = cards(read(FILE_000))[1]
    assert (card["number"], card["header"]) == (10, "«Ақпараттық технологиялар инфрақұрылымы инженері»:")
    assert card["fields"][L.OCCUPATION_CODE] == "2523-0-007"
    assert card["fields"][L.LEVEL] == "6"
    assert card["fields"][L.OTHER_TITLES] == "2522-0-006 - Жүйелік әкімші"
    assert outline(card) == [
        (
            1,
            "Жүйенің жұмыс істеуін ұйымдастыру үшін кәсіпорын объектілері арасында өзара байланыс құру",
            [
                (
                    1,
                    "АТ инфрақұрылымының өзара байланысты компоненттерінің жұмыс қабілеттілігі мен қауіпсіздігін "
                    "қамтамасыз ету",
                    3,
                    3,
                ),
                (2, "АТ инфрақұрылымын құжаттау", 3, 5),
            ],
        ),
        (
            2,
            "АТ инфрақұрылымының компоненттерін бақылау және жаңғырту",
            [
                (1, "Инфрақұрылым компоненттерін жаңартуды жоспарлау", 4, 2),
                (2, "АТ инфрақұрылымында компьютерлік жүйелердің өзара іс-қимылына бақылау жүргізу", 4, 4),
            ],
        ),
    ]
    skills = [s for f in card["functions"] for s in f["skills"]]
    assert ends(skills[0]["abilities"]) == (
        "1. Кәсіпорыннан Инфрақұрылым архитектурасын әзірлеу.",
        "3. Инфрақұрылым жүйелерінің істен шығуына және істен шығуына байланысты оқиғаларды шешу",
    )
    assert ends(skills[1]["knowledge"]) == (
        "1. Заманауи бағдарламалық қосымшаларды білу",
        "5. АТ инфрақұрылымын ұйымдастыру жөніндегі халықаралық және республикалық стандарттар",
    )
    assert ends(skills[2]["knowledge"]) == (
        "1. Жүйе мен жабдықты бақылау құралдары.",
        "2. Ақпараттандыру мәселелері бойынша салалық заңдарды, ережелерді, талаптарды, стандарттарды және "
        "басқа да нормативтік құқықтық актілерді білу",
    )
    assert ends(skills[3]["abilities"]) == (
        "1. Бағдарламалық өнімді жаңарту жоспарын жасаңыз.",
        "4. Ақпараттық технологиялардың жұмыс принциптері мен озық тәжірибесін, Ақпараттық жүйелерді "
        "сүйемелдеуді қолдану.",
    )
    assert card["related"] == [(6, "АТ инфрақұрылымының сәулетшісі"), (7, "АТ инфрақұрылымының сәулетшісі")]


def test_it_reads_the_000_technical_data():
    source = read(FILE_000)
    assert first(source, L.VERSION).text == "версия 2, 2022 г."
    assert first(source, L.REVIEW_DATE).text == "30.12.2025 г."
    assert first(source, L.ATAMEKEN).text == "-"


def test_each_item_keeps_the_source_line_it_starts_on():
    source = read(FILE_000)
    abilities = first(source, L.ABILITIES)
    assert [p.line for p in abilities.value] == [160, 163]
    assert abilities.value[1].text.startswith("2. Инфрақұрылымды жобалау")
    assert abilities.line == 158


# --- 002: Kazakh PDF text, truncated --------------------------------------------


def test_it_reads_002_card_15_with_one_function_and_one_skill():
    source = read(EXCERPT_002)
    assert first(source, L.STANDARD_HEADING).text == "«Бұлтты технологиялар бойынша әзірлемелер»"
    card = cards(source)[0]
    assert (card["number"], card["header"]) == (15, "«Бұлтты технология сәулетшісі»:")
    fields = card["fields"]
    assert (fields[L.GROUP_CODE], fields[L.OCCUPATION_CODE], fields[L.LEVEL]) == ("2521-2", "-", "5")
    assert fields[L.EDUCATION_LEVEL] == "орта білімнен кейінгі (қолданбалы бакалавриат)"
    assert fields[L.PURPOSE] == (
        "Бұлтты сақтау және өңдеу ресурстарын пайдаланатын бұлтты есептеу моделіне "
        "негізделген шешімдерді жобалау және әзірлеу"
    )
    assert outline(card) == [
        (1, "Бұлтты дамыту", [(1, "Ұйымның бизнес талаптарын ескере отырып, бұлтты шешімдерді жобалау", 3, 3)])
    ]
    skill = card["functions"][0]["skills"][0]
    assert ends(skill["abilities"]) == (
        "1. Бұлтты есептеудің дайын архитектурасына негізделген жүйелерді модельдеу",
        "3. Ресми сипаттамаларды тексеру әдістері мен технологияларын қолданыңыз",
    )
    assert ends(skill["knowledge"]) == (
        "1. Ресми сипаттамаларды тексеру әдістері мен технологиялары",
        "3. Тиімді талдау мен жобалаудың негізгі әдістері мен құралдары",
    )
    assert skill["recognition"] == "-"
    assert card["related"] == []


def test_it_reads_002_card_19_whose_name_follows_three_blank_lines():
    card = cards(read(EXCERPT_002))[1]
    assert (card["number"], card["header"]) == (19, "«Бұлтты технологияны жасаушы»:")
    fields = card["fields"]
    assert fields[L.PROFESSION_NAME] == "Бұлтты технологияны жасаушы"
    assert (fields[L.GROUP_CODE], fields[L.OCCUPATION_CODE], fields[L.LEVEL]) == ("2512-1", "-", "6")
    assert fields[L.ETKS_LEVEL] == "КС Бағдарламалық жасақтама инженері (бағдарламашы)"
    assert outline(card) == [
        (
            1,
            "Бұлтты жүйелердің жұмысын басқару және бағдарламалық қамтамасыз етуді әзірлеу",
            [
                (1, "Бұлтты жүйенің бағдарламалық жасақтамасын кодтау", 8, 18),  # the source prints 8 + 10 items
                (2, "Бұлтты жүйе компоненттері деңгейінде кодты талдау және оңтайландыру", 2, 10),
            ],
        ),
        (2, "Бұлтты жүйелерді жобалау және қолдау", [(1, "Бұлтты жүйелерді пайдалану", 3, 2)]),
    ]
    coding, tuning = card["functions"][0]["skills"]
    assert coding["abilities"][0] == (
        "1. Бұлтты жүйелердің функцияларын жүзеге асыру: Бағдарламаның орындалу кодын жазу, желіаралық "
        "байланыс, бағдарламаларды қорғау және көп қолданушы жүйелеріндегі кіру құқықтарын ажырату"
    )
    assert coding["abilities"][-1] == "8. Бұлтты жүйелерді дамытуға арналған жобалық құжаттаманы оқыңыз;"
    assert coding["knowledge"][-1] == "10. Нұсқаларды басқару жүйелері;"
    assert ends(tuning["knowledge"]) == (
        "1. Бағдарламалық жасақтаманы оңтайландырудың негізгі принциптері мен әдістері;",
        "10. Деректерді шифрлау әдістері мен әдістері;",
    )
    using = card["functions"][1]["skills"][0]
    assert ends(using["abilities"]) == (
        "1. Тест жиынтықтарын, сценарийлерді және тест кодын әзірлеу құралдарын қолдану;",
        "3. Тестілеудің әртүрлі түрлерін жүргізу: функционалдық, өнімділік, жүктеме, қауіпсіздік, үйлесімділік;",
    )
    assert card["related"] == [(6, "Бұлтты есептеу маманы"), (7, "Бұлтты есептеу маманы")]


def test_it_stops_002_at_the_truncated_end():
    source = read(FILE_002)
    assert source.tokens[-1].concept == L.ATAMEKEN
    assert first(source, L.NATIONAL_BODY).text == "23.02.2024 г."
    assert not [t for t in source.tokens if t.concept in (L.VERSION, L.REVIEW_DATE)]


# --- 004: Russian 2019 layout ---------------------------------------------------


def test_it_reads_the_004_heading_and_passport():
    source = read(FILE_004)
    assert source.language == "ru"
    assert first(source, L.STANDARD_HEADING).text == "«Поддержка пользователей ИТ»"
    assert first(source, L.CHAPTER_1).label == "Глоссарий"
    assert first(source, L.STANDARD_TITLE).text == "Поддержка пользователей ИТ"
    assert first(source, L.STANDARD_CODE).text == ""
    oked = [p.text.split()[0] for p in first(source, L.OKED).value]
    assert {"62.02.1", "95.11.0", "95.12.0"} <= set(oked)
    assert [p.text for p in first(source, L.CARD_LIST).value] == [
        "Аналитик службы поддержки 4-5-й уровни ОРК",
        "Консультант по поддержке пользователя ИТ 4-5-й уровни ОРК",
        "Оператор Call-центра по поддержке пользователей ИТ 4-5-й уровни ОРК",
        "Помощник по анализу компьютерных систем 4-5-й уровни ОРК",
        "Специалист-техник базы данных 4-5-й уровни ОРК",
        "Техник службы технической поддержки пользователей ИТ 3-4-й уровни ОРК",
    ]


def test_it_puts_the_004_card_list_before_chapter_3_and_card_fields_first():
    concepts = [t.concept for t in read(EXCERPT_004).tokens]
    assert concepts.index(L.CARD_LIST) < concepts.index(L.CHAPTER_3) < concepts.index(L.CARD_HEADER)
    header = concepts.index(L.CARD_HEADER)
    assert concepts[header : header + 11] == [
        L.CARD_HEADER,
        L.GROUP_CODE,
        L.OCCUPATION_CODE,
        L.PROFESSION_NAME,
        L.LEVEL,
        L.ETKS_LEVEL,
        L.EDUCATION,
        L.EDUCATION_LEVEL,
        L.SPECIALTY,
        L.QUALIFICATION,
        L.OTHER_TITLES,
    ]


def test_it_reads_the_004_card_with_functions_1_and_3_and_first_task_2():
    card = cards(read(EXCERPT_004))[0]
    assert (card["number"], card["header"]) == (None, "«ОПЕРАТОР CALL-ЦЕНТРА ПО ПОДДЕРЖКЕ ПОЛЬЗОВАТЕЛЕЙ ИТ»")
    fields = card["fields"]
    assert (fields[L.OCCUPATION_CODE], fields[L.GROUP_CODE], fields[L.LEVEL]) == ("3512-1-003", "3512-1", "4")
    assert fields[L.PROFESSION_NAME] == "Оператор Call-центра по поддержке пользователей ИТ"
    assert fields[L.OTHER_TITLES] == "Оператор технической поддержки"
    assert fields[L.ETKS_LEVEL] == "Не представлен -"
    assert outline(card) == [
        (
            1,
            "Контроль качества обработки обращений клиентов",
            [
                (2, "Оценка действий специалистов при обработке обращений клиентов", 4, 3),
                (3, "Формализация результатов измерения качества обработки обращений клиентов", 4, 5),
            ],
        ),
        (
            3,
            "Планирование ресурсов для обработки обращений клиентов",
            [
                (1, "Прогноз объемов обращений клиентов и наличия ресурсов в контактном информационном центре", 6, 5),
                (2, "Расчет необходимого количества ресурсов для обработки обращений", 5, 4),
            ],
        ),
    ]
    rating, formalising = card["functions"][0]["skills"]
    assert ends(rating["abilities"]) == (
        "1. Проводить сравнение фактических действий специалиста по дистанционному обслуживанию с действиями, "
        "необходимыми для удовлетворения цели обращения клиента",
        "4. Классифицировать ошибки оператора Call-центра по поддержке пользователей ИТ по признакам критичности "
        "с точки зрения клиентов, организации и регулирующих органов",
    )
    assert formalising["abilities"][-1] == (
        "4. Создавать отчет по результатам мониторинга качества для каждого специалиста, группы операторов "
        "Call-центра по поддержке пользователей ИТ"
    )
    assert ends(formalising["knowledge"]) == (
        "1. Стандарты организации, регламентирующие составление отчетов по результатам мониторинга",
        "5. Основные положения методических документов, национальных и международных стандартов в сфере "
        "контроля качества обслуживания клиентов",
    )
    forecast = card["functions"][1]["skills"][0]
    # The page number "22" sits inside item 4; the item stays whole.
    assert forecast["abilities"][3] == (
        "4. Выявлять наличие и рассчитывать параметры тенденций изменения объектов прогнозирования"
    )
    assert forecast["recognition"] is None  # the 2019 layout has no recognition field
    assert card["related"] == [(4, "Специалист службы поддержки"), (5, "Специалист службы поддержки")]


def test_it_emits_004_page_numbers_as_text_after_the_value_they_interrupt():
    source = read(FILE_004)
    texts = [(t.line, t.text) for t in source.tokens if t.concept == TEXT]
    assert texts == [(720, "8"), (1778, "17"), (2267, "22"), (2349, "23"), (3635, "35")]
    index = next(i for i, t in enumerate(source.tokens) if t.concept == TEXT and t.text == "22")
    assert source.tokens[index - 1].concept == L.ABILITIES


def test_it_reads_the_last_two_004_cards_whose_profession_is_on_the_next_lines():
    card_11, card_12 = cards(read(EXCERPT_004))[1:]
    for card in (card_11, card_12):
        assert card["fields"][L.PROFESSION_NAME] == "Техник службы технической поддержки пользователей ИКТ"
        assert card["fields"][L.OTHER_TITLES] == "Оператор технической поддержки"
        assert card["fields"][L.OCCUPATION_CODE] == "3512-1-006"
        assert card["related"] == [(4, "Консультант по поддержке пользователя ИТ")]
    assert card_11["fields"][L.LEVEL] == "3"  # " Квалификационный" / "" / "уровень по ОРК: 3"
    assert card_12["fields"][L.LEVEL] == "4"
    assert [(f["number"], f["title"]) for f in card_11["functions"]] == [
        (1, "Технические работы по обслуживанию инфокоммуникационной системы"),  # "Трудовая " / "функция 1:"
        (2, "Обслуживание инфокоммуникационных систем"),
    ]
    assert outline(card_12) == [
        (
            1,
            "Технические работы по обслуживанию инфокоммуникационной системы",
            [
                (
                    1,
                    "Выполнение работ по управлению стандартными изменениями в технических и программных средствах "
                    "инфокоммуникационных систем",
                    5,
                    7,
                ),
            ],
        ),
        (
            2,
            "Обслуживание инфокоммуникационных систем",
            [
                (
                    1,
                    "Устранение проблем, возникающих при установке, настройке и обновлении программного и "
                    "аппаратного обеспечения",
                    3,
                    3,
                ),
                (2, "Устранение проблем, возникающих в ходе эксплуатации программного и аппаратного обеспечения", 3, 3),
            ],
        ),
        # "Трудовая Задача 1: Умения:" / " функция 3:"
        (
            3,
            "Обслуживание сетевых устройств инфокоммуникационной системы",
            [
                (
                    1,
                    "Выполнение работ по выявлению и устранению сложных инцидентов, возникающих на сетевых устройствах "
                    "инфокоммуникационных систем",
                    4,
                    10,
                ),
                (
                    2,
                    "Проведение анализа и нахождение основных причин сложных проблем, возникающих на сетевых "
                    "устройствах инфокоммуникационных систем",
                    6,
                    4,
                ),
            ],
        ),
    ]
    incidents, analysis = card_12["functions"][2]["skills"]
    assert ends(incidents["abilities"]) == (
        "1. Анализировать сообщения об ошибках в сетевых устройствах и операционных системах",
        "4. Пользоваться нормативно-технической документацией в области сетевых устройствах "
        "инфокоммуникационных систем",
    )
    assert incidents["knowledge"][-1] == (
        "10. Требования охраны труда при работе с сетевой аппаратурой сетевых устройствах инфокоммуникационных систем"
    )
    assert ends(analysis["abilities"]) == (
        "1. Документировать изменения в конфигурации администрируемого программного обеспечения сетевых "
        "устройств информационно-коммуникационных систем",
        "6. Документировать учетную информацию об использовании сетевых ресурсов согласно утвержденному графику",
    )
    assert ends(analysis["knowledge"]) == (
        "1. Инструкции по установке программного обеспечения на сетевых устройствах инфокоммуникационных систем",
        "4. Основы электротехнических измерений",
    )


def test_it_reads_the_004_technical_data():
    source = read(EXCERPT_004)
    assert first(source, L.CHAPTER_4).label == "3. Технические данные Профессионального стандарта"
    assert first(source, L.VERSION).text == "Версия 1, 2019 год"  # "Номер версии и год" / "выпуска: Версия 1, 2019 год"
    assert first(source, L.REVIEW_DATE).text == "30.12.2022"


def test_it_reads_a_004_label_split_around_its_value():
    card = cards(read(FILE_004))[0]
    # "Другие возможные Специалист службы поддержки" / " названия профессии:"
    assert card["fields"][L.OTHER_TITLES] == "Специалист службы поддержки"
    assert card["fields"][L.PURPOSE] == (
        "Обеспечение технической поддержки по вопросам сопровождаемого продукта инфокоммуникационных систем"
    )
    # "Дополнительные - " / " трудовые " / "функции" (card at line 3414)
    source = read(FILE_004)
    extra = [t for t in source.tokens if t.concept == L.ADDITIONAL_FUNCTIONS and t.line == 3450]
    assert [t.text for t in extra] == ["-"]


def test_it_rejoins_words_the_2019_pdf_broke_without_a_hyphen():
    source = read(FILE_004)
    qualification = next(t for t in source.tokens if t.concept == L.QUALIFICATION)
    assert (qualification.line, qualification.label) == (490, "Квалификация:")  # "Квалификаци" / "я:"
    function = next(t for t in source.tokens if t.concept == L.LABOUR_FUNCTION)
    assert function.text.endswith("поддерживаемого продукта инфокоммуникационных систем")  # "…цион" / "ных"


def test_it_untangles_the_004_row_where_function_task_and_abilities_interleave():
    card = cards(read(FILE_004))[2]  # "Трудовая функция 3:" at line 1067, "Умения:" before "Задача 1:"
    function = card["functions"][2]
    assert function["title"] == (
        "Решение, возникших проблем при установке и эксплуатации аппаратного, "
        "программного и программно-аппаратного обеспечения инфокоммуникационных "
        "систем и/или их составляющих"
    )
    (task,) = function["skills"]
    assert task["title"] == (
        "Устранение проблемных ситуаций, возникших у клиента при первичном конфигурировании "
        "аппаратного, программного и программно-аппаратного обеспечения "
        "инфокоммуникационных систем и/или их составляющих"
    )
    assert task["abilities"][0] == (
        "1. Настраивать специализированные операционные системы, используемые в поддерживаемом оборудовании."
    )
    assert len(task["abilities"]) == 4


# --- totals over the whole files (NOTES §0 and §2) --------------------------------


def totals(source) -> tuple[int, int, int]:
    concepts = Counter(t.concept for t in source.tokens)
    return (
        concepts[L.CARD_HEADER],
        concepts[L.LABOUR_FUNCTION] + concepts[L.ADDITIONAL_LABOUR_FUNCTION],
        concepts[L.SKILL],
    )


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (FILE_000, (5, 10, 19)),
        (FILE_002, (11, 23, 34)),
        (FILE_004, (12, 29, 49)),
    ],
)
def test_it_finds_every_card_labour_function_and_skill(path, expected):
    assert totals(read(path)) == expected


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (FILE_000, "2521-2-001/7; 2523-0-007/6; 2523-0-007/7; 2521-2-001/5; 2521-2-001/6"),
        (FILE_002, "2529-0-001/6; 2529-0-001/7; -/7; -/5; -/6; -/7; -/5; -/6; -/7; -/5; -/6"),
        (
            FILE_004,
            "3512-1-001/4; 3512-1-001/5; 3512-1-002/4; 3512-1-002/5; 3512-1-003/3; 3512-1-003/4; "
            "3512-1-004/4; 3512-1-004/5; 3512-1-005/4; 3512-1-005/5; 3512-1-006/3; 3512-1-006/4",
        ),
    ],
)
def test_every_card_has_its_code_and_level_in_the_body(path, expected):
    found = [f"{c['fields'][L.OCCUPATION_CODE]}/{c['fields'][L.LEVEL]}" for c in cards(read(path))]
    assert "; ".join(found) == expected


@pytest.mark.parametrize(
    ("path", "numbers"),
    [
        (FILE_000, [9, 10, 11, 12, 13]),
        (FILE_002, list(range(9, 20))),
        (FILE_004, [None] * 12),
    ],
)
def test_it_keeps_the_printed_card_numbers(path, numbers):
    assert [c["number"] for c in cards(read(path))] == numbers


@pytest.mark.parametrize("path", [FILE_000, FILE_002])
def test_the_kazakh_files_leave_no_text_unplaced(path):
    assert [t for t in read(path).tokens if t.concept == TEXT] == []


@pytest.mark.parametrize("path", [FILE_000, FILE_002, FILE_004, EXCERPT_000, EXCERPT_002, EXCERPT_004])
def test_it_drops_no_text_but_passport_numbering(path):
    source = read(path)
    spaces = re.compile(r"\s+")
    printed = Counter(spaces.sub("", "".join(source.lines)))
    kept: Counter = Counter()
    for token in source.tokens:
        kept.update(spaces.sub("", token.label))
        for piece in token.value:
            kept.update(spaces.sub("", piece.text))
        if token.concept == RELATED_ROW and token.number is not None:
            kept.update(str(token.number))
    assert set(printed - kept) <= set("0123456789.")  # "4. Название …", "14. Мемлекеттік …"
    assert not kept - printed


def test_it_reads_000_card_12_whole():
    # Lines 738-961, read from the source.
    card = cards(read(FILE_000))[3]
    assert (card["number"], card["header"]) == (12, "«АТ-инфрақұрылым сәулетшілері»:")
    assert card["fields"][L.GROUP_CODE] == "2521-2"
    assert card["fields"][L.OCCUPATION_CODE] == "2521-2-001"
    assert card["fields"][L.PROFESSION_NAME] == "АТ-инфрақұрылым сәулетшілері"
    assert card["fields"][L.LEVEL] == "5"
    assert outline(card) == [
        (
            1,
            "АТ-инфрақұрылым жобасын әзірлеу және оны жүзеге асыру",
            [
                (1, "АТ-инфрақұрылымына техникалық аудит жүргізу және техникалық тапсырманы әзірлеу", 7, 7),
                (2, "ІТ-инфрақұрылым жобасын әзірлеу", 6, 7),
            ],
        ),
        (
            2,
            "Ұйымның АТ-инфрақұрылымын жобалық басқару",
            [
                (1, "ІТ-инфрақұрылым жобасын іске асыру", 8, 5),
                (2, "АТ-инфрақұрылымы үшін as-built құжаттамасын әзірлеу", 2, 5),
            ],
        ),
    ]
    skills = [s for f in card["functions"] for s in f["skills"]]
    assert ends(skills[0]["abilities"]) == (
        "1. Аппараттық және бағдарламалық қамтамасыз етудің компанияның ішкі бизнес-процестерінің талаптарына "
        "сәйкестігін талдау",
        "7. АКТ желісін диагностикалау құралдарын енгізу",
    )
    assert ends(skills[0]["knowledge"]) == (
        "1. АТ-инфрақұрылым аудитінің принциптері мен әдістері",
        "7. Жобалық-техникалық құжаттамаға қойылатын талаптарды анықтайтын нормативтік-техникалық құжаттар "
        "(стандарттар мен ережелер).",
    )
    assert ends(skills[1]["abilities"]) == (
        "1. Жобаның функционалдық талаптарын анықтау",
        "6. АКТ желісінің болашақ қажеттіліктерін болжаңыз",
    )
    assert ends(skills[1]["knowledge"]) == (
        "1. Ақпараттық технологиялар архитектурасының классификациясы",
        "7. АКТ қауіпсіздігі саласындағы заңнама",
    )
    assert ends(skills[2]["abilities"]) == (
        "1. Желілік инфрақұрылымды қалыптастыруға қатысу",
        "8. Перифериялық жабдықты орнату",
    )
    assert ends(skills[2]["knowledge"]) == (
        "1. Желілік технологиялар мен жабдықтардың жұмыс істеу принциптері",
        "5. Ұйымның АТ-инфрақұрылымын басқарудың әдістері мен жүйелері",
    )
    assert ends(skills[3]["abilities"]) == (
        "1. Пайдаланылатын жабдықтар мен бағдарламалық қамтамасыз ету тізімдерін әзірлеу",
        "2. Жабдықтардың макеттерін әзірлеу (тіректер, шкафтар, серверлер, коммутациялық жабдық, UPS, қуат "
        "қосылымдары, жабдыққа бірегей атаулар мен нөмірлер беріледі)",
    )
    assert ends(skills[3]["knowledge"]) == (
        "1. Ұйымның АТ-инфрақұрылымының құрылымы, құрамы, міндеттері және маңызы.",
        "5. Ұйымның құжаттамалық стандарттары",
    )
    assert [s["recognition"] for s in skills] == ["-", "-", "-", "-"]
    assert card["related"] == [
        (6, "Ақпараттық технологиялар инфрақұрылымының инженері"),
        (7, "Ақпараттық технологиялар инфрақұрылымының инженері"),
    ]


def test_it_gives_back_the_education_lines_the_004_pdf_mixed_into_the_qualification():
    # Card 7 (lines 2676-2715) mixes the three columns line by line; card 10 (3753) puts a
    # specialty among the qualifications. Card 8 (3054-3095) prints the same values cleanly.
    source = read(FILE_004)
    for position in (6, 7, 9):
        card = cards(source)[position]
        assert card["fields"][L.EDUCATION_LEVEL] == (
            "Общее среднее образование, ТиПО (5 уровень МСКО) Аттестат о среднем образовании"
        )
        assert card["fields"][L.SPECIALTY] == (
            "1304000 Вычислительная техника и программное обеспечение (по видам) "
            "1305000 Информационные системы (по областям применения)"
        )
        assert card["fields"][L.QUALIFICATION] == (
            "130404 3 Техник-программист 130410 2 Кодировщик 130411 2 Тестировщик 130502 3 Техник-программист "
            "130505 2 Помощник разработчика программного обеспечения"
        )
