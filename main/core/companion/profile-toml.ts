// A strict reader for the small TOML subset Palyra's CLI writes to `cli/profiles.toml`
// (crates/palyra-cli/src/app/mod.rs, serialized with the `toml` crate): top-level `key = value`
// lines, `[profiles.<name>]` tables, and string, integer and boolean values. Anything outside
// that subset is rejected with its line number rather than guessed at. No TOML library is among
// the project's dependencies, and this file needs only this much.

export type TomlScalar = string | number | boolean;
export interface TomlTable {
  [key: string]: TomlScalar | TomlTable;
}

export class TomlSubsetError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
    this.name = 'TomlSubsetError';
  }
}

const BARE_KEY = /^[A-Za-z0-9_-]+/;

export function parseTomlSubset(text: string): TomlTable {
  const root: TomlTable = {};
  let table = root;
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, index) => {
    const lineNo = index + 1;
    const cursor = new Cursor(raw, lineNo);
    cursor.skipSpace();
    if (cursor.done() || cursor.peek() === '#') return;
    if (cursor.peek() === '[') {
      if (raw.trim().startsWith('[['))
        throw new TomlSubsetError(lineNo, 'arrays of tables are not supported');
      cursor.next();
      const path = cursor.keyPath();
      cursor.expect(']');
      cursor.endOfLine();
      table = openTable(root, path, lineNo);
      return;
    }
    const path = cursor.keyPath();
    if (path.length !== 1)
      throw new TomlSubsetError(lineNo, `dotted key '${path.join('.')}' is not supported`);
    cursor.expect('=');
    cursor.skipSpace();
    const value = cursor.value();
    cursor.endOfLine();
    const key = path[0]!;
    if (Object.prototype.hasOwnProperty.call(table, key))
      throw new TomlSubsetError(lineNo, `key '${key}' is defined twice`);
    table[key] = value;
  });
  return root;
}

function openTable(root: TomlTable, path: string[], lineNo: number): TomlTable {
  let table = root;
  path.forEach((key, i) => {
    const existing = table[key];
    if (existing === undefined) {
      const created: TomlTable = {};
      table[key] = created;
      table = created;
    } else if (typeof existing === 'object') {
      if (i === path.length - 1 && Object.keys(existing).some((k) => typeof existing[k] !== 'object'))
        throw new TomlSubsetError(lineNo, `table [${path.join('.')}] is defined twice`);
      table = existing;
    } else {
      throw new TomlSubsetError(lineNo, `'${key}' is a value, not a table`);
    }
  });
  return table;
}

class Cursor {
  private pos = 0;
  constructor(
    private readonly text: string,
    private readonly lineNo: number,
  ) {}

  done(): boolean {
    return this.pos >= this.text.length;
  }
  peek(): string {
    return this.text[this.pos] ?? '';
  }
  next(): string {
    return this.text[this.pos++] ?? '';
  }
  fail(message: string): never {
    throw new TomlSubsetError(this.lineNo, message);
  }
  skipSpace(): void {
    while (this.peek() === ' ' || this.peek() === '\t') this.pos++;
  }
  expect(ch: string): void {
    this.skipSpace();
    if (this.next() !== ch) this.fail(`expected '${ch}'`);
  }
  endOfLine(): void {
    this.skipSpace();
    if (!this.done() && this.peek() !== '#') this.fail(`unexpected '${this.text.slice(this.pos)}'`);
  }

  keyPath(): string[] {
    const path: string[] = [];
    for (;;) {
      this.skipSpace();
      const ch = this.peek();
      if (ch === '"') path.push(this.basicString());
      else if (ch === "'") path.push(this.literalString());
      else {
        const m = BARE_KEY.exec(this.text.slice(this.pos));
        if (!m) this.fail('expected a key');
        path.push(m[0]);
        this.pos += m[0].length;
      }
      this.skipSpace();
      if (this.peek() !== '.') return path;
      this.pos++;
    }
  }

  value(): TomlScalar {
    const rest = this.text.slice(this.pos);
    if (rest.startsWith('"""') || rest.startsWith("'''")) this.fail('multi-line strings are not supported');
    if (this.peek() === '"') return this.basicString();
    if (this.peek() === "'") return this.literalString();
    const word = /^[^\s#]+/.exec(rest)?.[0] ?? '';
    this.pos += word.length;
    if (word === 'true') return true;
    if (word === 'false') return false;
    if (/^[+-]?(0|[1-9](_?[0-9])*)$/.test(word)) {
      const n = Number(word.replace(/_/g, ''));
      if (!Number.isSafeInteger(n)) this.fail(`integer ${word} is out of range`);
      return n;
    }
    return this.fail(word ? `unsupported value '${word}'` : 'expected a value');
  }

  private literalString(): string {
    this.pos++;
    const end = this.text.indexOf("'", this.pos);
    if (end < 0) this.fail('unterminated string');
    const s = this.text.slice(this.pos, end);
    this.pos = end + 1;
    return s;
  }

  private basicString(): string {
    this.pos++;
    let out = '';
    for (;;) {
      if (this.done()) this.fail('unterminated string');
      const ch = this.next();
      if (ch === '"') return out;
      if (ch !== '\\') {
        out += ch;
        continue;
      }
      const esc = this.next();
      const simple: Record<string, string> = {
        b: '\b',
        t: '\t',
        n: '\n',
        f: '\f',
        r: '\r',
        '"': '"',
        '\\': '\\',
      };
      if (simple[esc] !== undefined) out += simple[esc];
      else if (esc === 'u' || esc === 'U') {
        const len = esc === 'u' ? 4 : 8;
        const hex = this.text.slice(this.pos, this.pos + len);
        if (!new RegExp(`^[0-9A-Fa-f]{${len}}$`).test(hex)) this.fail('bad unicode escape');
        this.pos += len;
        out += String.fromCodePoint(parseInt(hex, 16));
      } else this.fail(`bad escape '\\${esc}'`);
    }
  }
}
