from erhverv_cli.entry import main

main()
