import { type CliIo, UsageError, doctorCommand } from "./doctor-command";

export const CLI_HELP = `Usage: kong-mlflow <command> [options]

Commands:
  doctor    check the MLflow and Kong AI Gateway set-up end to end

Run "kong-mlflow doctor --help" for its options.`;

/** The `kong-mlflow` command line (`npx @kong-mlflow/node doctor`); resolves with the exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === "doctor") return await doctorCommand(rest, io);
    if (command === undefined || command === "help" || command === "--help" || command === "-h") {
      io.out(CLI_HELP);
      return command === undefined ? 2 : 0;
    }
    throw new UsageError(`unknown command "${command}".`);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`kong-mlflow: ${error.message}\n\n${command === "doctor" ? "Run kong-mlflow doctor --help for the options." : CLI_HELP}`);
      return 2;
    }
    throw error;
  }
}
