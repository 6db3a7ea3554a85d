from nextseason.cli import main

main()
