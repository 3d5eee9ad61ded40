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

#: HTML examples for blocks whose preview needs the database (chosen documents, embeds).
STATIC_EXAMPLES = {
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
