"""Story bodies as sanitised HTML: what editors may write, how it is kept
safe on every save, and how pages, feeds and search read it."""
