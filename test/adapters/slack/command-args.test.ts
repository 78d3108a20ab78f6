import { describe, expect, it } from 'vitest';
import {
  parseAuditArgs,
  parseRsfsArgs,
  parseWinRateArgs,
} from '../../../src/adapters/slack/command-args.js';

describe('slash command arguments', () => {
  it('parses /winrate segments, windows and public in any order', () => {
    expect(parseWinRateArgs('')).toEqual({
      ok: true,
      help: false,
      visibility: 'ephemeral',
      window: 90,
    });
    expect(parseWinRateArgs('  Industry   ALL ')).toMatchObject({ by: 'industry', window: 'all' });
    expect(parseWinRateArgs('public 180d lead')).toMatchObject({
      by: 'leadSource',
      window: 180,
      visibility: 'in_channel',
    });
    expect(parseWinRateArgs('reps 30')).toMatchObject({ by: 'rep', window: 30 });
    expect(parseWinRateArgs('help public')).toEqual({
      ok: true,
      help: true,
      visibility: 'in_channel',
    });
  });

  it('refuses what it cannot read, saying what and why', () => {
    expect(parseWinRateArgs('regoin')).toEqual({
      ok: false,
      problem: 'Unknown segment or window "regoin". Did you mean `region`?',
    });
    expect(parseWinRateArgs('90d all')).toMatchObject({
      ok: false,
      problem: expect.stringContaining('one window'),
    });
    expect(parseWinRateArgs('0d')).toMatchObject({
      ok: false,
      problem: expect.stringContaining('out of range'),
    });
    expect(parseWinRateArgs('a'.repeat(201))).toMatchObject({
      ok: false,
      problem: expect.stringContaining('201 characters'),
    });
    const long = parseWinRateArgs(`${'z'.repeat(150)}`);
    expect(long.ok === false && long.problem.length).toBeLessThan(120);
  });

  it('parses /rsfs deal ids strictly', () => {
    expect(parseRsfsArgs('D04521')).toMatchObject({ ok: true, dealId: 'D04521' });
    expect(parseRsfsArgs('006Dn000004ABCD public')).toMatchObject({
      dealId: '006Dn000004ABCD',
      visibility: 'in_channel',
    });
    expect(parseRsfsArgs('D1 D2')).toMatchObject({ ok: false });
    expect(parseRsfsArgs('<script>')).toMatchObject({
      ok: false,
      problem: expect.stringContaining('not a deal id'),
    });
    expect(parseRsfsArgs('Dé')).toMatchObject({ ok: false });
  });

  it('parses /audit months', () => {
    expect(parseAuditArgs('')).toEqual({ ok: true, help: false, visibility: 'ephemeral' });
    expect(parseAuditArgs('2024-01')).toMatchObject({ month: '2024-01' });
    for (const bad of ['2024-1', '2024-00', '2024-13', 'January', '2024-01-01']) {
      expect(parseAuditArgs(bad)).toMatchObject({ ok: false });
    }
  });
});
