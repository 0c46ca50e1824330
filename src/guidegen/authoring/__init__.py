"""Writing guides for their authors: a new project or guide (scaffold.py), a guide imported from a
text or Markdown document (importer.py, import_file.py), and YAML written as a person would."""
