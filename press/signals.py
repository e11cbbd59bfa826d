"""What the press office's actions tell the rest of the project, once committed.

press/ does not know who listens (the e-mail alerts do); receivers are connected in
their app's `ready()`. Both signals are sent from press/workflow.py after the
transaction commits, so a receiver never sees a change that was rolled back.
"""

from django.dispatch import Signal

# A release was published (now or for a moment in the future: a scheduled release).
# Arguments: release_pk (int), public_at (aware datetime: when readers can see it).
# Sent again when a scheduled release is re-published for another moment, and after
# a withdrawal and re-publication: receivers decide what is new (idempotently).
release_published = Signal()

# A public change note was added to a published release, and the editor asked for
# it to go out as an alert. Arguments: release_pk (int), note_pk (int; unique per
# note, a key for idempotency), texts (dict language code -> the note's text).
change_noted = Signal()
