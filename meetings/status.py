"""A resolution's status: its values and Persian labels, in the order charts and filters show them."""

from django.db import models


class ResolutionStatus(models.TextChoices):
    PENDING = "pending", "در انتظار اقدام"
    IN_PROGRESS = "in_progress", "در دست اقدام"
    DONE = "done", "انجام شد"
    CANCELLED = "cancelled", "لغو شد"


STATUS_ORDER = list(ResolutionStatus)  # pending, in progress, done, cancelled
OPEN_STATUSES = (ResolutionStatus.PENDING, ResolutionStatus.IN_PROGRESS)
