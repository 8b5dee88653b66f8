#!/usr/bin/env node
// `npm test` runs this first. The suite drives Debian's Chromium, a real keyring and a real
// notification server, so it needs a few Debian packages. Present: silent. Missing and root:
// installs them with apt-get. Missing otherwise: ONE line saying exactly what to run, exit 1.
import { spawnSync } from 'node:child_process';

// Package → a command it provides (what the tests actually call).
const NEEDED = [
  ['chromium', 'chromium'],
  ['chromium-driver', 'chromedriver'],
  ['xvfb', 'Xvfb'],
  ['xauth', 'xauth'],
  // The voice e2e spec's fake microphone plays a sentence espeak-ng speaks at test time.
  ['espeak-ng', 'espeak-ng'],
  ['dbus', 'dbus-daemon'],
  ['gnome-keyring', 'gnome-keyring-daemon'],
  ['libsecret-tools', 'secret-tool'],
  ['libnotify-bin', 'notify-send'],
];

function has(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

const missing = NEEDED.filter(([, command]) => !has(command)).map(([pkg]) => pkg);
if (missing.length === 0) process.exit(0);

const install = ['apt-get', 'install', '-y', '--no-install-recommends', ...missing];
if (process.getuid?.() === 0 && has('apt-get')) {
  process.stderr.write(`[test] installing the Debian packages the tests need: ${missing.join(' ')}\n`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const steps = [
    ['apt-get', ['update', '-qq']],
    [install[0], install.slice(1)],
  ];
  for (const [cmd, args] of steps) {
    const result = spawnSync(cmd, args, { stdio: 'inherit', env });
    if (result.status !== 0) {
      process.stderr.write(`[test] ${cmd} ${args.join(' ')} failed (exit ${result.status}).\n`);
      process.exit(1);
    }
  }
  process.exit(0);
}
process.stderr.write(
  `The tests need Debian packages that are missing; run: sudo apt-get update && sudo ${install.join(' ')}\n`,
);
process.exit(1);
