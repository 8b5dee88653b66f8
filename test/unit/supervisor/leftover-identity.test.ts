import { describe, expect, it } from 'vitest';
import { sameLaunchCommand } from '../../../main/core/supervisor/leftover-identity';

const BIN = '/state/companion/demo-bin/palyrad';
const ARGS = ['--bind', '127.0.0.1', '--port', '40001'];

describe('sameLaunchCommand', () => {
  it('accepts an identical command line', () => {
    expect(sameLaunchCommand([BIN, ...ARGS], [BIN, ...ARGS], BIN)).toBe(true);
  });

  it('accepts a shell wrapper that exec-ed its program with the same args', () => {
    const recorded = ['/bin/sh', BIN, ...ARGS];
    const current = ['/usr/bin/node', '/app/build/palyrad.js', ...ARGS];
    expect(sameLaunchCommand(recorded, current, BIN)).toBe(true);
  });

  it('accepts a record whose cmdline was read mid-exec (empty)', () => {
    expect(sameLaunchCommand([], ['/usr/bin/node', '/app/build/palyrad.js', ...ARGS], BIN)).toBe(true);
  });

  it('rejects a wrapper whose successor has different args (another instance, other port)', () => {
    const recorded = ['/bin/sh', BIN, ...ARGS];
    const current = ['/usr/bin/node', '/app/build/palyrad.js', '--bind', '127.0.0.1', '--port', '40002'];
    expect(sameLaunchCommand(recorded, current, BIN)).toBe(false);
  });

  it('rejects a changed command line when the recorded one was not the wrapper', () => {
    expect(sameLaunchCommand([BIN, ...ARGS], ['/usr/bin/vim', ...ARGS], BIN)).toBe(false);
    expect(sameLaunchCommand(['/bin/sh', '/other/script', ...ARGS], ['node', 'x.js', ...ARGS], BIN)).toBe(
      false,
    );
    expect(sameLaunchCommand(['/bin/sh', BIN, ...ARGS], ['node', 'x.js', ...ARGS], null)).toBe(false);
  });

  it('rejects a bare successor that carries only the args (nothing was exec-ed in front of them)', () => {
    expect(sameLaunchCommand(['/bin/sh', BIN, ...ARGS], [...ARGS], BIN)).toBe(false);
  });
});
