// The only place the process exits: `LakemakeCLI.main` returns the status.
import Glibc

exit(LakemakeCLI.main(Array(CommandLine.arguments.dropFirst())))
