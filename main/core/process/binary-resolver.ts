// Finds a sidecar executable: explicit env override, then next to the app, then PATH. Unlike
// Palyra's desktop we do search PATH (packaged Linux installs put palyrad in /usr/bin), and we
// always report every place looked at so onboarding can show it.
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';
import { CompanionError } from '../errors';

export interface BinaryLookup {
  /** File name to look for, e.g. `palyrad`. */
  name: string;
  /** Environment variable that overrides the lookup, e.g. `PALYRA_DESKTOP_PALYRAD_BIN`. */
  envVar: string;
}

export type BinaryResolution =
  | { found: true; path: string; searched: string[] }
  | { found: false; error: CompanionError; searched: string[] };

export interface BinaryResolverOptions {
  /** Directory the app was installed into; searched before PATH. */
  appDir?: string | null;
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
}

function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export class BinaryResolver {
  private readonly env: NodeJS.ProcessEnv;
  private readonly appDir: string | null;
  private readonly exeSuffix: string;

  constructor(options: BinaryResolverOptions = {}) {
    this.env = options.env ?? process.env;
    this.appDir = options.appDir ?? null;
    this.exeSuffix = (options.platform ?? process.platform) === 'win32' ? '.exe' : '';
  }

  resolve(lookup: BinaryLookup): BinaryResolution {
    const searched: string[] = [];
    const override = this.env[lookup.envVar]?.trim();
    if (override) {
      searched.push(`$${lookup.envVar}=${override}`);
      let problem: { variant: string; text: string } | null = null;
      if (!isAbsolute(override)) problem = { variant: 'env_not_absolute', text: 'is not an absolute path' };
      else if (!isExecutableFile(override))
        problem = { variant: 'env_not_executable', text: 'is not an existing executable regular file' };
      if (problem === null) return { found: true, path: override, searched };
      return {
        found: false,
        searched,
        error: new CompanionError(
          'binary_missing',
          `${lookup.envVar} points at '${override}', which ${problem.text}.`,
          `Set ${lookup.envVar} to the absolute path of an executable ${lookup.name}, or unset it to search next to the app and on PATH.`,
          // The UI says the variant's sentence in its language (errors.binary_missing.<variant>).
          {
            params: { variant: problem.variant, envVar: lookup.envVar, path: override, binary: lookup.name },
          },
        ),
      };
    }
    const file = lookup.name + this.exeSuffix;
    const candidates: string[] = [];
    if (this.appDir) candidates.push(join(this.appDir, file));
    for (const dir of (this.env.PATH ?? '').split(delimiter)) {
      // An empty PATH entry means the CWD; never resolve sidecars relative to wherever we were launched.
      if (dir && isAbsolute(dir)) candidates.push(join(dir, file));
    }
    for (const candidate of candidates) {
      searched.push(candidate);
      if (isExecutableFile(candidate)) return { found: true, path: candidate, searched };
    }
    const places = [`$${lookup.envVar} (unset)`, ...searched];
    return {
      found: false,
      searched: places,
      error: new CompanionError(
        'binary_missing',
        `Could not find ${lookup.name}; looked in: ${places.join(', ')}.`,
        `Install Palyra so ${lookup.name} is next to the companion or on PATH, or set ${lookup.envVar} to its absolute path.`,
        {
          params: {
            variant: 'not_found',
            binary: lookup.name,
            envVar: lookup.envVar,
            // The paths looked at after the (unset) variable; the UI words "(unset)" itself.
            places: searched.join(', '),
            placeCount: searched.length,
          },
        },
      ),
    };
  }
}
