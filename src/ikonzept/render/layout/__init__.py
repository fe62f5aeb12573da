"""How long documents are laid out: split into parts (`split`), laid out in worker
processes (`job`, `parts`, ahead of time in `ahead`), cached (`layoutcache`), joined
(`merge`); `pages` holds what the parts report."""
