"""Demo content for ``python manage.py loaddemo``, read from press/demo/content.json.

Pure data: themes, press contacts and press releases, in Dutch and English.
Release "100rc" is the real press release of the Municipality of The Hague
(25 May 2016) that this newsroom was modelled on, reproduced faithfully; all
other releases, and every name in them and in the contacts, are fictional. The seed
names its "more information" address in its own words, in the body. Release
"correctie" carries a public change note, as a correction of a published release is
made now (press.workflow.save_edit): shown as "Bijgewerkt op …" under the date.

"networks", "cities" and "memberships" are the city's memberships of international
city networks: 100 Resilient Cities (from the seed release: joined 25 May 2016,
announced in Washington DC and Nairobi, focus on cybersecurity and coastal defence,
and the member cities it names) and the Global Parliament of Mayors (first convened
in The Hague in September 2016). The other cities' join dates are 100 Resilient
Cities' announcement rounds (December 2013 for Rotterdam, May 2016 for the cities
announced with The Hague). No membership is marked as ended: the demo invents no end
dates. A membership's "releases" names keys of the releases, its "themes" slug_nl of
the themes.

"reactions" are the approved reactions under a release (by key), oldest first.

``publish_at`` is either a local Europe/Amsterdam time ("2016-05-25T14:00") or a
date relative to the day the command runs ({"days_ago": 2, "hour": 10} or
{"days_ahead": 6, "hour": 9}).

"hero_images": the releases' hero images (keys of the releases), drawn by
press.demo_images in the given mood, with their description (alt text) and credit.
Releases not named there (a withdrawn one, the Dutch-only one, the draft) have none,
as releases may.
"""

from __future__ import annotations

import json
from pathlib import Path

CONTENT = json.loads((Path(__file__).parent / "demo" / "content.json").read_text("utf-8"))

THEMES: list[dict] = CONTENT["themes"]
CONTACTS: list[dict] = CONTENT["contacts"]
RELEASES: list[dict] = CONTENT["releases"]
REACTIONS: dict[str, list[dict]] = CONTENT["reactions"]
NETWORKS: list[dict] = CONTENT["networks"]
CITIES: list[dict] = CONTENT["cities"]
MEMBERSHIPS: list[dict] = CONTENT["memberships"]
HERO_CREDIT: str = CONTENT["hero_images"]["credit"]
HERO_IMAGES: dict[str, dict] = {
    key: {
        "mood": mood,
        "alt_nl": CONTENT["hero_images"]["alt"][mood]["nl"],
        "alt_en": CONTENT["hero_images"]["alt"][mood]["en"],
    }
    for key, mood in CONTENT["hero_images"]["moods"].items()
}
