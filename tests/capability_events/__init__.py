"""A fifth capability that lives in the tests: it proves a capability touches no core file.

Installed only when ``CMA_TEST_EVENTS=1`` (tests/settings.py), so the normal suite and its
migrations check are unchanged; ``.ci/run`` runs its tests in that variant. The worked
example of docs/adding-a-capability.md.
"""
