/**
 * Finding a headless Chromium for the report's browser test: env CXR_CHROMIUM when set, else
 * Debian's /usr/bin/chromium when it starts, else the one shipped in @sparticuz/chromium (unpacked
 * to /tmp/chromium on first use), so a fresh machine needs nothing beyond `npm ci`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** The launch arguments of the browser test (no sandbox: CI containers run as root). */
export const CHROMIUM_ARGS = ['--no-sandbox', '--headless', '--disable-gpu', '--disable-dev-shm-usage'];

function starts(path: string): string | null {
  if (!existsSync(path)) return `${path} does not exist`;
  const r = spawnSync(path, ['--version'], { encoding: 'utf8', timeout: 15_000 });
  return r.status === 0
    ? null
    : `${path} --version failed (${r.error?.message ?? `exit ${r.status}`}): ${(r.stderr ?? '').trim().slice(0, 200)}`;
}

/**
 * The Chromium to use, or why there is none (the reasons of every candidate tried).
 *
 * @example await findChromium() // { path: '/usr/bin/chromium' } or { reason: '...' }
 */
export async function findChromium(): Promise<{ path: string } | { reason: string }> {
  const env = process.env['CXR_CHROMIUM'];
  if (env) {
    const why = starts(env);
    return why === null ? { path: env } : { reason: `CXR_CHROMIUM: ${why}` };
  }
  const reasons: string[] = [];
  const debian = '/usr/bin/chromium';
  const why = starts(debian);
  if (why === null) return { path: debian };
  reasons.push(why);
  try {
    const { default: chromium } = await import('@sparticuz/chromium');
    const path = await chromium.executablePath();
    const bundled = starts(path);
    if (bundled === null) return { path };
    reasons.push(`@sparticuz/chromium: ${bundled}`);
  } catch (e) {
    reasons.push(`@sparticuz/chromium: ${(e as Error).message}`);
  }
  return { reason: `no Chromium starts: ${reasons.join('; ')}` };
}
