from persian.text import to_persian_digits


class ArchiveError(Exception):
    """A record that breaks the exchange format: which field, and why (in Persian)."""

    def __init__(self, field, reason):
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason


def check_length(text, name, model, field_name):
    """Refuse ``text`` longer than ``model.field_name`` holds, before anything is written."""
    limit = model._meta.get_field(field_name).max_length
    if limit and len(text) > limit:
        count = to_persian_digits(len(text))
        raise ArchiveError(name, f"{count} نویسه است؛ بیشینه {to_persian_digits(limit)} نویسه.")
    return text
