"""`guidegen import`: a document people already have, read as blocks, outlined into questions and
answers, and written as a guide's YAML (import_file.py is the entry; importer.py the whole reading)."""
