"""Search in a threaded server: stemming in several threads at once gives each thread its own words."""

import sys
import threading

from cards.search.query import russian_stem


def test_russian_stems_are_right_when_many_threads_stem_at_once():
    stem = russian_stem.__wrapped__  # past the lru_cache: every call stems
    words = [f"разработчиками{i}программного" for i in range(1500)] + ["администраторами", "тестировщиков"] * 500
    expected = [stem(word) for word in words]
    wrong = []

    def work():
        for word, right in zip(words, expected, strict=True):
            try:
                if stem(word) != right:
                    wrong.append(word)
            except Exception as error:  # a garbled stemmer state raises, too
                wrong.append(repr(error))

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as possible
    try:
        threads = [threading.Thread(target=work) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(interval)
    assert wrong == []
