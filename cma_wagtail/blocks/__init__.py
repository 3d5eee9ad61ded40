"""The cma-wagtail component library: StreamField blocks that page bodies are built from.

One module per block family; everything public is re-exported here, so that
``from cma_wagtail.blocks import BodyBlock, QuoteBlock`` is the stable import path.
"""

from .basic import *  # noqa: F403
from .basic import __all__ as _basic_all
from .body import *  # noqa: F403
from .body import __all__ as _body_all

__all__ = [*_basic_all, *_body_all]
from .callback import *  # noqa: F403, E402
from .callback import __all__ as _callback_all  # noqa: E402

__all__ += _callback_all
