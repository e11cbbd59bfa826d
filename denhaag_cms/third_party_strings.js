// Interface text of Django admin's own scripts that editors read: the clock's
// warning beside the date and time fields (the rest is named in static/js/admin.js).
// Named here so that `make messages` keeps their Dutch in
// locale/nl/LC_MESSAGES/djangojs.po (our catalogue comes first): Django's Dutch
// says "u" where the admin says "je".
// Nothing loads this file (see third_party_strings.py for the server's strings).
/* global gettext, ngettext */
ngettext('Note: You are %s hour ahead of server time.', 'Note: You are %s hours ahead of server time.', 1);
ngettext('Note: You are %s hour behind server time.', 'Note: You are %s hours behind server time.', 1);
