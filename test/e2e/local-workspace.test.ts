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
});
