"""German labels for coded values: kinds of actors, languages."""

from __future__ import annotations

ACTOR_KINDS: dict[str, str] = {
    "behoerde": "Behörden",
    "wohlfahrtsverband": "Wohlfahrtsverbände",
    "bildungstraeger": "Bildungsträger",
    "schule": "Schulen",
    "kita": "Kindertageseinrichtungen und Familienzentren",
    "kirche": "Kirchen und Religionsgemeinschaften",
    "verein": "Vereine",
    "initiative": "Ehrenamtliche Initiativen",
    "migrantenorganisation": "Migrantenorganisationen",
    "sonstige": "Weitere Akteure",
}

# One actor of a kind, for a directory entry („Bildungsträger · tätig in Dülmen“).
ACTOR_KIND: dict[str, str] = {
    "behoerde": "Behörde",
    "wohlfahrtsverband": "Wohlfahrtsverband",
    "bildungstraeger": "Bildungsträger",
    "schule": "Schule",
    "kita": "Kindertageseinrichtung oder Familienzentrum",
    "kirche": "Kirche oder Religionsgemeinschaft",
    "verein": "Verein",
    "initiative": "Ehrenamtliche Initiative",
    "migrantenorganisation": "Migrantenorganisation",
    "sonstige": "Weiterer Akteur",
}

LANGUAGES: dict[str, str] = {
    "de": "Deutsch", "en": "Englisch", "fr": "Französisch", "ar": "Arabisch",
    "fa": "Persisch", "ps": "Paschtu", "ur": "Urdu", "tr": "Türkisch", "ku": "Kurdisch",
    "ru": "Russisch", "uk": "Ukrainisch", "pl": "Polnisch", "ro": "Rumänisch",
    "bg": "Bulgarisch", "sq": "Albanisch", "sr": "Serbisch", "hr": "Kroatisch",
    "bs": "Bosnisch", "mk": "Mazedonisch", "el": "Griechisch", "it": "Italienisch",
    "es": "Spanisch", "pt": "Portugiesisch", "nl": "Niederländisch", "ti": "Tigrinya",
    "am": "Amharisch", "so": "Somali", "hi": "Hindi", "bn": "Bengalisch", "zh": "Chinesisch",
    "vi": "Vietnamesisch", "hy": "Armenisch", "ka": "Georgisch", "az": "Aserbaidschanisch",
    "he": "Hebräisch", "sw": "Swahili", "ha": "Hausa", "yo": "Yoruba", "ig": "Igbo",
    "ln": "Lingala", "wo": "Wolof", "ta": "Tamil", "si": "Singhalesisch", "hu": "Ungarisch",
    "cs": "Tschechisch", "sk": "Slowakisch", "lt": "Litauisch", "lv": "Lettisch",
    "et": "Estnisch", "sl": "Slowenisch", "sv": "Schwedisch", "da": "Dänisch",
    "no": "Norwegisch", "fi": "Finnisch", "ja": "Japanisch", "ko": "Koreanisch",
    "th": "Thailändisch", "id": "Indonesisch", "ms": "Malaiisch", "tl": "Tagalog",
}  # fmt: skip

MONTHS = (
    "Januar", "Februar", "März", "April", "Mai", "Juni",
    "Juli", "August", "September", "Oktober", "November", "Dezember",
)  # fmt: skip


def language(code: str) -> str:
    return LANGUAGES.get(code, code)
