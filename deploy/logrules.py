"""What the access logs leave out, one rule for both of them: a share link's token in
an address is cut out (a log is no key to a release under embargo).

deploy/render-nginx fills TOKEN into nginx's log map (deploy/nginx/site.conf.template,
${SHARE_TOKEN}); deploy/gunicorn.conf.py cuts it from gunicorn's access log with cut().
A token is press.sharelinks': 32 random bytes in URL-safe base64, a whole path segment.
"""

import re

TOKEN = "[A-Za-z0-9_-]{43}"
_IN_ADDRESS = re.compile(rf"(?<=/){TOKEN}(?=[/?#\s]|$)")


def cut(text: str) -> str:
    """`text` (a request line, an address, a Referer) with every token as [token]."""
    return _IN_ADDRESS.sub("[token]", text)
