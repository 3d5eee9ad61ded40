"""schema.org JSON-LD of a news page: ``SpecialAnnouncement`` or ``NewsArticle``.

``SpecialAnnouncement`` is schema.org's type for official crisis announcements (closures,
aid measures…); a page is one when its urgency is “important” or “urgent” or when one of
its topics is flagged crisis-related (see ``CrisisNewsPage.is_special_announcement``).
Other news are ``NewsArticle``. Both carry the publication date (``datePosted`` for a
SpecialAnnouncement, ``datePublished`` for both), ``dateModified`` (last check) and
``expires`` (end of validity).
"""

from __future__ import annotations

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import SafeString, mark_safe

from cma_wagtail.models import ChamberSettings

# The escapes of django.utils.html.json_script: the JSON can never close the <script>.
_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def news_json_ld(page, request=None) -> dict:
    special = page.is_special_announcement()
    data: dict = {
        "@context": "https://schema.org",
        "@type": "SpecialAnnouncement" if special else "NewsArticle",
        "name" if special else "headline": page.title,
        "url": page.get_full_url(request),
        "inLanguage": page.locale.language_code if page.locale_id else None,
    }
    if special:
        data["text"] = page.summary
    else:
        data["description"] = page.summary
    if page.published_on:
        data["datePublished"] = page.published_on.isoformat()
        if special:
            data["datePosted"] = page.published_on.isoformat()
    if page.reviewed_on:
        data["dateModified"] = page.reviewed_on.isoformat()
    if page.valid_until:
        data["expires"] = page.valid_until.isoformat()
    topics = [topic.name for topic in page.topic_list]
    if topics:
        data["keywords"] = ", ".join(topics)
    if page.source_url:
        data["isBasedOn"] = page.source_url
    if request is not None:
        chamber = ChamberSettings.for_request(request)
        if chamber.chamber_name:
            publisher = {"@type": "Organization", "name": chamber.chamber_name}
            if chamber.phone:
                publisher["telephone"] = chamber.phone
            data["publisher"] = publisher
            if not special:
                data["author"] = publisher
    return {key: value for key, value in data.items() if value is not None}


def json_ld_script(data: dict) -> SafeString:
    """``<script type="application/ld+json">`` with ``json_script``'s escaping."""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')
