"""``python -m dyadline``: the command line."""
from .cli import main

main()
