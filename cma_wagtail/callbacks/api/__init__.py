"""Callback requests in API v3: ``POST /cma/callback-requests/`` (:mod:`.v3`). Nothing is
readable: a callback request is personal data."""
