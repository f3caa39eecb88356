/**
 * Reading a run config file from disk (`cxr train --config F`, `cxr config show --config F`).
 */
import { readFileSync } from 'node:fs';
import { TrainConfigError } from '../errors.ts';
import { configFromJson } from './resolve.ts';
import type { RunConfig } from './run-config.ts';

/**
 * Reads, parses and resolves a config file `{"extends": PRESET, ...overrides}` (configFromJson).
 * A file that is not valid JSON is named with the line and column of the problem.
 *
 * @throws TrainConfigError naming `path` (`path:line:column` for malformed JSON), for an unreadable
 *   file, malformed JSON, or any config problem configFromJson finds.
 * @example readConfigFile('configs/b0-cutmix.json').model.backbone // 'efficientnetb0'
 */
export function readConfigFile(path: string): RunConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new TrainConfigError(path, '(root)', `cannot read the config file: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const reason = (error as Error).message;
    const { line, column } = jsonErrorPosition(text, reason);
    const why = reason.replace(/ in JSON at position \d+.*$/, '').replace(/ \(line \d+ column \d+\)$/, '');
    throw new TrainConfigError(`${path}:${line}:${column}`, '(root)', `not valid JSON: ${why} (line ${line}, column ${column})`);
  }
  return configFromJson(json, path);
}

/**
 * The 1-based line and column of a JSON.parse error, from the character position V8 reports
 * ("... in JSON at position 34"); the end of the text when it reports none ("Unexpected end of JSON input").
 *
 * @example jsonErrorPosition('{\n  a: 1}', 'Expected double-quoted property name in JSON at position 4') // { line: 2, column: 3 }
 */
export function jsonErrorPosition(text: string, message: string): { line: number; column: number } {
  const match = /at position (\d+)/.exec(message);
  const position = match ? Math.min(Number(match[1]), text.length) : text.length;
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  const column = position - (before.lastIndexOf('\n') + 1) + 1;
  return { line, column };
}
