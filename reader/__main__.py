"""`python -m reader` is `wikireader`."""

from reader.cli import main

raise SystemExit(main())
