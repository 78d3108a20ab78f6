/**
 * The co-lead card's buttons through the real Bolt app: signed block_actions requests to
 * its HTTP receiver, answers and card updates read back from the fake Slack Web API.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findColead } from '../../../src/adapters/storage/colead-store.js';
import { proposeColead, proposeForRedDeals } from '../../../src/app/colead/propose.js';
import type { ClickedElement } from '../../../src/local/workspace/slack-requests.js';
import { ASSOCIATED, dealFit, seedOpenDeals } from '../../helpers/colead-fixtures.js';
import { type Harness, startHarness } from '../../helpers/slack-harness.js';
import { createTestDb } from '../../helpers/test-db.js';

const MGRS = 'C0MGRS';

describe('co-lead card actions (real Bolt app, signed block_actions)', () => {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function setup(env: Record<string, string> = {}) {
    const dir = mkdtempSync(join(tmpdir(), 'dealfit-reps-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const repUsers = join(dir, 'reps.json');
    writeFileSync(repUsers, JSON.stringify({ rep_19: 'U0REP19', rep_23: 'U0REP23' }));
    const db = createTestDb();
    seedOpenDeals(db, { D04521: 'rep_19', D1: 'rep_23', D2: 'rep_24' });
    const clock = { now: new Date() };
    const h: Harness = await startHarness({
      db,
      now: () => clock.now,
      channels: [{ id: MGRS, name: 'managers' }],
      env: {
        DEALFIT_MANAGERS_CHANNEL: MGRS,
        DEALFIT_MANAGER_IDS: 'U0MGR1,U0MGR2',
        DEALFIT_REP_USERS: repUsers,
        ...env,
      },
    });
    cleanups.push(() => h.close());
    for (const [id, name] of [
      ['U0MGR1', 'mgr1'],
      ['U0MGR2', 'mgr2'],
      ['U0REP19', 'rep19'],
      ['U0REP23', 'rep23'],
      ['U0BOB', 'bob'],
      ['U0GRP', 'grp'],
    ] as const) {
      h.fake.addUser({ id, name });
    }
    const proposed = await proposeColead(h.app.proactive.coleadDeps(), 'D04521', {
      fit: dealFit('D04521'),
      // this store has no driver model: the card's normal path, fit goes with winning
      evidence: ASSOCIATED,
    });
    if (proposed.status !== 'proposed' || !proposed.posted) throw new Error('no card posted');
    const card = h.fake.messagesIn(MGRS)[0]!;
    const id = proposed.assignmentId as number;
    const click = (user: string, element: ClickedElement) =>
      h.click({
        user,
        channel: { id: MGRS, name: 'managers' },
        message: { ts: card.ts, text: card.text, blocks: card.blocks as unknown[] },
        element,
      });
    const button = (action_id: string): ClickedElement => ({
      type: 'button',
      action_id,
      block_id: 'colead_actions',
      value: String(id),
    });
    const updates = () => h.fake.callsTo('chat.update');
    const dms = (user: string) => h.fake.messagesIn(h.fake.dmWith(user));
    const ephemerals = (user: string) => h.fake.ephemeralsFor(MGRS, user);
    return { h, db, id, card, click, button, updates, dms, ephemerals, clock };
  }

  it('a batch of RED deals is one top-level summary plus one card per deal in its thread; a decision edits the summary', async () => {
    const { h, db } = await setup();
    seedOpenDeals(db, { D04522: 'rep_19', D04523: 'rep_19' });
    const before = h.fake.callsTo('chat.postMessage').length;
    const deps = {
      ...h.app.proactive.coleadDeps(),
      // no driver model in this store: say fit goes with winning, as the batch's normal path
      evidence: async () => ASSOCIATED,
      scoring: {
        dealFit: async (dealId: string) => dealFit(dealId),
        redOpenDeals: async () => ['D04522', 'D04523'],
      },
    };
    const batch = await proposeForRedDeals(deps);
    expect(batch.results.map((r) => r.status)).toEqual(['proposed', 'proposed']);
    const posts = h.fake
      .callsTo('chat.postMessage')
      .slice(before)
      .map((c) => c.params as { channel: string; thread_ts?: string; text: string });
    const top = posts.filter((p) => !p.thread_ts);
    expect(top).toHaveLength(1);
    expect(top[0]!.text).toBe('2 open RED deals need a co-lead decision');
    const summary = h.fake.messagesIn(MGRS).find((m) => m.text === top[0]!.text)!;
    const replies = posts.filter((p) => p.thread_ts);
    expect(replies).toHaveLength(2);
    for (const r of replies) expect(r.thread_ts).toBe(summary.ts);

    const id =
      batch.results[0]!.status === 'proposed' ? (batch.results[0]!.assignmentId as number) : 0;
    const card = findColead(db, id)!;
    const res = await h.click({
      user: 'U0MGR1',
      channel: { id: MGRS, name: 'managers' },
      message: { ts: card.messageTs!, text: 'card', blocks: [] },
      element: {
        type: 'button',
        action_id: 'colead_approve',
        block_id: 'colead_actions',
        value: String(id),
      },
    });
    expect(res.status).toBe(200);
    const edit = await h.fake.waitFor(() =>
      h.fake
        .callsTo('chat.update')
        .map((c) => c.params as { ts: string; text: string })
        .find((u) => u.ts === summary.ts),
    );
    expect(edit.text).toBe('1 open RED deal needs a co-lead decision');
  });

  it('approve: the card is updated in place without buttons, owner and co-lead get one DM each', async () => {
    const s = await setup();
    expect(JSON.stringify(s.card.blocks)).toContain('colead_approve');
    const res = await s.click('U0MGR1', s.button('colead_approve'));
    expect(res.status).toBe(200);
    await s.h.fake.waitFor(() => s.dms('U0REP23').length === 1 && s.dms('U0REP19').length === 1);
    const [update] = s.updates();
    expect(update?.params.ts).toBe(s.card.ts);
    expect(JSON.stringify(update?.params.blocks)).not.toContain('colead_approve');
    expect(JSON.stringify(update?.params.blocks)).toContain('*Approved* by <@U0MGR1>');
    expect(s.dms('U0REP23')[0]?.text).toMatch(/You are the co-lead/);
    expect(findColead(s.db, s.id)).toMatchObject({ state: 'approved', actedBy: 'U0MGR1' });
  });

  it('double click and a retry: one transition, one update, one DM each; the second click is told', async () => {
    const s = await setup();
    await s.click('U0MGR1', s.button('colead_approve'));
    await s.click('U0MGR1', s.button('colead_approve'));
    await s.h.fake.waitFor(() => s.ephemerals('U0MGR1').length === 1);
    expect(s.ephemerals('U0MGR1')[0]?.text).toMatch(/^Already approved by <@U0MGR1>/);
    await s.h.fake.waitFor(() => s.dms('U0REP23').length === 1);
    expect(s.updates()).toHaveLength(1);
    expect(s.dms('U0REP19')).toHaveLength(1);
    expect(s.dms('U0REP23')).toHaveLength(1);
  });

  it('two managers clicking at once (two requests in flight): one wins, the other is told who', async () => {
    const s = await setup();
    const [a, b] = await Promise.all([
      s.click('U0MGR1', s.button('colead_approve')),
      s.click('U0MGR2', s.button('colead_approve')),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    await s.h.fake.waitFor(
      () => s.ephemerals('U0MGR1').length + s.ephemerals('U0MGR2').length === 1,
    );
    const winner = findColead(s.db, s.id)?.actedBy;
    const loser = winner === 'U0MGR1' ? 'U0MGR2' : 'U0MGR1';
    expect(s.ephemerals(loser)[0]?.text).toMatch(new RegExp(`^Already approved by <@${winner}>`));
    await s.h.fake.waitFor(() => s.dms('U0REP23').length === 1 && s.dms('U0REP19').length === 1);
    expect(s.updates()).toHaveLength(1);
  });

  it('a non-manager gets an ephemeral answer and nothing changes', async () => {
    const s = await setup();
    await s.click('U0BOB', s.button('colead_approve'));
    await s.h.fake.waitFor(() => s.ephemerals('U0BOB').length === 1);
    expect(s.ephemerals('U0BOB')[0]?.text).toMatch(/^Only managers can approve co-leads/);
    expect(findColead(s.db, s.id)?.state).toBe('proposed');
    expect(s.updates()).toEqual([]);
    expect(s.dms('U0REP23')).toEqual([]);
  });

  it("a member of the managers' user group may approve; anyone else is pointed to the group", async () => {
    const s = await setup({ DEALFIT_MANAGER_GROUP: 'S0MGRS' });
    s.h.fake.setUserGroup('S0MGRS', ['U0GRP']);
    await s.click('U0BOB', s.button('colead_approve'));
    await s.h.fake.waitFor(() => s.ephemerals('U0BOB').length === 1);
    expect(s.ephemerals('U0BOB')[0]?.text).toBe(
      'Only managers can approve co-leads. Ask one of <@U0MGR1>, <@U0MGR2>, <!subteam^S0MGRS>.',
    );
    expect(findColead(s.db, s.id)?.state).toBe('proposed');
    await s.click('U0GRP', s.button('colead_approve'));
    await s.h.fake.waitFor(() => s.dms('U0REP23').length === 1);
    expect(findColead(s.db, s.id)).toMatchObject({ state: 'approved', actedBy: 'U0GRP' });
  });

  it('a user group that cannot be read lets nobody through it, and says why', async () => {
    const s = await setup({ DEALFIT_MANAGER_GROUP: 'S0GONE' }); // not in the workspace
    await s.click('U0GRP', s.button('colead_approve'));
    await s.h.fake.waitFor(() => s.ephemerals('U0GRP').length === 1);
    expect(s.ephemerals('U0GRP')[0]?.text).toMatch(
      /^Only managers can approve co-leads\. .*\(the managers' user group could not be read: .*no_such_subteam/,
    );
    expect(findColead(s.db, s.id)?.state).toBe('proposed');
    // a listed manager is still a manager
    await s.click('U0MGR1', s.button('colead_approve'));
    await s.h.fake.waitFor(() => s.dms('U0REP23').length === 1);
    expect(findColead(s.db, s.id)?.state).toBe('approved');
  });

  it('reassign to an alternate from the select, then decline', async () => {
    const s = await setup();
    await s.click('U0MGR1', {
      type: 'static_select',
      action_id: 'colead_alternate_select',
      block_id: 'colead_actions',
      selected: { value: `${s.id}|rep_25`, text: 'rep_25' },
    });
    await s.h.fake.waitFor(() => s.updates().length === 1);
    expect(findColead(s.db, s.id)).toMatchObject({ state: 'reassigned', coleadRepId: 'rep_25' });
    const reassigned = JSON.stringify(s.updates()[0]?.params.blocks);
    expect(reassigned).toContain('Reassigned to rep_25 by <@U0MGR1>');
    expect(reassigned).toContain('colead_approve'); // still open for approval
    await s.click('U0MGR2', s.button('colead_decline'));
    await s.h.fake.waitFor(() => s.updates().length === 2);
    const declined = JSON.stringify(s.updates()[1]?.params.blocks);
    expect(declined).toContain('*Declined* by <@U0MGR2>');
    expect(declined).not.toContain('colead_');
    expect(s.dms('U0REP19')).toEqual([]);
  });

  it('an expired proposal: the click is told, the card notes the expiry, nothing is approved', async () => {
    const s = await setup();
    s.clock.now = new Date(Date.now() + 8 * 86_400_000);
    await s.click('U0MGR1', s.button('colead_approve'));
    await s.h.fake.waitFor(() => s.ephemerals('U0MGR1').length === 1);
    expect(s.ephemerals('U0MGR1')[0]?.text).toMatch(/expired on .* without a decision/);
    expect(findColead(s.db, s.id)?.state).toBe('expired');
    expect(JSON.stringify(s.updates()[0]?.params.blocks)).toMatch(/Expired\* on .*after 7 days/);
    expect(s.dms('U0REP23')).toEqual([]);
  });
});
