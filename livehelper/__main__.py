from livehelper.cli import main

if __name__ == "__main__":  # a spawned process (the reader) imports this module too
    raise SystemExit(main())
