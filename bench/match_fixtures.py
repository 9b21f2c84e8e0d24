"""Write the matching bench's test texts (fixtures/match/) from the registry, reworded.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/registry_matching_bench .venv/bin/python bench/match_fixtures.py

Reads the in-force cards of ``DATABASE_URL`` (the bundled orders imported) and, for 24 Kazakh and
24 Russian cards of different standards and positions (chosen with a fixed seed), writes a
vacancy-like text assembled from a shuffled subset of the card's skills: for each chosen skill
its title and about two thirds of its abilities and knowledge, each reworded the way a vacancy
writes them (a lead phrase such as "Опыт ..." / "... тәжірибесі" with the first or last word
inflected to fit, a word dropped from long lines, list parts reordered), shuffled, between an
employer's opening and an offer's boilerplate that names no skill. ``fixtures/match/manifest.json``
records per text its file, language, source card (``J070/3``) and the known covered subset: the
items used, by their path in the card (function, skill, kind, number; 0-based) and text, plus any
other item of the card with the same text. The texts are committed; rerunning with the same
registry writes the same files.
"""

from __future__ import annotations

import json
import os
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "registry.settings")

OUT = ROOT / "fixtures" / "match"
SEED = 15
PER_LANGUAGE = 24

OPENINGS = {
    "ru": [
        "Крупная IT-компания в Астане приглашает на работу специалиста в команду разработки.",
        "Мы — быстрорастущий интегратор, ищем коллегу в офис в Алматы.",
        "Вакансия открыта в государственном секторе цифровизации, полный рабочий день.",
        "Приглашаем в команду профессионала, готового к интересным задачам.",
    ],
    "kk": [
        "Астанадағы ірі IT-компания әзірлеу тобына қызметкер шақырады.",
        "Алматыдағы кеңсемізге жаңа әріптес іздейміз.",
        "Цифрландыру саласындағы мемлекеттік мекемеге толық жұмыс күніне қызметкер қажет.",
        "Қызықты міндеттерге дайын кәсіби маманды командаға шақырамыз.",
    ],
}
OFFERS = {
    "ru": [
        "Мы предлагаем: официальное трудоустройство, ДМС, гибкий график и обучение за счёт компании.",
        "Условия: конкурентная заработная плата, бонусы по итогам года, уютный офис рядом с метро.",
        "Резюме присылайте на электронную почту отдела кадров.",
    ],
    "kk": [
        "Біз ұсынамыз: ресми жұмысқа орналастыру, медициналық сақтандыру, икемді кесте.",
        "Жалақы бәсекеге қабілетті, жыл қорытындысы бойынша сыйақы беріледі.",
        "Түйіндемені кадр бөлімінің электрондық поштасына жіберіңіз.",
    ],
}
HEADINGS = {
    "ru": ("Обязанности:", "Требования:"),
    "kk": ("Міндеттері:", "Талаптар:"),
}

BACK_VOWELS = set("аоұыу")
FRONT_VOWELS = set("әеөүіи")
VOICELESS = set("кқпстфхцчшщ")


def _kk_suffix(word: str, back: str, front: str) -> str:
    """Kazakh accusative for a word: -ны/-ні after a vowel, -ды/-ді or -ты/-ті after a consonant."""
    vowels = [ch for ch in word.lower() if ch in BACK_VOWELS | FRONT_VOWELS]
    is_front = bool(vowels) and vowels[-1] in FRONT_VOWELS
    last = word[-1].lower()
    if last in "ыі":
        return word + "н"  # after a possessive: "модельдері" -> "модельдерін"
    if last in BACK_VOWELS | FRONT_VOWELS:
        head = "н"
    elif last in VOICELESS:
        head = "т"
    else:
        head = "д"
    return word + head + (front if is_front else back)


def _ru_genitive(word: str) -> str:
    """A Russian verbal noun in the genitive (the forms skill titles start with)."""
    lower = word.lower()
    for ending, genitive in (("ние", "ния"), ("тие", "тия"), ("ция", "ции"), ("ка", "ки"), ("ство", "ства")):
        if lower.endswith(ending):
            return word[: -len(ending)] + genitive
    if lower[-1:] in "бвгджзклмнпрстфхцчшщ":
        return word + "а"
    return word


def _lower_first(text: str) -> str:
    first = text.split(" ", 1)[0]
    return text if first.isupper() or any(ch.isdigit() for ch in first) else text[:1].lower() + text[1:]


def _drop_word(text: str, rng: random.Random) -> str:
    words = text.split()
    if len(words) >= 7:
        del words[rng.randrange(2, len(words))]
    return " ".join(words)


def _reorder_list(text: str, rng: random.Random) -> str:
    parts = [p.strip() for p in text.split(",")]
    if len(parts) >= 3:
        head, rest = parts[0], parts[1:]
        rng.shuffle(rest)
        return ", ".join([head, *rest])
    return text


def reword(kind: str, text: str, language: str, rng: random.Random) -> str:
    text = re.sub(r"\s+", " ", text).strip(" .;")
    text = _reorder_list(_drop_word(text, rng), rng)
    if language == "ru":
        first, _, rest = text.partition(" ")
        if kind == "skill":
            lead = rng.choice(("Опыт", "Практический опыт", "Навыки"))
            return f"{lead} {_ru_genitive(first).lower()} {rest}".strip()
        if kind == "ability":
            return f"{rng.choice(('Умение', 'Нужно уметь', 'Готовность'))} {_lower_first(text)}"
        return f"{rng.choice(('Знание', 'Понимание', 'Хорошие знания:'))} {_lower_first(text)}"
    words = text.split()
    if kind == "skill":
        return (
            f"{_lower_first(text).capitalize()} {rng.choice(('тәжірибесі', 'бойынша тәжірибе', 'жұмыстарын атқару'))}"
        )
    if kind == "ability":
        return f"{text} {rng.choice(('қабілеті', 'дағдысы', 'іскерлігі'))}"
    if not words[-1].isalpha() or words[-1].lower() in ("мен", "және", "пен", "бен", "немесе"):
        return f"{text} туралы білім"
    words[-1] = _kk_suffix(words[-1].strip(".,"), "ы", "і")
    return f"{' '.join(words)} {rng.choice(('білу', 'жақсы білу', 'түсіну'))}"


def build_text(card, rng: random.Random) -> tuple[str, list[dict]]:
    from cards.identity import normalise_name

    language = card.edition.language
    skills = [
        (f, s, skill)
        for f, function in enumerate(card.labour_functions.all())
        for s, skill in enumerate(function.skills.all())
    ]
    rng.shuffle(skills)
    chosen = skills[: rng.randint(2, min(5, max(2, len(skills))))] if len(skills) > 1 else skills
    lines: dict[str, list[str]] = {"duty": [], "require": []}
    used: list[dict] = []
    for f, s, skill in chosen:
        if rng.random() < 0.7:
            lines["duty"].append(reword("skill", skill.title, language, rng))
            used.append({"path": [f, s, "skill", 0], "text": skill.title})
        for kind, items in (("ability", list(skill.abilities.all())), ("knowledge", list(skill.knowledge_items.all()))):
            picked = [(n, item) for n, item in enumerate(items) if rng.random() < 0.67] or (
                [(0, items[0])] if items else []
            )
            for n, item in picked:
                lines["duty" if kind == "ability" else "require"].append(reword(kind, item.text, language, rng))
                used.append({"path": [f, s, kind, n], "text": item.text})
    for part in lines.values():
        rng.shuffle(part)
    # An item of the card worded like a used one is covered too.
    used_texts = {normalise_name(entry["text"]) for entry in used}
    used_paths = {tuple(entry["path"]) for entry in used}
    for f, function in enumerate(card.labour_functions.all()):
        for s, skill in enumerate(function.skills.all()):
            candidates = [("skill", 0, skill.title)]
            candidates += [("ability", n, a.text) for n, a in enumerate(skill.abilities.all())]
            candidates += [("knowledge", n, k.text) for n, k in enumerate(skill.knowledge_items.all())]
            for kind, n, text in candidates:
                if (f, s, kind, n) not in used_paths and normalise_name(text) in used_texts:
                    used.append({"path": [f, s, kind, n], "text": text, "same_text": True})
    duty, require = HEADINGS[language]
    body = [rng.choice(OPENINGS[language]), "", duty]
    body += [f"- {line}" for line in lines["duty"]]
    body += ["", require]
    body += [f"• {line};" for line in lines["require"]]
    body += ["", *rng.sample(OFFERS[language], 2)]
    return "\n".join(body) + "\n", used


def main() -> int:
    import django

    django.setup()
    from cards.models import ProfessionCard

    rng = random.Random(SEED)
    OUT.mkdir(parents=True, exist_ok=True)
    cards = list(
        ProfessionCard.objects.in_force()
        .with_tree()
        .order_by("edition__standard__code", "position", "edition__language")
    )
    manifest = []
    for language in ("kk", "ru"):
        pool = [
            c
            for c in cards
            if c.edition.language == language and sum(1 for f in c.labour_functions.all() for _ in f.skills.all()) >= 2
        ]
        taken_units = {entry["card"] for entry in manifest}
        pool = [c for c in pool if f"{c.edition.standard.code}/{c.position}" not in taken_units]
        for card in sorted(rng.sample(pool, PER_LANGUAGE), key=lambda c: (c.edition.standard.code, c.position)):
            unit = f"{card.edition.standard.code}/{card.position}"
            text, used = build_text(card, rng)
            name = f"{len(manifest) + 1:02d}-{language}-{unit.replace('/', '-')}.txt"
            (OUT / name).write_text(text, encoding="utf-8")
            manifest.append({"file": name, "language": language, "card": unit, "title": card.title, "covered": used})
    (OUT / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(manifest)} texts written to {OUT.relative_to(ROOT)}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
