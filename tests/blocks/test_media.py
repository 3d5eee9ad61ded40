import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed

from cma_wagtail.blocks import DocumentListBlock, VideoBlock
from tests.factories import DocumentFactory

VIDEO_URL = "https://www.youtube.com/watch?v=cma-doubs-2020"


@pytest.fixture
def form_pdf(db):
    return DocumentFactory(
        title="Formulaire fonds de solidarité",
        file=ContentFile(b"%PDF-1.4" + b"0" * 120_000, name="fonds-solidarite.pdf"),
    )


@pytest.mark.django_db
def test_document_list_shows_type_and_size_in_the_link(form_pdf):
    block = DocumentListBlock()
    value = block.to_python(
        {
            "heading": "Formulaires à télécharger",
            "documents": [{"document": form_pdf.pk, "title": "Demande d'aide (formulaire)"}],
        }
    )
    html = block.render(value)
    link = html.split('<a class="cma-document__link"', 1)[1].split("</a>", 1)[0]
    assert f'href="{form_pdf.url}"' in link
    assert "Demande d&#x27;aide (formulaire)" in link
    assert "(PDF, 117,2\xa0Kio)" in link
    api = block.get_api_representation(value)
    assert api["documents"] == [
        {
            "id": form_pdf.pk,
            "title": "Demande d'aide (formulaire)",
            "url": form_pdf.url,
            "extension": "pdf",
            "size": 120_008,
            "size_display": "117,2\xa0Kio",
        }
    ]


@pytest.mark.django_db
def test_document_title_defaults_to_the_documents_and_duplicates_are_refused(form_pdf):
    block = DocumentListBlock()
    value = block.to_python({"documents": [{"document": form_pdf.pk}]})
    assert "Formulaire fonds de solidarité" in block.render(value)
    twice = block.to_python({"documents": [{"document": form_pdf.pk}] * 2})
    with pytest.raises(ValidationError) as exc:
        block.clean(twice)
    assert "déjà dans la liste" in str(
        exc.value.block_errors["documents"].block_errors[1].messages[0]
    )
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"documents": []}))


@pytest.mark.django_db
def test_document_list_queries_do_not_grow_per_document(django_assert_max_num_queries):
    block = DocumentListBlock()
    for count in (1, 6):
        docs = [DocumentFactory(file=ContentFile(b"x" * 10, name="f.odt")) for _ in range(count)]
        for doc in docs:
            doc.get_file_size()  # stored at upload by the admin's form
        raw = {"documents": [{"document": d.pk} for d in docs]}
        with django_assert_max_num_queries(1):
            value = block.to_python(raw)
            html = block.render(value)
        assert html.count("(ODT, 10\xa0octets)") == count


@pytest.fixture
def cached_embed(db):
    return Embed.objects.create(
        url=VIDEO_URL,
        hash=get_embed_hash(VIDEO_URL),
        type="video",
        html='<iframe src="https://www.youtube.com/embed/cma-doubs-2020" width="480"></iframe>',
        title="Maintenir le cap",
        provider_name="YouTube",
    )


TRANSCRIPT = "<p>Bonjour, je suis conseillère à la CMA du Doubs.</p>"


@pytest.mark.django_db
def test_video_renders_player_with_title_link_and_transcript(cached_embed):
    block = VideoBlock()
    value = block.to_python(
        {"video": VIDEO_URL, "title": "Maintenir le cap\u00a0!", "transcript": TRANSCRIPT}
    )
    html = block.render(value)
    assert '<iframe title="Maintenir le cap\u00a0!" src="https://www.youtube.com/embed/' in html
    assert f'href="{VIDEO_URL}"' in html
    details = html.split("<details", 1)[1]
    assert "Transcription de la vidéo «\u00a0Maintenir le cap\u00a0!\u00a0»" in details
    assert "conseillère à la CMA du Doubs" in details
    assert block.get_api_representation(value) == {
        "url": VIDEO_URL,
        "title": "Maintenir le cap\u00a0!",
        "transcript": TRANSCRIPT,
    }


@pytest.mark.django_db
def test_video_needs_a_title_and_a_transcript(cached_embed):
    block = VideoBlock()
    with pytest.raises(ValidationError) as exc:
        block.clean(block.to_python({"video": VIDEO_URL, "title": "Vidéo", "transcript": ""}))
    assert "transcript" in exc.value.block_errors
    with pytest.raises(ValidationError) as exc:
        block.clean(block.to_python({"video": VIDEO_URL, "title": "V", "transcript": "<p> </p>"}))
    assert "Rédigez la transcription" in str(exc.value.block_errors["transcript"].messages[0])
    with pytest.raises(ValidationError) as exc:
        block.clean(block.to_python({"video": VIDEO_URL, "title": "", "transcript": TRANSCRIPT}))
    assert "title" in exc.value.block_errors


def test_player_keeps_a_title_the_provider_already_gave():
    html = VideoBlock.player_html('<iframe title="Déjà" src="x"></iframe>', "Nouveau")
    assert html.count("title=") == 1 and 'title="Déjà"' in html
