import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "docs" / "_ext"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

import django  # noqa: E402

django.setup()

import cma_wagtail  # noqa: E402

project = "cma-wagtail"
author = "cma-wagtail contributors"
release = cma_wagtail.__version__
extensions = ["myst_parser", "sphinx.ext.autodoc", "cma_blocks"]
myst_enable_extensions = ["colon_fence", "deflist"]
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build", "_ext"]
html_theme = "alabaster"
language = "en"
autodoc_member_order = "bysource"
suppress_warnings = ["myst.header"]
autodoc_inherit_docstrings = False
