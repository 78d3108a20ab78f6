/**
 * The slash-command path end to end, for any data set: with the deals loaded, a signed
 * `/winrate industry all` is acked within Slack's 3-second limit and the follow-up's figures equal
 * `dealfit winrate --by industry --window all --json`, plus an uploaded PNG; user errors
 * from the query thread stay readable. Run on the project's sample deals
 * (test/adapters/slack/winrate-e2e.test.ts) and on the public data set
 * (test/public-data/winrate-e2e.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, type Db, openDatabase } from '../../src/adapters/storage/database.js';
import type { WinRateResult } from '../../src/app/queries/query-results.js';
import type { DealInsert } from './load-deals.js';
import { darkPixels, decodePng } from './png.js';
import { runDealfit } from './run-cli.js';
import { type Harness, startHarness } from './slack-harness.js';
import { assertWithinSlackLimits } from './slack-limits.js';
import { createTempDbPath } from './test-db.js';

const pct = (r: number | null) => (r === null ? 'n/a' : `${(r * 100).toFixed(1)}%`);

/** Reads the segment table back out of the message: name -> "rate n lo–hi". */
function tableRows(blocks: unknown[]): Map<string, string> {
  const rows = new Map<string, string>();
  for (const block of blocks as Array<{ type: string; text?: { text: string } }>) {
    const text = block.text?.text ?? '';
    if (block.type !== 'section' || !text.startsWith('```')) continue;
    for (const line of text.replaceAll('```', '').split('\n').slice(1)) {
      const m = /^(.{22}) +(\S+) +(\d+) +(\S+)/.exec(line);
      if (m) rows.set(m[1]!.trim(), `${m[2]} ${m[3]} ${m[4]}`);
    }
  }
  return rows;
}

/** `load` fills the store and returns the rows it wrote, for the expected figures. */
export function describeSlashCommandsOn(
  label: string,
  load: (db: Db) => DealInsert[] | Promise<DealInsert[]>,
): void {
  describe(`/winrate industry all on ${label}`, () => {
    let tmp: ReturnType<typeof createTempDbPath>;
    let db: Db;
    let h: Harness;
    let rows: DealInsert[];

    beforeAll(async () => {
      tmp = createTempDbPath();
      db = openDatabase(tmp.path);
      rows = await load(db);
      h = await startHarness({ db });
    });
    afterAll(async () => {
      await h.close();
      closeDatabase(db);
      tmp.cleanup();
    });

    it("acks within Slack's 3 s limit and answers with the CLI figures and a chart", async () => {
      const sent = await h.command('/winrate', 'industry all');
      expect(sent.status).toBe(200);
      // Slack's own limit (a correctness bound, not a speed target: speed is in bench:slack)
      expect(sent.ackMs).toBeLessThan(3000);

      const [answer] = await h.fake.waitFor(
        () => sent.answers().length > 0 && sent.answers(),
        10_000,
      );
      const blocks = answer!.body.blocks as unknown[];
      assertWithinSlackLimits({ text: answer!.body.text, blocks });

      const cli = await runDealfit([
        'winrate',
        '--by',
        'industry',
        '--window',
        'all',
        '--json',
        '--db',
        tmp.path,
      ]);
      expect(cli.code).toBe(0);
      const expected = cli.json() as WinRateResult;
      expect(expected.segments.length).toBeGreaterThan(0);

      const rows = tableRows(blocks);
      expect([...rows.keys()].sort()).toEqual(expected.segments.map((s) => s.value).sort());
      for (const s of expected.segments) {
        expect(rows.get(s.value)).toBe(`${pct(s.rate)} ${s.n} ${pct(s.ci![0])}–${pct(s.ci![1])}`);
      }
      const text = JSON.stringify(blocks);
      const o = expected.overall;
      expect(text).toContain(
        `*${pct(o.rate)}* overall (n = ${o.n}, 95% CI ${pct(o.ci![0])}–${pct(o.ci![1])})`,
      );
      expect(text).toContain(`data as of *${expected.asOf}*`);

      const file = await h.fake.waitFor(
        () => [...h.fake.files.values()].find((f) => f.channel === 'D0ALICE'),
        10_000,
      );
      expect(file.filename).toBe(`winrate-industry-all-${expected.asOf}.png`);
      const png = decodePng(file.bytes!);
      expect(png.width).toBe(900);
      expect(darkPixels(png, { x0: 0, x1: 0.15, y0: 0.2, y1: 0.85 })).toBeGreaterThan(100);
    });

    it('keeps user errors from the query thread readable: unknown deal, future month', async () => {
      const unknown = await h.command('/rsfs', 'D4');
      const [notFound] = await h.fake.waitFor(
        () => unknown.answers().length > 0 && unknown.answers(),
        10_000,
      );
      expect(notFound!.body.text).toMatch(/deal D4 not found\. Similar ids: `D0+4`/);
      const future = await h.command('/audit', '2099-01');
      const [range] = await h.fake.waitFor(
        () => future.answers().length > 0 && future.answers(),
        10_000,
      );
      expect(range!.body.text).toContain('2099-01');
      expect(range!.body.text).toContain('usage: /audit');
      const real = await h.command('/rsfs', 'D00003');
      const [card] = await h.fake.waitFor(
        () => real.answers().length > 0 && real.answers(),
        10_000,
      );
      const deal = rows.find((d) => d.id === 'D00003')!;
      expect(card!.body.text).toMatch(
        new RegExp(
          `^RSFS \\d\\.\\d{3} \\((RED|YELLOW|GREEN)\\) for deal D00003, rep ${deal.repId} in ${deal.industry}`,
        ),
      );
    });
  });
}
