// Whether a leftover's current command line is the one recorded right after its spawn. A
// `#!/bin/sh … exec node sim.js "$@"` wrapper (demo mode, some packagers) is still the shell when
// the registry is written and the real program a moment later, so an exact match alone would call
// a genuine leftover "unrelated" and leave it running, holding its ports.
export function sameLaunchCommand(recorded: string[], current: string[], binary: string | null): boolean {
  if (JSON.stringify(recorded) === JSON.stringify(current)) return true;
  // Read while the kernel was swapping images during exec: /proc shows an empty cmdline. Identity
  // then rests on pid + start time + pgid alone, which the caller has already matched.
  if (recorded.length === 0) return true;
  // Recorded as the kernel runs a script: <interpreter> <binary> <args…>. After `exec` the
  // process must still end with exactly those args; start time and pgid are checked by the caller.
  const at = binary === null ? -1 : recorded.indexOf(binary);
  if (at !== 1) return false;
  const args = recorded.slice(2);
  if (current.length <= args.length) return false;
  return JSON.stringify(current.slice(current.length - args.length)) === JSON.stringify(args);
}
