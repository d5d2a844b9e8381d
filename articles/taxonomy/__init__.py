"""How stories are filed: one section each (the site's navigation) and any
number of topics."""
