"""What to install for the PDF editions, said for each system (render/weasy.py)."""

from __future__ import annotations

from guidegen.render.weasy import install_advice


def test_the_fix_is_the_one_for_each_system() -> None:
    windows = install_advice("Windows")
    assert "GTK3 runtime" in windows and "WEASYPRINT_DLL_DIRECTORIES" in windows
    assert "brew install pango" in install_advice("Darwin")
    assert "sudo apt install libpango-1.0-0" in install_advice("Linux", {"ID": "ubuntu", "ID_LIKE": "debian"})
    fedora_like = {"ID": "rocky", "ID_LIKE": "rhel centos fedora"}
    assert "sudo dnf install pango" in install_advice("Linux", fedora_like)
    assert "pacman -S pango" in install_advice("Linux", {"ID": "arch"})
    assert "package manager" in install_advice("Linux", {"ID": "nixos"})
