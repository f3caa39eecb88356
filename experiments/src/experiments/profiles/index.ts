/**
 * The named profiles of a sweep (`cxr sweep --profile P`): smoke, default and paper.
 */
import { didYouMean } from '@cxr/train';
import type { Profile } from '../definition.ts';
import { ExperimentDefinitionError } from '../errors.ts';
import { defaultProfile } from './default.ts';
import { paperProfile } from './paper.ts';
import { smokeProfile } from './smoke.ts';

/** Every profile, smallest first. */
export const PROFILES: readonly Profile[] = Object.freeze([smokeProfile, defaultProfile, paperProfile]);

/** Their names, in the same order. */
export const PROFILE_NAMES: readonly string[] = Object.freeze(PROFILES.map((p) => p.name));

/**
 * The profile called `name`.
 *
 * @throws ExperimentDefinitionError for an unknown name, with "did you mean" and the valid names.
 * @example findProfile('smoke').override.epochs // 2
 */
export function findProfile(name: string): Profile {
  const profile = PROFILES.find((p) => p.name === name);
  if (!profile)
    throw new ExperimentDefinitionError(
      'experiments/src/experiments/profiles/index.ts',
      null,
      'profile',
      `unknown profile ${JSON.stringify(name)}${didYouMean(String(name), PROFILE_NAMES)}; valid profiles: ${PROFILE_NAMES.join(', ')}`,
    );
  return profile;
}
