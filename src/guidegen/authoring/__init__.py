"""Writing guides for their authors: a new project or guide (scaffold.py), a guide imported from the
question-and-answer documents people already have, and YAML written as a person would (yamlwrite.py).

Import, step by step: import_file.py writes the guide and reports; source.py reads the file (its
encoding); blocks.py cuts it into blocks (markdown-it's block parser, or paragraphs of plain text);
questions.py says what a piece of text is; outline.py walks the blocks into questions and answers,
with sectioning.py (which headings open which sections), parts.py (what an outline is made of) and
leftovers.py (what no question holds); inline.py and htmltext.py read inline Markdown and HTML;
render.py writes answers as Markdown and other fields as text; head.py reads the title block;
sections.py the interview process, red flags and resources; ids.py makes ids; importer.py puts the
guide together.
"""
