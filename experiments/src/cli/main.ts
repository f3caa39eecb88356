/**
 * The `cxr` command line. Each command lives in its own file under ./commands and is listed in
 * ./commands/index.ts; this file only wires yargs and turns typed errors into exit codes.
 */
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { commands } from './commands/index.ts';

export async function main(argv: string[]): Promise<void> {
  let cli = yargs(argv)
    .scriptName('cxr')
    .usage('$0 <command> [options]\n\nReproducible ablation studies of multi-label chest X-ray classifiers.')
    .strict()
    .demandCommand(1, 'Name a command; see the list above.')
    .recommendCommands()
    .help()
    .wrap(Math.min(110, process.stdout.columns || 100))
    .fail((message, error, y) => {
      if (error) throw error;
      y.showHelp();
      console.error(`\ncxr: ${message}`);
      process.exit(2);
    });
  for (const command of commands) cli = cli.command(command);
  await cli.parseAsync();
}

main(hideBin(process.argv)).catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`cxr: ${message}`);
  if (process.env.CXR_DEBUG && error instanceof Error) console.error(error.stack);
  process.exitCode = 1;
});
