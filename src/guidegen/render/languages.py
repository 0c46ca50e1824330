"""Whether the editions have their own words in a guide's language: a guide in a language no labels
file speaks gets English headings and labels, which its author should know before printing."""

from __future__ import annotations

from ..model.guide import Guide
from ..model.problems import GuideWarning
from .project import Project


def language_warnings(guide: Guide, project: Project) -> list[GuideWarning]:
    """A warning when no labels file (the project's or the theme's) has words for the guide's language."""
    language = guide.meta.language
    if project.speaks(language):
        return []
    spoken = ", ".join(project.speaking())
    return [GuideWarning(("guide", "language"), (
        f"guidegen has no words for '{language}': the editions' headings and labels will be in English "
        f"(it has words for {spoken}); add them for your language in the project's "
        "templates/_partials/labels.yaml (guidegen docs theme), or write another language tag"))]
