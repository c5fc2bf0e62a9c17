"""Batch audit: code many encounters, compare with what was billed, summarise in dollars."""

from infusion_coder.batch.audit import AuditSummary, audit, iter_cases
from infusion_coder.batch.synth import ERROR_KINDS, generate

__all__ = ["ERROR_KINDS", "AuditSummary", "audit", "generate", "iter_cases"]
