// Command lines as the pid registry stores them: without secrets. browserd gets its token as
// `--auth-token <token>` (as upstream launches it), so the raw /proc cmdline must never reach
// sidecars.json. Values of secret-looking flags and any known secret are replaced by a marker;
// the leftover identity check compares redacted forms on both sides, and the spec fingerprint
// (a hash that includes the tokens) still tells a leftover started with other tokens.

export const REDACTED = '<redacted>';

const SECRET_FLAG = /^--?[\w-]*(token|secret|password|passwd|api-key|apikey)[\w-]*$/i;

export function redactCmdline(cmdline: readonly string[], secrets: readonly string[]): string[] {
  const known = secrets.filter((s) => s.length >= 8);
  return cmdline.map((arg, i) => {
    const previous = i > 0 ? cmdline[i - 1]! : '';
    if (SECRET_FLAG.test(previous)) return REDACTED;
    const eq = arg.indexOf('=');
    if (arg.startsWith('-') && eq > 0 && SECRET_FLAG.test(arg.slice(0, eq)))
      return `${arg.slice(0, eq + 1)}${REDACTED}`;
    let out = arg;
    for (const secret of known) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    return out;
  });
}
