"""The command line: `guidegen` and its commands, a thin layer over the library (main.py), with
`check`, `watch` and its preview each in a module of its own."""
