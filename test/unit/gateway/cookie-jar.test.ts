import { describe, expect, it } from 'vitest';
import { CookieJar } from '../../../main/core/gateway/cookie-jar';

describe('CookieJar', () => {
  it('stores palyrad’s session cookie and sends name=value only', () => {
    const jar = new CookieJar();
    jar.store(['palyra_console_session=abc; Max-Age=1800; Path=/; HttpOnly; SameSite=Lax'], 1000);
    expect(jar.header(1000)).toBe('palyra_console_session=abc');
    expect(jar.get('palyra_console_session', 1000)).toBe('abc');
  });

  it('expires by Max-Age and lets a refresh extend it', () => {
    const jar = new CookieJar();
    jar.store(['s=1; Max-Age=10'], 0);
    expect(jar.header(9_999)).toBe('s=1');
    jar.store(['s=2; Max-Age=10'], 9_000);
    expect(jar.header(15_000)).toBe('s=2');
    expect(jar.header(19_000)).toBeNull();
  });

  it('deletes on Max-Age=0 and honours Expires when there is no Max-Age; Max-Age wins over Expires', () => {
    const jar = new CookieJar();
    jar.store(['s=1; Max-Age=100'], 0);
    jar.store(['s=deleted; Max-Age=0; Path=/'], 10);
    expect(jar.header(10)).toBeNull();
    jar.store([`e=1; Expires=${new Date(5_000).toUTCString()}`], 0);
    expect(jar.get('e', 4_000)).toBe('1');
    expect(jar.get('e', 5_000)).toBeNull();
    jar.store([`m=1; Expires=${new Date(1_000).toUTCString()}; Max-Age=60`], 0);
    expect(jar.get('m', 30_000)).toBe('1');
  });

  it('ignores headers without a name and keeps several cookies', () => {
    const jar = new CookieJar();
    jar.store(['=nope', 'garbage', 'a=1', 'b=2; HttpOnly'], 0);
    expect(jar.header(0)).toBe('a=1; b=2');
    jar.clear();
    expect(jar.header(0)).toBeNull();
  });
});
