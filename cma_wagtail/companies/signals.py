"""Domain events of the company look-ups."""

from django.dispatch import Signal

#: Sent once the directory identified the business of a request, with ``instance`` (the
#: request) and ``identity`` (a found ``CompanyIdentity``); ``sender`` is the request's
#: model. A capability pre-fills what its artisan left empty (the trade…) from it.
company_identified = Signal()
