"""Interface text of Django's admin and django-simple-history that the editors read,
named here so that `make messages` keeps their Dutch in locale/nl (our catalogue comes
first): Django's Dutch says "u" and "De {name}" (wrong for "het persbericht"), and
django-simple-history has no Dutch at all. The Dutch names no article, so it is right
for every model. Nothing calls this module at run time.
"""

from django.utils.translation import gettext_noop, ngettext

# Django's own form messages, whose Dutch Django REST framework's catalogue (installed
# for the API) would replace in every form ("Dit veld is vereist."): ours keeps
# Django's words (tests/test_translations.py finds any such message).
DJANGO_FORMS = [
    gettext_noop("This field is required."),
    gettext_noop("No file was submitted."),
    gettext_noop(
        "Upload a valid image. The file you uploaded was either not an image or a corrupted image."
    ),
    gettext_noop("Value must be valid JSON."),
]

DJANGO_ADMIN = [
    gettext_noop("The {name} “{obj}” was added successfully."),
    gettext_noop("You may edit it again below."),
    gettext_noop("The {name} “{obj}” was added successfully. You may add another {name} below."),
    gettext_noop("The {name} “{obj}” was changed successfully. You may edit it again below."),
    gettext_noop("The {name} “{obj}” was changed successfully. You may add another {name} below."),
    gettext_noop("The {name} “{obj}” was changed successfully."),
    gettext_noop("The %(name)s “%(obj)s” was deleted successfully."),
    gettext_noop("%(name)s with ID “%(key)s” doesn’t exist. Perhaps it was deleted?"),
    gettext_noop("You don’t have permission to view or edit anything."),
    gettext_noop(
        "Deleting the %(object_name)s '%(escaped_object)s' would result in deleting related "
        "objects, but your account doesn't have permission to delete the following types of "
        "objects:"
    ),
    gettext_noop(
        'Are you sure you want to delete the %(object_name)s "%(escaped_object)s"? All of '
        "the following related items will be deleted:"
    ),
    gettext_noop(
        "Deleting the selected %(objects_name)s would result in deleting related objects, "
        "but your account doesn't have permission to delete the following types of objects:"
    ),
    gettext_noop(
        "Are you sure you want to delete the selected %(objects_name)s? All of the following "
        "objects and their related items will be deleted:"
    ),
    gettext_noop(
        "You are authenticated as %(username)s, but are not authorized to access this page. "
        "Would you like to login to a different account?"
    ),
    gettext_noop("Your password was changed."),
    # An inline's add button: Django's Dutch says "Nog een …" even when there is none.
    gettext_noop("Add another %(verbose_name)s"),
    # The start page's model list: column headers for screen readers.
    gettext_noop("Model name"),
    gettext_noop("Add link"),
    gettext_noop("Change or view list link"),
]

SIMPLE_HISTORY = [
    gettext_noop("Change history: %s"),
    gettext_noop("View history: %s"),
    gettext_noop("View %s"),
    gettext_noop('The %(name)s "%(obj)s" was changed successfully.'),
    gettext_noop("You may edit it again below"),
    gettext_noop("Revert %s"),
    gettext_noop("Created"),
    gettext_noop("Changed"),
    gettext_noop("Deleted"),
    gettext_noop(
        "Choose a date from the list below to revert to a previous version of this object."
    ),
    gettext_noop("This object doesn't have a change history."),
    gettext_noop("Revert %(verbose_name)s"),
    gettext_noop("Press the 'Revert' button below to revert to this version of the object."),
    gettext_noop("Or press the 'Change History' button to edit the history."),
    gettext_noop("Press the 'Change History' button below to edit the history."),
    gettext_noop("Object"),
    gettext_noop("Date/time"),
    gettext_noop("Comment"),
    gettext_noop("Changed by"),
    gettext_noop("Change reason"),
    gettext_noop("Changes"),
    gettext_noop("Revert"),
    gettext_noop("Change History"),
]


def _plurals(count: int) -> list[str]:
    # django-simple-history's history list: "3 entries".
    return [ngettext("entry", "entries", count)]
