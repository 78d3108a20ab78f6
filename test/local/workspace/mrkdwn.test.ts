import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mrkdwnToHtml } from '../../../src/local/workspace/mrkdwn.js';

describe('mrkdwnToHtml', () => {
  it('renders bold, italic, strike, code and line breaks', () => {
    expect(mrkdwnToHtml('*Win rate* is _down_ ~a lot~ `41.2%`\nnext')).toBe(
      '<strong>Win rate</strong> is <em>down</em> <del>a lot</del> <code>41.2%</code><br>next',
    );
  });

  it('renders mentions, channels and safe links, and drops unsafe link targets', () => {
    const html = mrkdwnToHtml(
      '<@U1> see <#C1> and <https://example.com/a?b=1&amp;c=2|the doc> <javascript:alert(1)|x>',
      {
        user: (id) => (id === 'U1' ? 'Maria' : undefined),
        channel: (id) => (id === 'C1' ? 'revenue-alerts' : undefined),
      },
    );
    expect(html).toContain('<span class="mention">@Maria</span>');
    expect(html).toContain('<span class="mention">#revenue-alerts</span>');
    expect(html).toContain(
      '<a href="https://example.com/a?b=1&amp;c=2" target="_blank" rel="noreferrer">the doc</a>',
    );
    expect(html).not.toContain('href="javascript');
    expect(html).toContain('&lt;javascript:alert(1)|x&gt;');
  });

  it('escapes HTML so message text cannot inject markup', () => {
    const html = mrkdwnToHtml('<script>alert(1)</script> "quoted" & done');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('&quot;quoted&quot; &amp; done');
  });

  it('renders quotes and preformatted blocks', () => {
    expect(mrkdwnToHtml('> quoted line\nafter')).toBe('<blockquote>quoted line</blockquote>after');
    expect(mrkdwnToHtml('```\nrep_1  41%\n```')).toBe('<pre>rep_1  41%\n</pre>');
  });
});

describe('mrkdwnToHtml emoji', () => {
  it('shows the shortcodes dealfit uses as emoji and leaves unknown ones as text', () => {
    expect(mrkdwnToHtml(':white_check_mark: *Approved* :no_such_emoji:')).toBe(
      '✅ <strong>Approved</strong> :no_such_emoji:',
    );
  });
});

describe('mrkdwnToHtml emoji dealfit writes', () => {
  it('has an emoji for every shortcode in the app and Slack adapter sources', () => {
    // the page must show what dealfit writes, e.g. ":mag: read as: …", never a raw code
    const sources = ['src/adapters/slack', 'src/app', 'src/domain'].flatMap((dir) =>
      readdirSync(dir, { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith('.ts'))
        .map((f) => readFileSync(join(dir, f), 'utf8')),
    );
    const codes = new Set(sources.flatMap((text) => text.match(/:[a-z][a-z0-9_+-]+:/g) ?? []));
    expect(codes.size).toBeGreaterThan(5);
    const raw = [...codes].filter((code) => mrkdwnToHtml(code) === code);
    expect(raw).toEqual([]);
  });
});
