/**
 * The local workspace in a real browser: `npm start` without Slack tokens, then what a
 * person evaluating dealfit does on the page. Screenshots go to test-output/e2e/.
 */
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type LocalDealfit,
  launchBrowser,
  SCREENSHOTS,
  startLocalDealfit,
} from './local-dealfit.js';

let dealfit: LocalDealfit;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let context: BrowserContext;

beforeAll(async () => {
  dealfit = await startLocalDealfit();
  // The start-up figure the README quotes: process spawn to the printed URL.
  process.stdout.write(`e2e: URL printed ${Math.round(dealfit.startupMs)} ms after spawn\n`);
  browser = await launchBrowser();
  context = browser.context;
});

afterAll(async () => {
  await browser?.close();
  await dealfit?.stop();
});

async function open(path: string): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    throw error;
  });
  await page.goto(`${dealfit.url}${path}`);
  return page;
}

const shot = (page: Page, name: string) =>
  page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: false });

describe('local workspace in the browser', () => {
  it('answers /winrate industry with the segment table, and the chart arrives as an image', async () => {
    const page = await open('/?as=U0CRO&c=C0REVOPS');
    await page.fill('#composer-input', '/winrate industry');
    await page.press('#composer-input', 'Enter');
    const answer = page.locator('article.msg.ephemeral', { hasText: 'Win rate by industry' });
    await answer.waitFor({ timeout: 20_000 });
    await expect(answer.locator('pre').first().textContent()).resolves.toMatch(/SaaS/);
    expect(await answer.textContent()).toContain('Only visible to you');
    await shot(page, 'winrate-answer');

    // the chart of an ephemeral answer goes to the person's DM with dealfit
    await page.click('a.nav-item:has-text("dealfit (your DM)")');
    const chart = page.locator('figure.file img').first();
    await chart.waitFor({ timeout: 20_000 });
    // decoded, not a broken image: the PNG came back from the emulator through the page
    await page.waitForFunction(
      "(() => { const img = document.querySelector('figure.file img'); return Boolean(img && img.complete && img.naturalWidth > 100); })()",
      undefined,
      { timeout: 10_000 },
    );
    await shot(page, 'winrate-chart');
    await page.close();
  });

  it('shows the App Home published on app_home_opened', async () => {
    const page = await open('/?as=U0CRO&view=home');
    const home = page.locator('.home-view');
    await home.waitFor({ timeout: 20_000 });
    expect(await home.textContent()).toMatch(/RED/);
    await shot(page, 'app-home');
    await page.close();
  });

  it('lets a manager approve a co-lead card: the card updates in place and the DMs arrive', async () => {
    const page = await open('/?as=U0MANAGER&c=C0SALESMGRS');
    const cards = await openColeadBatch(page);
    await cards.first().waitFor({ timeout: 60_000 });
    const card = cards.first();
    const ts = await card.getAttribute('data-ts');
    expect(ts).toBeTruthy();
    await shot(page, 'colead-card-before');
    await card.locator('button:has-text("Approve")').click();

    // the same message (same ts), edited: buttons gone, who approved it and when
    const same = page.locator(`article.msg[data-ts="${ts}"]`);
    await same.locator('.msg-body', { hasText: 'Approved by' }).waitFor({ timeout: 20_000 });
    expect(await same.locator('button:has-text("Approve")').count()).toBe(0);
    const approved = (await same.locator('.msg-body').textContent()) ?? '';
    expect(approved).toContain('Maria Lopez');
    await shot(page, 'colead-card-approved');

    // "<co-lead> co-leads with <owner>": both get a DM from dealfit
    const pair = /(rep_\d+) co-leads with (rep_\d+)/.exec(approved);
    expect(pair).not.toBeNull();
    const [, colead, owner] = pair!;
    for (const [rep, says] of [
      [colead!, 'You are the co-lead'],
      [owner!, 'is now co-lead'],
    ] as const) {
      const user = `U0${rep.toUpperCase().replace('_', '')}`;
      const dm = await open(`/?as=${user}&c=D${user.slice(1)}`);
      await dm.locator('article.msg', { hasText: says }).waitFor({ timeout: 20_000 });
      await shot(dm, `colead-dm-${rep}`);
      await dm.close();
    }
    await page.close();
  });

  it('refuses a rep who clicks Approve, and the card stays open', async () => {
    const page = await open('/?as=U0REP1&c=C0SALESMGRS');
    const cards = await openColeadBatch(page);
    await cards.first().waitFor({ timeout: 60_000 });
    const card = cards.first();
    const ts = await card.getAttribute('data-ts');
    await card.locator('button:has-text("Approve")').click();
    const refusal = page.locator('article.msg.ephemeral', { hasText: 'Only managers can approve' });
    await refusal.waitFor({ timeout: 20_000 });
    await shot(page, 'colead-refused-for-rep');
    const same = page.locator(`article.msg[data-ts="${ts}"]`);
    expect(await same.locator('button:has-text("Approve")').count()).toBe(1);
    expect(await same.locator('.msg-body').textContent()).not.toContain('Approved by');
    await page.close();
  });

  it('shows the seeded digest, an alert and the Jobs panel, and runs a job from it', async () => {
    const page = await open('/?as=U0CRO&c=C0REVALERTS');
    await page
      .locator('article.msg', { hasText: /digest/i })
      .first()
      .waitFor({ timeout: 60_000 });
    expect(await page.locator('article.msg', { hasText: /win rate/i }).count()).toBeGreaterThan(0);
    await shot(page, 'revenue-alerts');
    await page.goto(`${dealfit.url}/?as=U0CRO&view=jobs`);
    const metrics = page.locator('tr[data-job="metrics"]');
    await metrics.waitFor();
    await metrics.locator('button[data-run-job]').click();
    await page
      .locator('#job-result', { hasText: 'metrics: succeeded' })
      .waitFor({ timeout: 60_000 });
    await shot(page, 'jobs-panel');
    await page.close();
  });
});

/** dealfit's messages (not the person's question, which repeats the words) in `scope`. */
const answers = (page: Page, scope: string, hasText?: string | RegExp) =>
  page.locator(`${scope} article.msg.msg-bot`, hasText ? { hasText } : {});

/**
 * dealfit's answers in `scope`: its messages that carry follow-up buttons, as every answer
 * does; a chart uploaded beside an answer is a bot message too, but none of these.
 */
const FOLLOW_UP = 'button[data-action*="ask_followup"]';
const answersWithFollowUps = (page: Page, scope: string) =>
  answers(page, scope).filter({ has: page.locator(FOLLOW_UP) });

/** Types into a composer and sends it as a person would (Enter). */
async function say(page: Page, input: string, text: string): Promise<void> {
  await page.fill(input, text);
  await page.press(input, 'Enter');
}

/**
 * The co-lead batch is one summary in the managers' channel with the cards in its thread:
 * opens that thread and returns its cards (the messages with an Approve button).
 */
async function openColeadBatch(page: Page) {
  const summary = page.locator('article.msg', { hasText: 'need a co-lead decision' }).first();
  await summary.waitFor({ timeout: 60_000 });
  await summary.locator('a.thread-link').click();
  await page.locator('#thread:not([hidden]) #thread-pane .thread-parent').waitFor();
  return page.locator('#thread-pane article.msg', {
    has: page.locator('button:has-text("Approve")'),
  });
}

/** Asks in a channel and opens the thread dealfit answers in, under the question. */
async function askInChannel(page: Page, text: string): Promise<void> {
  await say(page, '#composer-input', text);
  const question = page.locator('#pane article.msg.msg-person', { hasText: text.replace('@', '') });
  await question.last().waitFor({ timeout: 20_000 });
  const replies = question.last().locator('a.thread-link');
  await replies.waitFor({ timeout: 30_000 });
  await replies.click();
  await page.locator('#thread:not([hidden]) #thread-pane .thread-parent').waitFor();
}

describe('asking dealfit in plain words', () => {
  it('answers a DM in plain words with the win rate for the region asked about', async () => {
    const page = await open('/?as=U0CRO&c=D0CRO');
    expect(await page.getAttribute('#composer-input', 'placeholder')).toContain('plain words');
    await say(page, '#composer-input', 'how are we doing in APAC?');
    // the question shows as the person's message, then dealfit's answer below it
    await page
      .locator('#pane article.msg.msg-person', { hasText: 'how are we doing in APAC?' })
      .waitFor({ timeout: 10_000 });
    const answer = answersWithFollowUps(page, '#pane').filter({ hasText: 'APAC' });
    await answer
      .filter({ hasText: /win rate/i })
      .first()
      .waitFor({ timeout: 30_000 });
    await shot(page, 'ask-dm-apac');
    await page.close();
  });

  it('answers an @dealfit mention in a thread under it, and a reply in that thread', async () => {
    const page = await open('/?as=U0CRO&c=C0REVOPS');
    expect(await page.getAttribute('#composer-input', 'placeholder')).toContain(
      '@dealfit how are we doing in APAC?',
    );
    const inChannel = await answers(page, '#pane').count();
    await askInChannel(page, '@dealfit win rate by industry');
    const thread = '#thread-pane';
    const replies = answersWithFollowUps(page, thread);
    await replies
      .filter({ hasText: /industry/i })
      .first()
      .waitFor({ timeout: 30_000 });
    // the answer is in the thread, not in the channel
    expect(await answers(page, '#pane').count()).toBe(inChannel);
    await shot(page, 'ask-channel-thread');

    await say(page, '#thread-composer-input', 'and in SaaS?');
    await page
      .locator(`${thread} article.msg.msg-person`, { hasText: 'and in SaaS?' })
      .waitFor({ timeout: 10_000 });
    await expect.poll(() => replies.count(), { timeout: 30_000 }).toBe(2);
    expect(await replies.nth(1).textContent()).toContain('SaaS');
    expect(await answers(page, '#pane').count()).toBe(inChannel);
    await shot(page, 'ask-thread-followup');
    await page.close();
  });

  it('asks a follow-up button in the same thread', async () => {
    const page = await open('/?as=U0CRO&c=C0SALESMGRS');
    await askInChannel(page, '@dealfit win rate by region');
    const thread = '#thread-pane';
    const replies = answersWithFollowUps(page, thread);
    await replies.first().waitFor({ timeout: 30_000 });
    const button = replies.first().locator(FOLLOW_UP).first();
    // the button's value is the follow-up question ("by industry"); its answer says so
    const asked = JSON.parse((await button.getAttribute('data-action')) ?? '{}') as {
      value?: string;
    };
    const word =
      (asked.value ?? '')
        .replace(/[^\w\s]/g, '')
        .trim()
        .split(/\s+/)
        .at(-1) ?? '';
    expect(word).not.toBe('');
    const inChannel = await answers(page, '#pane').count();
    await button.click();
    // the follow-up's answer comes in the same thread, under the first one
    await expect.poll(() => replies.count(), { timeout: 30_000 }).toBe(2);
    expect((await replies.nth(1).textContent())?.toLowerCase()).toContain(word.toLowerCase());
    expect(await answers(page, '#pane').count()).toBe(inChannel);
    await shot(page, 'ask-followup-button');
    await page.close();
  });
});
