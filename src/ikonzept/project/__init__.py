"""A county's project around its concept: a new concept folder (`scaffold`) and the CI
pipelines that check and build it (`ci`)."""
