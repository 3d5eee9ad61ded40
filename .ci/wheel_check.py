"""Build the wheel, install it into a fresh virtualenv beside a `wagtail start` site, migrate,
and render a page whose body is BodyBlock. Proves the wheel carries templates, static files,
migrations and the French catalogue."""

import subprocess
import sys
import tempfile
import textwrap
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(*cmd, **kwargs):
    print("$", " ".join(str(c) for c in cmd), flush=True)
    subprocess.run([str(c) for c in cmd], check=True, **kwargs)


def main():
    with tempfile.TemporaryDirectory(prefix="cma-wheel-") as tmp:
        tmp = Path(tmp)
        run(sys.executable, "-m", "build", "--wheel", "--outdir", tmp / "dist", ROOT)
        wheel = next((tmp / "dist").glob("cma_wagtail-*.whl"))
        names = zipfile.ZipFile(wheel).namelist()
        for required in (
            "cma_wagtail/locale/fr/LC_MESSAGES/django.mo",
            "cma_wagtail/static/cma_wagtail/cma_wagtail.css",
            "cma_wagtail/templates/cma_wagtail/blocks/quote_block.html",
            "cma_wagtail/migrations/0001_initial.py",
        ):
            assert required in names, f"{required} missing from the wheel"
        venv = tmp / "venv"
        run(sys.executable, "-m", "venv", venv)
        py = venv / "bin" / "python"
        run(py, "-m", "pip", "install", "--quiet", wheel)
        (tmp / "site").mkdir()
        run(venv / "bin" / "wagtail", "start", "chambersite", tmp / "site", cwd=tmp)
        site = tmp / "site"
        base = site / "chambersite" / "settings" / "base.py"
        text = base.read_text()
        text = text.replace(
            '"home",',
            '"home",\n    "cma_wagtail",\n    "wagtail.contrib.settings",\n    "wagtail.contrib.routable_page",',
        )
        base.write_text(text)
        urls = site / "chambersite" / "urls.py"
        text = urls.read_text().replace(
            'path("search/", search_views.search, name="search"),',
            'path("search/", search_views.search, name="search"),\n    path("", include("cma_wagtail.urls")),',
        )
        urls.write_text(text)
        models = site / "home" / "models.py"
        models.write_text(
            textwrap.dedent("""
            from wagtail.admin.panels import FieldPanel
            from wagtail.models import Page

            from cma_wagtail.fields import BodyField


            class HomePage(Page):
                body = BodyField(blank=True)
                content_panels = Page.content_panels + [FieldPanel("body")]
        """)
        )
        (site / "home" / "templates" / "home" / "home_page.html").write_text(
            "{% load wagtailcore_tags %}<html><body>{% include_block page.body %}</body></html>"
        )
        env = {"DJANGO_SETTINGS_MODULE": "chambersite.settings.dev", "PATH": "/usr/bin:/bin"}
        run(py, "manage.py", "makemigrations", "home", cwd=site, env=env)
        run(py, "manage.py", "migrate", "--noinput", cwd=site, env=env)
        script = textwrap.dedent("""
            from django.test import Client
            from home.models import HomePage
            page = HomePage.objects.first()
            page.body = [{"type": "quote", "value": {"quote": "Ils sont là pour ça !", "author": "CMA", "role": ""}}]
            page.save_revision().publish()
            html = Client().get("/").content.decode()
            assert "cma-quote" in html and "Ils sont là pour ça" in html, html
            print("wheel check: BodyBlock page rendered")
        """)
        run(py, "manage.py", "shell", "-c", script, cwd=site, env=env)


if __name__ == "__main__":
    main()
