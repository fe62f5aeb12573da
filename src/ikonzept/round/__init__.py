"""Update rounds (Fortschreibung): the next edition, the implementation status, and the
feedback forms the actors fill in."""
