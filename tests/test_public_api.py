"""The curated public surface stays stable and sorted."""

import infusion_coder


def test_all_is_sorted_and_resolvable() -> None:
    assert infusion_coder.__all__ == sorted(infusion_coder.__all__)
    for name in infusion_coder.__all__:
        assert hasattr(infusion_coder, name), name


def test_core_names_present() -> None:
    for name in ("Case", "CodingResult", "InfusionCoderError", "InvalidCase", "UnknownCode"):
        assert name in infusion_coder.__all__
