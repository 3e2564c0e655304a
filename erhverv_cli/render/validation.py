"""Renderers for a validation report: plain text, JSON, GitHub Actions annotations."""

from __future__ import annotations

from collections.abc import Callable

from erhverv_cli.render.text import json_text, safe_line
from erhverv_cli.validation import Finding, ValidationReport


def _text_line(finding: Finding) -> str:
    where = f"{finding.field}: " if finding.field else ""
    return safe_line(f"{finding.location()}: {where}{finding.message}")


def render_text(report: ValidationReport) -> str:
    """``file:line:col: field: message`` lines and a closing summary line."""
    lines = [_text_line(finding) for finding in report.findings]
    lines.append(safe_line(report.summary()))
    return "\n".join(lines) + "\n"


def render_json(report: ValidationReport) -> str:
    """A JSON object: ok, counts, summary and every error with its location."""
    payload = {
        "ok": report.ok,
        "files": len(report.files),
        "invalid_files": report.invalid_files,
        "errors": [
            {
                "file": finding.file,
                "line": finding.line,
                "col": finding.col,
                "field": finding.field,
                "message": finding.message,
            }
            for finding in report.findings
        ],
        "summary": report.summary(),
    }
    return json_text(payload, indent=2) + "\n"


def _escape_data(text: str) -> str:
    text = safe_line(text)
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(report: ValidationReport) -> str:
    """GitHub Actions workflow commands, so each error is annotated on its line in the pull request."""
    lines = []
    for finding in report.findings:
        title = f"erhverv: {finding.field}" if finding.field else "erhverv"
        lines.append(
            f"::error file={_escape_property(finding.file)},line={finding.line},col={finding.col},"
            f"title={_escape_property(title)}::{_escape_data(finding.message)}"
        )
    lines.append(safe_line(report.summary()))
    return "\n".join(lines) + "\n"


RENDERERS: dict[str, Callable[[ValidationReport], str]] = {
    "text": render_text,
    "json": render_json,
    "github": render_github,
}
