// Demo mode launches each simulator through a small shell wrapper in <stateRoot>/companion/demo-bin
// (the same way a real install launches palyrad). Editing that file between restarts is how the
// suite makes a sidecar's next start slow or broken, deterministically, without touching product
// code: the supervisor runs exactly what is on disk, as it would with a real binary.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CompanionHandle } from './companion-process';

export class SidecarWrapper {
  readonly path: string;
  private readonly original: string;
  private readonly holdFile: string;

  constructor(companion: CompanionHandle, binaryName: 'palyrad' | 'palyra-browserd' | 'palyra') {
    this.path = join(companion.stateRoot, 'companion', 'demo-bin', binaryName);
    this.original = readFileSync(this.path, 'utf8');
    this.holdFile = join(companion.stateRoot, `hold-${binaryName}`);
    if (!this.original.includes('\nexec ')) {
      throw new Error(`${this.path} is not the expected "#!/bin/sh … exec node <simulator>" wrapper`);
    }
  }

  /** The next starts wait (as a slow-booting daemon would) until release() is called. */
  hold(): void {
    writeFileSync(this.holdFile, 'held by the e2e suite\n');
    this.rewrite(`while [ -e '${this.holdFile}' ]; do sleep 0.1; done\n`);
  }

  release(): void {
    rmSync(this.holdFile, { force: true });
    this.restore();
  }

  /** The next starts fail at once, like a broken install. */
  break(): void {
    this.rewrite(`echo 'e2e: simulated broken install' >&2\nexit 1\n`);
  }

  restore(): void {
    writeFileSync(this.path, this.original, { mode: 0o755 });
  }

  private rewrite(prelude: string): void {
    const at = this.original.indexOf('\nexec ') + 1;
    writeFileSync(this.path, `${this.original.slice(0, at)}${prelude}${this.original.slice(at)}`, {
      mode: 0o755,
    });
  }
}
