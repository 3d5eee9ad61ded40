"""The cma-wagtail component library: StreamField blocks that page bodies are built from.

One module per block family; everything public is re-exported here, so that
``from cma_wagtail.blocks import BodyBlock, QuoteBlock`` is the stable import path.
"""

from .alert import *  # noqa: F403
from .alert import __all__ as _alert_all
from .alerts import *  # noqa: F403
from .alerts import __all__ as _alerts_all
from .basic import *  # noqa: F403
from .basic import __all__ as _basic_all
from .body import *  # noqa: F403
from .body import __all__ as _body_all
from .callback import *  # noqa: F403
from .callback import __all__ as _callback_all
from .contact import *  # noqa: F403
from .contact import __all__ as _contact_all
from .faq import *  # noqa: F403
from .faq import __all__ as _faq_all
from .figures import *  # noqa: F403
from .figures import __all__ as _figures_all
from .listings import *  # noqa: F403
from .listings import __all__ as _listings_all
from .media import *  # noqa: F403
from .media import __all__ as _media_all

__all__ = [
    *_basic_all,
    *_body_all,
    *_figures_all,
    *_faq_all,
    *_media_all,
    *_contact_all,
    *_alert_all,
    *_listings_all,
    *_callback_all,
    *_alerts_all,
]
