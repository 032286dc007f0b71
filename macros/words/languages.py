"""A language code's script direction, for `<html dir>` and the PDFs."""

from __future__ import annotations

# Languages written right to left (ISO 639 codes).
RIGHT_TO_LEFT = {"ar", "arc", "ckb", "dv", "fa", "he", "ks", "ku", "ps", "sd", "ug", "ur", "yi"}


def direction(language: str) -> str:
    """'rtl' for a right-to-left language ('ar', 'he-IL', 'ur'), else 'ltr'."""
    base = language.split("-")[0].lower()
    if language.lower() in ("ku-iq",) or base in RIGHT_TO_LEFT - {"ku"}:
        return "rtl"
    return "ltr"


# A language's own name, for the language switcher.
NAMES = {"en": "English", "es": "Español", "fr": "Français", "zh": "中文", "vi": "Tiếng Việt",
         "ar": "العربية", "ht": "Kreyòl ayisyen", "ko": "한국어", "ru": "Русский", "bn": "বাংলা"}


def base(language: str) -> str:
    """'es' for 'es-MX'."""
    return language.split("-")[0].lower()


def name_of(language: str) -> str:
    return NAMES.get(base(language), language)
