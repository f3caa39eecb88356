/**
 * The `cxr` command line. Each command lives in its own file under ./commands (loaded by
 * ./commands/index.ts); this file only wires yargs, groups nested commands and turns errors into
 * exit codes.
 */
import { quietTfjsBanner } from '@cxr/train';
import yargs, { type Argv } from 'yargs';
import { hideBin } from 'yargs/helpers';
import { groupDescriptions, type CliCommand } from './command-types.ts';
import { loadCommands } from './commands/index.ts';
import { watchLauncher } from './interrupts.ts';

export async function main(argv: string[]): Promise<void> {
  const all = await loadCommands();
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
  const groups = new Map<string, CliCommand[]>();
  for (const c of all) {
    if (!c.group) cli = cli.command(c.module);
    else groups.set(c.group, [...(groups.get(c.group) ?? []), c]);
  }
  for (const [group, members] of groups) {
    cli = cli.command(group, groupDescriptions[group] ?? `${group} commands`, (y: Argv) => {
      let sub = y;
      for (const m of members) sub = sub.command(m.module);
      return sub.demandCommand(1, `Name a '${group}' command; see the list above.`);
    });
  }
  await cli.parseAsync();
}

watchLauncher(); // exit when bin/cxr.mjs is gone (issue 13)
quietTfjsBanner(); // stderr carries only our own lines (issue 13), whichever backend a command uses
main(hideBin(process.argv)).catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  console.error(/^cxr[ :]/.test(message) ? message : `cxr: ${message}`); // 'cxr train: ...' is not prefixed twice
  if (process.env.CXR_DEBUG && error instanceof Error) console.error(error.stack);
  process.exitCode = 1;
});
