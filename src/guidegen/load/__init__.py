"""The loader, the only reader: YAML files -> validated Guide models, or every problem at once."""

from .guides import LoadedGuide, load_guide, load_guides

__all__ = ["LoadedGuide", "load_guide", "load_guides"]
