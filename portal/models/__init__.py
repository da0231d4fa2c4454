from .downloads import DocumentDownload
from .home import HomePage

__all__ = ["DocumentDownload", "HomePage"]
