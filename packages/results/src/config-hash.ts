import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.ts';

/**
 * SHA-256 (lower-case hex) of the UTF-8 bytes of `canonicalJson(config)`: the config part of a
 * run's identity (config hash, dataset fingerprint, seed). Key order never changes the hash.
 *
 * @throws ResultsArgumentError when the config is not plain JSON (see canonicalJson).
 * @example configHash({}) // '44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a' (sha256 of "{}")
 */
export function configHash(config: unknown): string {
  return createHash('sha256').update(canonicalJson(config), 'utf8').digest('hex');
}
