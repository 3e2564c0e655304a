from erhverv_cli.cli import main

main()
