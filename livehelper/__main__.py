from livehelper.cli import main

raise SystemExit(main())
