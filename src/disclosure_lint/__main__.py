from disclosure_lint.cli import main

main()
