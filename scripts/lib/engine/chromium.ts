/**
 * Debian's Chromium, the browser the dashboards page is tested in (playwright-core drives it by
 * its executable path; Playwright's own browser downloads are never used).
 *
 * ensureChromium, in steps:
 *   1. `chromium` on PATH is kept as it is (ensureCommand); else, as root, apt-get installs
 *      Debian's `chromium` package; without root, fail naming the apt-get line to run.
 *   2. Return the executable: /usr/bin/chromium where it exists, else what `command -v` finds.
 */
import { existsSync } from 'node:fs';
import { type EnsureCommandOptions, ensureCommand, zxExec } from './apt.ts';

/** Where Debian's `chromium` package puts the browser. */
export const CHROMIUM_PATH = '/usr/bin/chromium';
/** Debian's package (and command) name. */
export const CHROMIUM_PACKAGE = 'chromium';

/** Makes sure Debian's Chromium is installed; returns its executable path. */
export async function ensureChromium(opts: EnsureCommandOptions = {}): Promise<string> {
  await ensureCommand('chromium', CHROMIUM_PACKAGE, CHROMIUM_PACKAGE, opts);
  if (existsSync(CHROMIUM_PATH)) return CHROMIUM_PATH;
  const exec = opts.exec ?? zxExec;
  const found = await exec('command', ['-v', CHROMIUM_PACKAGE]);
  return found.stdout.trim() || CHROMIUM_PATH;
}
