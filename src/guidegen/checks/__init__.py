"""`guidegen check`'s warnings about a valid guide: what its content reads badly (content.py), and
what the print booklet's and the cards' fitting will do to it, foretold without laying out (fit.py)."""
