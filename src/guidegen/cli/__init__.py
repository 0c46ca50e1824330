"""The command line: the face guidegen shows its users."""
