/** The exact command that resumes an interrupted `cxr sweep`: the same arguments, quoted for a POSIX shell. */

/**
 * @example resumeCommand(['sweep', 'table2-unfreeze', '--set', 'model.head=[{"units":8}]']) // `npx cxr sweep table2-unfreeze --set 'model.head=[{"units":8}]'`
 */
export function resumeCommand(args: readonly string[]): string {
  return ['npx', 'cxr', ...args.map(shellQuote)].join(' ');
}

/** A word as a POSIX shell reads it back unchanged: as it is when plain, else in single quotes. */
export function shellQuote(word: string): string {
  if (/^[A-Za-z0-9_./=:,@%+-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
