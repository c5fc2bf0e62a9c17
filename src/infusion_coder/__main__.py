from infusion_coder.cli import main

main()
