"""``python -m clustergraph`` runs the command line."""

from clustergraph.cli import main

if __name__ == "__main__":
    main()
