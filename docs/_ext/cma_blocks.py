"""Sphinx extension: the block reference and the template list, generated from the code.

A page writes a marker line and gets generated MyST markdown in its place (``source-read``
runs before parsing, so headings and tables are ordinary markdown):

- ``% cma-body-blocks``: every child of :class:`cma_wagtail.blocks.BodyBlock` with its label,
  description, icon, template, fields and the HTML its preview value renders to;
- ``% cma-templates``: every template shipped in the package, by path (all overridable).
"""

from __future__ import annotations

import re
from pathlib import Path

from django.utils import translation

ROOT = Path(__file__).resolve().parents[2]

#: HTML examples for blocks whose preview needs the database (chosen documents, embeds,
#: the listing blocks' items).
STATIC_EXAMPLES = {
    "latest_news": """<section class="cma-listing cma-latest-news" aria-labelledby="news-…">
  <h2 class="cma-listing__heading" id="news-…">Dernières actualités</h2>
  <ul class="cma-listing__list">
    <li class="cma-news-card cma-news-card--urgent">
      <h3 class="cma-news-card__title"><a href="/actualites-de-crise/fonds-de-solidarite/">Fonds de solidarité : déposez votre demande avant la fin du mois</a></h3>
      <p class="cma-news-labels"><span class="cma-badge cma-badge--urgent">Urgent</span></p>
      <p class="cma-news-card__dates">Publié le <time datetime="2020-04-02">2 avril 2020</time>
        · <strong>Mis à jour le <time datetime="2020-04-30">30 avril 2020</time></strong></p>
      <p class="cma-news-card__summary">Jusqu'à 1 500 € pour les entreprises fermées…</p>
    </li>
  </ul>
</section>""",
    "initiatives": """<section class="cma-listing cma-initiatives-block" aria-labelledby="initiatives-…">
  <h2 class="cma-listing__heading" id="initiatives-…">Les artisans se mobilisent</h2>
  <ul class="cma-cards">
    <li class="cma-card cma-initiative-card">
      <article aria-labelledby="initiative-12-title">
        <img class="cma-initiative-card__image" src="/media/images/masques.fill-480x320.webp" width="480" height="320" alt="Masques en tissu" loading="lazy" decoding="async">
        <h3 class="cma-initiative-card__title" id="initiative-12-title"><a href="/initiatives/au-coeur-du-tricot/">Des masques pour l'hôpital de Pontarlier</a></h3>
        <p class="cma-initiative-card__place">Atelier de tricot · Montperreux (Doubs)</p>
        <ul class="cma-initiative-categories" aria-label="Catégories"><li class="cma-badge cma-initiative-category cma-initiative-category--mask">Masques et équipements</li></ul>
        <p class="cma-initiative-card__summary">L'atelier confectionne des masques…</p>
      </article>
    </li>
  </ul>
</section>""",
    "upcoming_sessions": """<section class="cma-listing cma-upcoming-sessions" aria-labelledby="sessions-…">
  <h2 class="cma-listing__heading" id="sessions-…">Prochaines sessions</h2>
  <ul class="cma-listing__list">
    <li class="cma-session">
      <h3 class="cma-session__title"><a href="/formations/maintenir-le-cap/">Maintenir le cap !</a></h3>
      <p class="cma-session__when"><time datetime="2020-05-12T09:00:00+02:00">mardi 12 mai 2020</time>, 09:00–12:30</p>
      <p class="cma-session__where">À distance</p>
      <p class="cma-session__seats"><span class="cma-badge">3 places restantes</span></p>
      <p class="cma-session__actions"><a class="cma-button" href="/cma/trainings/sessions/7/register/">M’inscrire<span class="cma-visually-hidden"> – Maintenir le cap !, 12 mai 2020</span></a></p>
    </li>
  </ul>
</section>""",
    "initiative_proposal": """<section class="cma-cta cma-cta--primary" aria-labelledby="propose-…">
  <div class="cma-cta__body">
    <h2 class="cma-cta__heading" id="propose-…">Vous aussi, vous vous mobilisez ?</h2>
    <p class="cma-cta__text">Masques, livraisons, bons d'achat : faites connaître votre initiative…</p>
    <p class="cma-cta__actions"><a class="cma-button cma-button--primary" href="/cma/initiatives/propose/">Proposer mon initiative</a></p>
  </div>
</section>""",
    "image": """<figure class="cma-figure">
  <img class="cma-figure__image" src="/media/images/masques.width-1200.webp" width="1200"
       height="800" alt="Masques cousus à l'atelier" loading="lazy" decoding="async">
  <figcaption class="cma-figure__caption">Au Cœur du Tricot, Montperreux</figcaption>
</figure>""",
    "document_list": """<section class="cma-documents" aria-labelledby="docs-…">
  <h2 class="cma-documents__heading" id="docs-…">Formulaires à télécharger</h2>
  <ul class="cma-documents__list">
    <li class="cma-document">
      <a class="cma-document__link" href="/documents/12/fonds-solidarite.pdf">
        <span class="cma-document__icon" aria-hidden="true">↓</span> <span class="cma-document__title">Demande au fonds de solidarité</span>
        <span class="cma-document__meta">(PDF, 117,2 Kio)</span>
      </a>
    </li>
  </ul>
</section>""",
    "video": """<figure class="cma-video">
  <figcaption class="cma-video__title">Maintenir le cap ! : le diagnostic</figcaption>
  <div class="cma-video__player"><iframe title="Maintenir le cap ! : le diagnostic" src="…"></iframe></div>
  <p class="cma-video__link"><a href="https://www.youtube.com/watch?v=…">Voir « … » sur le site d'origine de la vidéo</a></p>
  <details class="cma-video__transcript">
    <summary>Transcription de la vidéo « Maintenir le cap ! : le diagnostic »</summary>
    <div class="cma-rich-text"><p>Bonjour, je suis conseillère à la CMA du Doubs…</p></div>
  </details>
</figure>""",
}


def _type_name(block) -> str:
    from wagtail import blocks

    name = type(block).__name__
    if isinstance(block, blocks.ListBlock):
        child = type(block.child_block).__name__
        low, high = block.meta.min_num, block.meta.max_num
        bounds = ""
        if low is not None or high is not None:
            bounds = f", {low or 0}–{high if high is not None else '∞'}"
        return f"list of {child}{bounds}"
    if getattr(block, "choices_from_database", False):
        return f"{name}: read from the database when the form is shown"
    if isinstance(block, blocks.ChoiceBlock):
        values = [str(value) or '""' for value, _label in block.field.choices]
        return f"{name}: {', '.join(f'`{v}`' for v in values)}"
    return name


def _cell(text) -> str:
    return str(text or "").replace("|", "\\|").replace("\n", " ")


def _fields_table(block) -> list[str]:
    lines = ["| field | label | type | required | help |", "|---|---|---|---|---|"]
    for name, child in block.child_blocks.items():
        field = getattr(child, "field", None)
        help_text = getattr(child.meta, "help_text", None) or getattr(field, "help_text", "")
        required = child.required or bool(getattr(child.meta, "min_num", None))
        lines.append(
            f"| `{name}` | {_cell(child.label)} | {_cell(_type_name(child))} | "
            f"{'yes' if required else 'no'} | {_cell(help_text)} |"
        )
    return lines


def _nested_structs(block):
    """StructBlocks inside ListBlocks (a figure, a question, a document) get their own table."""
    from wagtail import blocks

    for name, child in getattr(block, "child_blocks", {}).items():
        is_list = isinstance(child, blocks.ListBlock)
        inner = child.child_block if is_list else child
        if isinstance(inner, blocks.StructBlock):
            yield name, inner, is_list


def _example(name, block) -> str | None:
    if name in STATIC_EXAMPLES:
        return STATIC_EXAMPLES[name]
    try:
        with translation.override("fr"):  # the sites are French, like the example content
            rendered = str(block.render(block.get_preview_value()))
    except Exception:  # needs the database: documented by hand in STATIC_EXAMPLES
        return None
    rendered = re.sub(r"\n\s*\n", "\n", rendered).strip()
    return rendered or None


def body_blocks_markdown() -> str:
    from wagtail import blocks

    from cma_wagtail.blocks import BodyBlock

    out: list[str] = []
    with translation.override("en"):
        for name, block in BodyBlock().child_blocks.items():
            cls = type(block)
            out += [
                f"### `{name}`: {block.label}",
                "",
                f"{{py:class}}`{cls.__module__}.{cls.__name__}` · icon `{block.meta.icon}`"
                + (f" · template `{block.meta.template}`" if block.meta.template else ""),
                "",
            ]
            if description := block.get_description():
                out += [str(description), ""]
            if isinstance(block, blocks.StructBlock):
                out += [*_fields_table(block), ""]
                for field_name, inner, is_list in _nested_structs(block):
                    what = "Each item of" if is_list else "Fields of"
                    out += [f"{what} `{field_name}` ({type(inner).__name__}):", ""]
                    out += [*_fields_table(inner), ""]
            example = _example(name, block)
            if example:
                out += ["Renders (HTML):", "", "```html", example, "```", ""]
    return "\n".join(out)


def templates_markdown() -> str:
    base = ROOT / "cma_wagtail"
    rows = ["| template | from |", "|---|---|"]
    for path in sorted(base.glob("**/templates/**/*.html")):
        parts = path.relative_to(base).parts
        index = parts.index("templates")
        app = "core" if index == 0 else ".".join(parts[:index])
        rows.append(f"| `{'/'.join(parts[index + 1 :])}` | {app} |")
    return "\n".join(rows)


MARKERS = {"% cma-body-blocks": body_blocks_markdown, "% cma-templates": templates_markdown}


def _source_read(app, docname, source):
    text = source[0]
    for marker, build in MARKERS.items():
        if marker in text:
            text = text.replace(marker, build())
    source[0] = text


def setup(app):
    app.connect("source-read", _source_read)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
