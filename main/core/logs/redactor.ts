// Removes secrets from captured output before it is stored, shown or written to disk:
// configured secret values (admin/browser tokens), `Bearer <x>`, `token=`-style key/value pairs,
// URL userinfo, sensitive query parameters, OpenAI API keys and Discord bot tokens.

const REDACTED = '<redacted>';

// Key names whose value is a secret, in key=value, key: value and "key":"value" forms (this also
// covers URL query parameters such as ?access_token=…&sig=…).
const SENSITIVE_KEY =
  '[A-Za-z0-9_.-]*(?:token|secret|password|passwd|pwd|api[_-]?key|apikey|authorization|cookie|credential|private[_-]?key|signature|sig|csrf|session_id|client_secret)[A-Za-z0-9_.-]*';
const KEY_VALUE = new RegExp(`(${SENSITIVE_KEY})("?\\s*[=:]\\s*"?)(?!<redacted>)([^\\s"&,;<>]+)`, 'gi');
const AUTH_SCHEME = /\b(Bearer)(\s+)(?!<redacted>)[A-Za-z0-9._~+/=-]+/gi;
// Case-sensitive and base64-shaped, so prose such as "basic setup" survives.
const BASIC_AUTH = /\b(Basic)(\s+)[A-Za-z0-9+/]{8,}={0,2}/g;
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@:]+(?::[^\s/@]*)?@/gi;
// Provider secrets the onboarding steps send to the gateway, in case any process echoes one:
// OpenAI keys (sk-…, sk-proj-…) and Discord bot tokens (three base64url parts, id.timestamp.hmac).
const OPENAI_KEY = /\bsk-(?:[A-Za-z0-9]+-)*[A-Za-z0-9_-]{16,}/g;
const DISCORD_BOT_TOKEN = /\b[A-Za-z0-9_-]{23,28}\.[A-Za-z0-9_-]{6,7}\.[A-Za-z0-9_-]{27,}/g;

export class Redactor {
  private secrets: string[] = [];

  constructor(secrets: Iterable<string> = []) {
    this.setSecrets(secrets);
  }

  /** Values shorter than 4 characters are ignored: redacting "1" or "ok" would shred every line. */
  setSecrets(secrets: Iterable<string>): void {
    this.secrets = [...new Set([...secrets].filter((s) => typeof s === 'string' && s.length >= 4))].sort(
      (a, b) => b.length - a.length,
    );
  }

  redact(line: string): string {
    let out = line;
    for (const secret of this.secrets) {
      if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    }
    // Scheme first, so "authorization: Bearer abc" loses "abc" rather than just the word "Bearer".
    out = out.replace(AUTH_SCHEME, `$1$2${REDACTED}`);
    out = out.replace(BASIC_AUTH, `$1$2${REDACTED}`);
    out = out.replace(KEY_VALUE, `$1$2${REDACTED}`);
    out = out.replace(URL_USERINFO, `$1${REDACTED}@`);
    out = out.replace(OPENAI_KEY, REDACTED);
    out = out.replace(DISCORD_BOT_TOKEN, REDACTED);
    return out;
  }
}
