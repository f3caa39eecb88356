/**
 * The errors @cxr/train throws. Messages name the function, the argument (or config key), what was
 * expected and what arrived.
 */

/** A caller passed an argument outside its contract. */
export class TrainArgumentError extends Error {
  override name = 'TrainArgumentError';
  constructor(fn: string, arg: string, expected: string, received: unknown) {
    super(`${fn}(${arg}): expected ${expected}, received ${describeValue(received)}`);
  }
}

/**
 * A run configuration is invalid: an unknown key (typo) or a value of the wrong kind. `path` is
 * the dotted key ("schedule.plateau.patiense"); `valid` lists what would have been accepted.
 */
export class TrainConfigError extends Error {
  override name = 'TrainConfigError';
  constructor(
    readonly source: string,
    readonly path: string,
    detail: string,
  ) {
    super(`${source}: config key '${path}': ${detail}`);
  }
}

/** A run or checkpoint is in a state the trainer cannot continue from (names what and why). */
export class TrainStateError extends Error {
  override name = 'TrainStateError';
  constructor(fn: string, detail: string) {
    super(`${fn}: ${detail}`);
  }
}

/** Short printable form of a received value for error messages. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value == null) return String(value);
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name} of length ${(value as unknown as ArrayLike<number>).length}`;
  return typeof value === 'object' ? `an object with keys [${Object.keys(value as object).join(', ')}]` : typeof value;
}
