from django.conf import settings
from django.urls import translate_url


def language_links(request):
    """Links to the same page in every interface language."""
    path = request.get_full_path()
    return {
        "language_links": [
            {"code": code, "name": name, "url": translate_url(path, code)} for code, name in settings.LANGUAGES
        ]
    }
