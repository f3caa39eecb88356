/**
 * Every `cxr` command, one module each. Add a command here only once it works end to end.
 */
import type { CommandModule } from 'yargs';

export const commands: CommandModule<any, any>[] = [];
