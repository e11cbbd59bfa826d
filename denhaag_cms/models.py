"""The project's own tables (plumbing, no app's data)."""

from __future__ import annotations

from django.db import models


class RateLimitCounter(models.Model):
    """One rate limit's count for one key and window, kept in the database while the
    shared cache does not answer (denhaag_cms/ratelimit.py). The key is a keyed hash:
    the table holds no address, IP or e-mail."""

    key = models.CharField(max_length=64, primary_key=True)
    count = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = "rate limit counter"

    def __str__(self) -> str:
        return f"{self.key}: {self.count} until {self.expires_at}"
