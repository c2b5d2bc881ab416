"""`python -m luoshi`: the same command line as the `luoshi` script."""

from luoshi.cli import main

raise SystemExit(main())
