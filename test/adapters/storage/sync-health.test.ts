/** A sync's health and watermark on every store kind, through the ports and in `dealfit status`. */
import { expect, it } from 'vitest';
import type { Store } from '../../../src/app/ports/store.js';
import { runDealfit } from '../../helpers/run-cli.js';
import { recordRun, type SeededRun } from '../../helpers/store-seed.js';
import { describeEachStore } from '../../helpers/stores.js';

/** salesforce runs of the acme org, each started a day after the one before */
function runs(store: Store) {
  let day = 0;
  return (status: SeededRun['status'], extra: Partial<SeededRun> = {}) =>
    recordRun(store, { startedAt: `2024-06-0${++day}T00:00:00.000Z`, status, ...extra });
}

describeEachStore('sync health', (opened) => {
  it('resumes from the newest successful watermark of the same org, never a failed one', async () => {
    const { store } = opened();
    const run = runs(store);
    expect(await store.ingest.lastWatermark('salesforce', 'acme')).toBeUndefined();
    await run('succeeded', { watermark: '2024-06-01T00:00:00.000Z' });
    await run('succeeded', { watermark: '2024-06-02T00:00:00.000Z' });
    await run('failed', { watermark: '2024-06-03T00:00:00.000Z', error: 'boom' });
    await run('succeeded', { target: 'other-org', watermark: '2024-06-09T00:00:00.000Z' });
    expect(await store.ingest.lastWatermark('salesforce', 'acme')).toBe('2024-06-02T00:00:00.000Z');
  });

  it('counts failures since the last success; a running row neither counts nor breaks the streak', async () => {
    const { store } = opened();
    const run = runs(store);
    await run('failed', { error: 'old' });
    await run('succeeded', { dataAsOf: '2024-06-02', finishedAt: '2024-06-02T00:01:00.000Z' });
    await run('failed', { error: 'first' });
    await run('running');
    await run('failed', { error: 'second' });
    expect(await store.syncs.health('salesforce')).toEqual({
      source: 'salesforce',
      consecutiveFailures: 2,
      failingSince: '2024-06-03T00:00:00.000Z',
      lastError: 'second',
      lastSuccessAt: '2024-06-02T00:01:00.000Z',
      lastGoodDataAsOf: '2024-06-02',
    });
  });

  it('puts "salesforce: 3 consecutive failed syncs since ..." in dealfit status from the third failure', async () => {
    const { store, cli } = opened();
    const status = (...argv: string[]) => runDealfit(['status', ...argv, ...cli.args], cli.env);
    const run = runs(store);
    await run('succeeded', { dataAsOf: '2024-06-01' });
    await run('failed', { error: 'SERVER_UNAVAILABLE' });
    await run('failed', { error: 'SERVER_UNAVAILABLE' });
    expect((await status()).stdout).not.toContain('consecutive failed syncs');
    await run('failed', { error: 'REQUEST_LIMIT_EXCEEDED' });
    const three = await status();
    expect(three.stdout).toContain(
      'salesforce: 3 consecutive failed syncs since 2024-06-02T00:00:00.000Z (last error: REQUEST_LIMIT_EXCEEDED)',
    );
    expect(three.stdout).toContain('data as of:  2024-06-01');
    expect((await status('--json')).json()).toMatchObject({
      failingSyncs: [{ source: 'salesforce', consecutiveFailures: 3 }],
    });
  });
});
