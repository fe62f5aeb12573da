"""schema.org descriptions (JSON-LD) of the actors, for search engines and other portals.

An actor is an organisation of the closest schema.org type, with its postal address, the
places it serves, its public contact points and its offers as services.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

from ikonzept.model import Kontakt
from ikonzept.render.content.labels import language
from ikonzept.site.directory import plain
from ikonzept.site.view import page_url

if TYPE_CHECKING:
    from ikonzept.site.directory import Entry
    from ikonzept.site.view import SiteView

_TYPES = {
    "behoerde": "GovernmentOrganization",
    "wohlfahrtsverband": "NGO",
    "bildungstraeger": "EducationalOrganization",
    "schule": "School",
    "kita": "Preschool",
    "verein": "NGO",
    "initiative": "NGO",
    "migrantenorganisation": "NGO",
}
_ADDRESS = re.compile(r"^(?P<street>.+?),\s*(?P<code>\d{5})\s+(?P<place>.+)$")


def _present(data: dict[str, Any]) -> dict[str, Any]:
    """Without the keys that have no value: schema.org wants them left out, not empty."""
    return {key: value for key, value in data.items() if value}


def _address(anschrift: str) -> dict[str, str]:
    match = _ADDRESS.match(anschrift.strip())
    address = {"@type": "PostalAddress", "addressCountry": "DE"}
    if match:
        address.update(streetAddress=match["street"], postalCode=match["code"],
                       addressLocality=match["place"])  # fmt: skip
    else:
        address["streetAddress"] = anschrift.strip()
    return address


def _contact_fields(kontakt: Kontakt) -> dict[str, Any]:
    data: dict[str, Any] = {}
    if kontakt.anschrift:
        data["address"] = _address(kontakt.anschrift)
    if kontakt.telefon:
        data["telephone"] = kontakt.telefon
    if kontakt.email:
        data["email"] = kontakt.email
    if kontakt.web:
        data["url"] = kontakt.web
    return data


def _places(ids: tuple[str, ...], view: SiteView) -> list[dict[str, str]] | dict[str, str]:
    if not ids:
        return {"@type": "AdministrativeArea", "name": view.konzept.herausgeber.name}
    return [{"@type": "City", "name": view.kommunen_namen.get(k, k)} for k in ids]


def actor(entry: Entry, view: SiteView, page: str) -> dict[str, Any]:
    """The JSON-LD object for one actor's page at ``page`` (a path in the site)."""
    akteur = entry.akteur
    own = page_url(view, page)
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": _TYPES.get(akteur.art, "Organization"),
        "@id": f"{own}#organisation",
        "name": akteur.name,
        "mainEntityOfPage": own,
        "areaServed": _places(akteur.kommunen, view),
    }
    if akteur.kontakt:
        data.update(_contact_fields(akteur.kontakt))
    people = [
        _present({"@type": "ContactPoint", "name": p.name, "contactType": p.funktion,
                  "telephone": p.telefon, "email": p.email})
        for p in akteur.oeffentliche_ansprechpersonen
    ]  # fmt: skip
    if people:
        data["contactPoint"] = people
    if akteur.angebote:
        data["makesOffer"] = [
            {
                "@type": "Offer",
                "itemOffered": _present(
                    {
                        "@type": "Service",
                        "@id": f"{own}#angebot-{o.id}",
                        "name": o.titel,
                        "description": plain(o.beschreibung),
                        "audience": {"@type": "Audience", "audienceType": o.zielgruppe}
                        if o.zielgruppe
                        else None,
                        "availableLanguage": [
                            {"@type": "Language", "name": language(c), "alternateName": c}
                            for c in o.sprachen
                        ],
                        "areaServed": _places(o.kommunen, view) if o.kommunen else None,
                        "provider": {"@id": f"{own}#organisation"},
                    }
                ),
            }
            for o in akteur.angebote
        ]
    return data


def script_json(data: Any) -> str:
    """JSON for a ``<script type="application/ld+json">``: nothing in it can end the element."""
    # Compact: with indentation Python's json falls back to its slow pure-Python encoder.
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
