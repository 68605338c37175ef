"""The app's models, one module per part."""

from .records import InternationalRecord as InternationalRecord
from .records import Organisation as Organisation
