// Electron's argv layouts: packaged [exe, …args]; default app [electron, …switches, app, …args].
import { describe, expect, it } from 'vitest';
import { appPathArgOf, parseShellArgs, userArgsOf } from '../../../main/shell/electron-argv';

describe("the shell's command line", () => {
  it('finds the arguments after the executable, and after the app path under the default app', () => {
    expect(userArgsOf(['/opt/pc/palyra-companion', '--demo'], false)).toEqual(['--demo']);
    expect(userArgsOf(['electron', '--no-sandbox', 'build/main/launch.js', '--demo'], true)).toEqual([
      '--demo',
    ]);
    expect(userArgsOf(['electron'], true)).toEqual([]);
    expect(appPathArgOf(['electron', '--no-sandbox', '/repo/build/main/launch.js', '--demo'])).toBe(
      '/repo/build/main/launch.js',
    );
  });

  it("leaves Chromium's, Squirrel's and macOS's arguments alone and parses ours", () => {
    const { options, ignored } = parseShellArgs(
      [
        '/opt/pc/palyra-companion',
        '-psn_0_12345',
        '--squirrel-firstrun',
        '--remote-debugging-port=0',
        '--enable-logging',
        '--state-root=/srv/p',
        '--port',
        '8080',
        'data:,',
      ],
      false,
    );
    expect(options).toMatchObject({ stateRoot: '/srv/p', port: 8080, demo: false });
    expect(ignored).toEqual([
      '-psn_0_12345',
      '--squirrel-firstrun',
      '--remote-debugging-port=0',
      '--enable-logging',
      'data:,',
    ]);
  });

  it('rejects typos and bad values of our own options with the parser’s message', () => {
    for (const [args, message] of [
      [['--gateway-prt', '1'], /Unknown option "--gateway-prt"/],
      [['--demo=yes'], /--demo does not take a value/],
      [['--browserd-port', '0'], /--browserd-port needs a fixed port/],
      [['--state-root', '--demo'], /--state-root needs a directory/],
    ] as const) {
      expect(() => parseShellArgs(['/opt/pc/palyra-companion', ...args], false)).toThrow(message);
    }
  });
});
