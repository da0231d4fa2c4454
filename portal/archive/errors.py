class ArchiveError(Exception):
    """A record that breaks the exchange format: which field, and why (in Persian)."""

    def __init__(self, field, reason):
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason
