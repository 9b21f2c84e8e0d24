from django.shortcuts import render

from cards.models import ProfessionCard
from standards.models import Edition, SourceDocument, Standard


def overview(request):
    ctx = {
        "standard_count": Standard.objects.count(),
        "edition_count": Edition.objects.count(),
        "card_count": ProfessionCard.objects.count(),
        "documents": SourceDocument.objects.exclude(order_number=""),
    }
    return render(request, "standards/overview.html", ctx)
