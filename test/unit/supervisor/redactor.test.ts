import { describe, expect, it } from 'vitest';
import { Redactor } from '../../../main/core/logs/redactor';

describe('Redactor', () => {
  const admin = '01JADMINTOKENAAAAAAAAAAAAA01JADMINTOKENBBBBBBBBBBBBB';
  const r = new Redactor([admin, 'browser-secret-xyz', 'ok']);

  it('removes configured secret values anywhere in a line', () => {
    expect(r.redact(`admin token is ${admin}!`)).toBe('admin token is <redacted>!');
    expect(r.redact('x=browser-secret-xyz')).not.toContain('browser-secret-xyz');
  });

  it('ignores very short secrets that would shred ordinary text', () => {
    expect(r.redact('status ok')).toBe('status ok');
  });

  it('removes Bearer values, also after an authorization header name', () => {
    expect(r.redact('Authorization: Bearer abc.def-123')).not.toContain('abc.def-123');
    expect(r.redact('sent bearer zzzTOPzzz')).toBe('sent bearer <redacted>');
  });

  it('removes token=/password=/api_key= style values and JSON fields', () => {
    expect(r.redact('token=s3cr3t user=bob')).toBe('token=<redacted> user=bob');
    expect(r.redact('PALYRA_ADMIN_TOKEN=abcdef')).toBe('PALYRA_ADMIN_TOKEN=<redacted>');
    expect(r.redact('password: hunter2')).toBe('password: <redacted>');
    expect(r.redact('{"auth_token":"qwerty","n":1}')).toBe('{"auth_token":"<redacted>","n":1}');
  });

  it('removes sensitive URL query parameters and userinfo, keeping the rest', () => {
    const out = r.redact('GET https://u:pw@h.example/consume?token=abc123&page=2&access_token=zz');
    expect(out).toBe(
      'GET https://<redacted>@h.example/consume?token=<redacted>&page=2&access_token=<redacted>',
    );
  });

  it('leaves ordinary lines untouched', () => {
    expect(r.redact('daemon listening listen_addr=127.0.0.1:7142')).toBe(
      'daemon listening listen_addr=127.0.0.1:7142',
    );
  });
});

describe('Redactor: Basic auth', () => {
  it('removes Basic credentials but not the word basic in prose', () => {
    const r = new Redactor();
    expect(r.redact('Authorization: Basic dXNlcjpwYXNzd29yZA==')).not.toContain('dXNlcjpwYXNzd29yZA');
    expect(r.redact('a basic setup works')).toBe('a basic setup works');
  });
});
