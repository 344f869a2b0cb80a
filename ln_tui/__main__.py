from ln_tui.cli import main

raise SystemExit(main())
