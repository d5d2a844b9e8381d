"""Media: the image library and its renditions, documents and their text."""
