"""Run the command line as ``python -m claimdiff``."""

from claimdiff.cli import main

if __name__ == "__main__":
    main()
