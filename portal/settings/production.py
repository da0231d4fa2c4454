from .base import *  # noqa: F401,F403
from .base import require_secret_key

require_secret_key()
