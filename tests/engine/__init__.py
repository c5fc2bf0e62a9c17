"""Tests of the case coder (golden cases, boundaries, properties, policy options)."""
