"""``POST /api/v1/match``: the page's result as JSON, in the OpenAPI schema, with the API's error shape."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tests.matching.conftest import fixture_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(index):
    return Client()


def test_a_posted_vacancy_gets_the_ten_closest_cards_and_the_best_ones_coverage(client):
    response = client.post("/api/v1/match", {"text": fixture_text("J070/3", "ru")}, content_type="application/json")
    assert response.status_code == 200
    data = response.json()
    assert data["language"] == "ru" and data["passages"] > 20
    assert [r["rank"] for r in data["results"]] == list(range(1, 11))
    best = data["results"][0]
    assert (best["unit"], best["title"], best["standard_code"]) == (
        "J070/3",
        "Инженер по компьютерной лингвистике (NLP)",
        "J070",
    )
    assert best["permalink"].endswith("/ru/cards/J070/3/")
    assert best["hits"] and best["hits"][0]["passage"] in fixture_text("J070/3", "ru")
    coverage = data["coverage"]
    assert coverage["unit"] == "J070/3" and coverage["counts"]["covered"] > 5
    knowledge = [k for f in coverage["functions"] for s in f["skills"] for k in s["knowledge"]]
    nlp = next(k for k in knowledge if k["text"] == "Архитектур нейронных сетей для NLP")
    assert (nlp["mark"], nlp["passage"]) == ("covered", "Понимание архитектур нейронных сетей для NLP")


def test_filters_and_the_chosen_card_apply(client):
    response = client.post(
        "/api/v1/match",
        {"text": fixture_text("J070/3", "ru"), "standard": "J070", "level": 6, "card": "J070/5"},
        content_type="application/json",
    )
    data = response.json()
    assert {r["standard_code"] for r in data["results"]} == {"J070"} and {r["level"] for r in data["results"]} == {6}
    assert data["coverage"]["unit"] == "J070/5"


def test_a_file_can_be_posted_instead_of_a_text(client):
    upload = SimpleUploadedFile("vacancy.txt", fixture_text("J057/3", "kk").encode("utf-8"))
    data = client.post("/api/v1/match", {"file": upload}).json()
    assert data["language"] == "kk" and data["results"][0]["unit"] == "J057/3"


@pytest.mark.parametrize(
    ("body", "lang", "field", "code", "message"),
    [
        ({"text": ""}, "ru", "text", "empty", "Вставьте текст или выберите файл: сопоставлять нечего."),
        ({"text": "We need a data engineer"}, "kk", "text", "language", "Мәтін қазақ тілінде де, орыс тілінде де емес"),
        ({"text": "и в на по для"}, "ru", "text", "stopwords", "В тексте только служебные слова"),
        ({"text": "Разработка", "level": 12}, "ru", "level", "invalid_choice", ""),
        ({"text": "Разработка", "standard": "X1"}, "kk", "standard", "invalid", "«X1» кодты стандарт жоқ."),
        (
            {"text": "Разработка моделей", "card": "J070/999"},
            "ru",
            "card",
            "not_found",
            "Карточки J070/999 в реестре нет.",
        ),
    ],
)
def test_bad_input_is_a_400_naming_the_field_in_the_api_error_shape(client, body, lang, field, code, message):
    response = client.post(f"/api/v1/match?lang={lang}", body, content_type="application/json")
    assert response.status_code == 400
    error = response.json()["errors"][field][0]
    assert error["code"] == code and error["message"].startswith(message)


def test_a_password_protected_docx_and_a_10_mb_file_are_refused_with_a_message(client):
    locked = SimpleUploadedFile("cv.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64)
    error = client.post("/api/v1/match?lang=ru", {"file": locked}).json()["errors"]["file"][0]
    assert error["message"] == "«cv.docx» защищён паролем; сохраните его без пароля."
    big = SimpleUploadedFile("big.txt", io.BytesIO(b"a" * (10 * 1024 * 1024)).getvalue())
    response = client.post("/api/v1/match?lang=kk", {"file": big})
    assert response.status_code == 400
    assert "МБ-қа дейінгі файлдар қабылданады" in response.json()["errors"]["file"][0]["message"]


def test_the_endpoint_is_in_the_openapi_schema_with_its_request_and_response(client):
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/json").content.decode()
    assert "/api/v1/match" in schema
    assert "MatchRequest" in schema and "MatchResponse" in schema and "FunctionCoverage" in schema


@pytest.mark.parametrize("body", ["[1, 2]", "42", '"text"', "{not json"])
def test_a_body_that_is_not_a_json_object_is_a_400(client, body):
    response = client.post("/api/v1/match", body, content_type="application/json")
    assert response.status_code == 400 and "errors" in response.json()


def test_a_get_is_refused(client):
    assert client.get("/api/v1/match").status_code == 405


def test_an_unknown_language_is_a_400_naming_lang(client):
    response = client.post("/api/v1/match", {"text": "Разработка", "lang": "en"}, content_type="application/json")
    assert response.status_code == 400 and response.json()["errors"]["lang"][0]["code"] == "invalid_choice"
