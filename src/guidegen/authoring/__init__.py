"""Writing guides for their authors: a new project or guide (scaffold.py), a guide imported from the
question-and-answer documents people already have (import_file.py: source.py reads the file,
blocks.py cuts it into blocks, questions.py and outline.py find its questions, answers and topics,
render.py, head.py and sections.py write its fields, importer.py puts them together), and YAML
written as a person would (yamlwrite.py)."""
