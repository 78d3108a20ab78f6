import { describe, expect, it } from 'vitest';
import { findColead, listColeads } from '../../../src/adapters/storage/colead-store.js';
import { approveColead, declineColead, reassignColead } from '../../../src/app/colead/decide.js';
import { expireProposals } from '../../../src/app/colead/expire.js';
import { proposeColead, proposeForRedDeals } from '../../../src/app/colead/propose.js';
import { NO_COLEAD_WITHOUT_INDUSTRY } from '../../../src/app/queries/query-results.js';
import { NOT_SET } from '../../../src/domain/deal.js';
import { CHANCE, coleadDeps, dealFit, seedOpenDeals } from '../../helpers/colead-fixtures.js';
import { createRecordingMessenger } from '../../helpers/recording-messenger.js';
import { createTestDb } from '../../helpers/test-db.js';

function setup() {
  const db = createTestDb();
  const messenger = createRecordingMessenger();
  const clock = { now: new Date('2024-07-01T09:00:00Z') };
  const fits = { D04521: dealFit('D04521'), D04522: dealFit('D04522') };
  seedOpenDeals(db, { D04521: 'rep_19', D04522: 'rep_19', D1: 'rep_23', D2: 'rep_24' });
  const deps = coleadDeps(db, messenger, clock, fits);
  return { db, messenger, clock, deps };
}

const blocksOf = (m: { blocks?: unknown[] } | undefined) => JSON.stringify(m?.blocks ?? []);
const click = (assignmentId: number, userId = 'UMGR1') => ({
  assignmentId,
  userId,
  channel: 'CMGRS',
});

describe('co-lead flow', () => {
  it('proposes the top fit for a RED deal, posts the card and stores where it went', async () => {
    const { db, messenger, deps } = setup();
    const result = await proposeColead(deps, 'D04521');
    expect(result.status).toBe('proposed');
    if (result.status !== 'proposed') return;
    expect(result.coleadRepId).toBe('rep_23');
    const row = findColead(db, result.assignmentId as number);
    expect(row).toMatchObject({ state: 'proposed', channel: 'CMGRS', ownerRepId: 'rep_19' });
    expect(JSON.parse(row?.alternates ?? '[]')).toEqual(['rep_24', 'rep_25']);
    expect(row?.expiresAt).toBe('2024-07-08T09:00:00.000Z');
    expect(messenger.calls[0]).toMatchObject({ kind: 'post', channel: 'CMGRS' });
    expect(blocksOf(messenger.calls[0]?.message)).toContain('colead_approve');
    // a second trigger for the same deal and owner proposes nothing new
    expect((await proposeColead(deps, 'D04521')).status).toBe('skipped');
  });

  it('continues the round-robin per industry and skips deals that are not RED', async () => {
    const { deps } = setup();
    const batch = await proposeForRedDeals(deps);
    expect(batch.results.map((r) => (r.status === 'proposed' ? r.coleadRepId : r.status))).toEqual([
      'rep_23',
      'rep_24',
    ]);
    const green = dealFit('D9');
    green.report = { ...green.report, flag: 'GREEN' };
    const skipped = await proposeColead(deps, 'D9', { fit: green });
    expect(skipped).toMatchObject({ status: 'skipped', reason: expect.stringMatching(/GREEN/) });
  });

  it('posts a batch as one summary with the cards in its thread, and edits the counts as managers decide', async () => {
    const { db, messenger, deps } = setup();
    const batch = await proposeForRedDeals(deps);
    const top = messenger.calls.filter((c) => c.kind === 'post' && !c.threadTs);
    expect(top).toHaveLength(1);
    expect(top[0]!.message?.text).toBe('2 open RED deals need a co-lead decision');
    const ts = top[0]!.ts;
    const replies = messenger.calls.filter((c) => c.kind === 'post' && c.threadTs);
    expect(replies).toHaveLength(2);
    for (const r of replies) expect(r.threadTs).toBe(ts);
    const ids = batch.results.map((r) =>
      r.status === 'proposed' ? (r.assignmentId as number) : 0,
    );
    for (const id of ids) expect(findColead(db, id)?.batchId).toBe(1);

    await approveColead(deps, click(ids[0]!));
    const summaryEdits = messenger.calls.filter((c) => c.kind === 'update' && c.ts === ts);
    expect(summaryEdits).toHaveLength(1);
    expect(summaryEdits[0]!.message?.text).toBe('1 open RED deal needs a co-lead decision');
    expect(blocksOf(summaryEdits[0]!.message)).toContain('1 approved');

    // a single RED deal from the webhook joins the open batch's thread
    seedOpenDeals(db, { D04523: 'rep_19' });
    const single = await proposeColead(deps, 'D04523', { fit: dealFit('D04523') });
    expect(single.status).toBe('proposed');
    const last = messenger.calls.filter((c) => c.kind === 'post').at(-1)!;
    expect(last.threadTs).toBe(ts);
    const after = messenger.calls.filter((c) => c.kind === 'update' && c.ts === ts);
    expect(after.at(-1)!.message?.text).toBe('2 open RED deals need a co-lead decision');
  });

  it('proposes no co-lead for a RED deal with no industry, and says why (metrics.md "Missing values")', async () => {
    const { db, messenger, deps } = setup();
    const fit = dealFit('D04521');
    fit.report = {
      ...fit.report,
      industry: NOT_SET,
      industryNotSet: true,
      source: 'rep',
      coleadCandidates: [],
      noColead: NO_COLEAD_WITHOUT_INDUSTRY,
    };
    const result = await proposeColead(deps, 'D04521', { fit });
    expect(result).toEqual({
      status: 'skipped',
      reason: `deal D04521: ${NO_COLEAD_WITHOUT_INDUSTRY}`,
    });
    expect(messenger.calls).toEqual([]);
    expect(findColead(db, 1)).toBeUndefined();
  });

  it('builds the card without storing or posting it in a dry run', async () => {
    const { db, messenger, deps } = setup();
    const result = await proposeColead(deps, 'D04521', { dryRun: true });
    expect(result).toMatchObject({ status: 'proposed', assignmentId: null, posted: null });
    expect(messenger.calls).toEqual([]);
    expect(findColead(db, 1)).toBeUndefined();
  });

  it('approves once: card updated in place without buttons, one DM each; the loser is told who won', async () => {
    const { messenger, deps } = setup();
    const proposed = await proposeColead(deps, 'D04521');
    const id = proposed.status === 'proposed' ? (proposed.assignmentId as number) : 0;
    const [a, b] = await Promise.all([
      approveColead(deps, click(id, 'UMGR1')),
      approveColead(deps, click(id, 'UMGR2')),
    ]);
    expect([a.status, b.status].sort()).toEqual(['done', 'lost']);
    const again = await approveColead(deps, click(id, 'UMGR1'));
    expect(again).toMatchObject({
      status: 'lost',
      text: expect.stringMatching(/Already approved by <@UMGR[12]>/),
    });
    const updates = messenger.calls.filter((c) => c.kind === 'update');
    expect(updates).toHaveLength(1);
    expect(updates[0]?.ts).toBe(messenger.calls[0]?.ts);
    expect(blocksOf(updates[0]?.message)).not.toContain('colead_approve');
    expect(blocksOf(updates[0]?.message)).toMatch(
      /Approved\* by <@UMGR[12]> on 2024-07-01 09:00 UTC/,
    );
    const dms = messenger.calls.filter((c) => c.kind === 'dm');
    expect(dms.map((d) => d.user).sort()).toEqual(['U019', 'U023']);
    expect(dms.find((d) => d.user === 'U023')?.message?.text).toMatch(/You are the co-lead/);
    expect(messenger.calls.filter((c) => c.kind === 'ephemeral')).toHaveLength(2);
  });

  it('lets only managers act and changes nothing for anyone else', async () => {
    const { db, messenger, deps } = setup();
    const proposed = await proposeColead(deps, 'D04521');
    const id = proposed.status === 'proposed' ? (proposed.assignmentId as number) : 0;
    const result = await approveColead(deps, click(id, 'UREP'));
    expect(result).toMatchObject({
      status: 'denied',
      text: expect.stringMatching(/^Only managers can approve co-leads/),
    });
    expect(findColead(db, id)?.state).toBe('proposed');
    expect(messenger.calls.map((c) => c.kind)).toEqual(['post', 'ephemeral']);
    expect(messenger.calls[1]?.user).toBe('UREP');
  });

  it('reassigns to an alternate, then approves it; an unmapped co-lead is named on the card', async () => {
    const { db, messenger, deps } = setup();
    const proposed = await proposeColead(deps, 'D04521');
    const id = proposed.status === 'proposed' ? (proposed.assignmentId as number) : 0;
    const moved = await reassignColead(deps, { ...click(id), repId: 'rep_25' });
    expect(moved).toEqual({ status: 'done', state: 'reassigned' });
    const row = findColead(db, id);
    expect(row?.coleadRepId).toBe('rep_25');
    expect(JSON.parse(row?.alternates ?? '[]')).toEqual(['rep_23', 'rep_24']);
    // the same pick again is not a second transition
    expect((await reassignColead(deps, { ...click(id, 'UMGR2'), repId: 'rep_25' })).status).toBe(
      'lost',
    );
    expect((await reassignColead(deps, { ...click(id), repId: 'rep_99' })).status).toBe('invalid');
    await approveColead(deps, click(id, 'UMGR2'));
    const last = messenger.calls.filter((c) => c.kind === 'update').at(-1);
    expect(blocksOf(last?.message)).toMatch(/No Slack user for rep_25 in DEALFIT_REP_USERS/);
    expect(messenger.calls.filter((c) => c.kind === 'dm').map((c) => c.user)).toEqual(['U019']);
  });

  it('declines: buttons gone, nobody DMed, and later clicks are told', async () => {
    const { messenger, deps } = setup();
    const proposed = await proposeColead(deps, 'D04521');
    const id = proposed.status === 'proposed' ? (proposed.assignmentId as number) : 0;
    expect(await declineColead(deps, click(id))).toEqual({ status: 'done', state: 'declined' });
    const update = messenger.calls.find((c) => c.kind === 'update');
    expect(blocksOf(update?.message)).toMatch(/Declined\* by <@UMGR1>/);
    expect(blocksOf(update?.message)).not.toContain('colead_decline');
    expect(await approveColead(deps, click(id, 'UMGR2'))).toMatchObject({
      status: 'lost',
      text: expect.stringMatching(/Already declined by <@UMGR1>/),
    });
    expect(messenger.calls.some((c) => c.kind === 'dm')).toBe(false);
  });

  it('expires proposals after the configured days and notes it on the card', async () => {
    const { db, messenger, clock, deps } = setup();
    const proposed = await proposeColead(deps, 'D04521');
    const id = proposed.status === 'proposed' ? (proposed.assignmentId as number) : 0;
    clock.now = new Date('2024-07-05T09:00:00Z');
    expect(await expireProposals(deps)).toBe(0);
    clock.now = new Date('2024-07-08T09:00:01Z');
    expect(await expireProposals(deps)).toBe(1);
    expect(findColead(db, id)).toMatchObject({ state: 'expired', actedBy: 'dealfit' });
    const update = messenger.calls.find((c) => c.kind === 'update');
    expect(blocksOf(update?.message)).toMatch(/Expired\* on 2024-07-08.*after 7 days/);
    expect(await approveColead(deps, click(id))).toMatchObject({ status: 'expired' });
  });

  it('expires on click when the job has not run yet', async () => {
    const { db, deps, clock } = setup();
    const proposed = await proposeColead(deps, 'D04521');
    const id = proposed.status === 'proposed' ? (proposed.assignmentId as number) : 0;
    clock.now = new Date('2024-07-09T00:00:00Z');
    expect(await approveColead(deps, click(id))).toMatchObject({
      status: 'expired',
      text: expect.stringMatching(/expired on 2024-07-08/),
    });
    expect(findColead(db, id)?.state).toBe('expired');
  });

  it('withholds a weak batch: one summary that says why, not repeated, edited when the deals change', async () => {
    const db = createTestDb();
    const messenger = createRecordingMessenger();
    const clock = { now: new Date('2024-07-01T09:00:00Z') };
    const fits: Record<string, ReturnType<typeof dealFit>> = {
      D04521: dealFit('D04521'),
      D04522: dealFit('D04522'),
    };
    seedOpenDeals(db, { D04521: 'rep_19', D04522: 'rep_19', D04523: 'rep_19' });
    const deps = coleadDeps(db, messenger, clock, fits, { evidence: async () => CHANCE });
    const batch = await proposeForRedDeals(deps);
    expect(batch.withheld).toBe(true);
    expect(batch.evidence).toMatchObject({ association: 'chance', weak: true });
    expect(batch.results.map((r) => r.status)).toEqual(['withheld', 'withheld']);
    for (const r of batch.results) {
      if (r.status === 'withheld') expect(r.proposal.lift?.credible).toBe(false);
    }
    expect(listColeads(db)).toHaveLength(0);
    expect(messenger.calls).toHaveLength(1);
    const summary = messenger.calls[0]!;
    expect(summary).toMatchObject({ kind: 'post', channel: 'CMGRS' });
    expect(summary.message?.text).toBe(
      'No co-lead proposed for 2 RED deals: fit is weak evidence here',
    );
    const text = blocksOf(summary.message);
    expect(text).toContain('Fit is not distinguishable from chance on your data (AUC 0.50');
    expect(text).toContain('DEALFIT_COLEAD_WHEN_WEAK=propose');
    expect(text).not.toContain('colead_approve');

    // the next day, the same deals: nothing new in the channel
    await proposeForRedDeals(deps);
    expect(messenger.calls).toHaveLength(1);
    // a new RED deal: the same message, edited
    fits.D04523 = dealFit('D04523');
    await proposeForRedDeals(deps);
    expect(messenger.calls).toHaveLength(2);
    expect(messenger.calls[1]).toMatchObject({ kind: 'update', ts: summary.ts });
    expect(messenger.calls[1]!.message?.text).toBe(
      'No co-lead proposed for 3 RED deals: fit is weak evidence here',
    );
    // a single deal from the webhook is withheld the same way
    const single = await proposeColead(deps, 'D04523');
    expect(single.status).toBe('withheld');
  });

  it('with DEALFIT_COLEAD_WHEN_WEAK=propose, proposes on weak evidence with the caveat on each card', async () => {
    const { db, messenger } = setup();
    const clock = { now: new Date('2024-07-01T09:00:00Z') };
    const fits = { D04521: dealFit('D04521'), D04522: dealFit('D04522') };
    const deps = coleadDeps(db, messenger, clock, fits, {
      evidence: async () => CHANCE,
      whenWeak: 'propose',
    });
    const batch = await proposeForRedDeals(deps);
    expect(batch.withheld).toBe(false);
    expect(batch.evidence.weak).toBe(true);
    expect(batch.results.map((r) => r.status)).toEqual(['proposed', 'proposed']);
    const cards = messenger.calls.filter((c) => c.kind === 'post' && c.threadTs);
    expect(cards).toHaveLength(2);
    for (const c of cards) {
      const text = blocksOf(c.message);
      expect(text).toContain('treat RED as weak evidence');
      expect(text).toContain('within chance');
      expect(text).not.toContain('credible.');
    }
    const top = messenger.calls.find((c) => c.kind === 'post' && !c.threadTs)!;
    expect(blocksOf(top.message)).toContain('not distinguishable from chance');
  });
});
