import { describe, expect, it } from 'vitest';
import { renderMessage } from '../../../src/local/workspace/render-blocks.js';

describe('renderMessage', () => {
  it('renders every block kind a dealfit message uses', () => {
    const html = renderMessage({
      text: 'fallback',
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: 'DEAL FLAG: D04521' } },
        {
          type: 'section',
          text: { type: 'mrkdwn', text: '*RSFS* 0.28 (RED)' },
          fields: [
            { type: 'mrkdwn', text: '*Rep*\nrep_19' },
            { type: 'plain_text', text: 'Amount $42,300' },
          ],
        },
        { type: 'divider' },
        { type: 'context', elements: [{ type: 'mrkdwn', text: 'data as of 2024-07-20' }] },
        { type: 'image', image_url: 'http://127.0.0.1/files/F1.png', alt_text: 'win rate chart' },
        {
          type: 'actions',
          block_id: 'colead:7',
          elements: [
            {
              type: 'button',
              action_id: 'colead_approve',
              value: '7',
              style: 'primary',
              text: { type: 'plain_text', text: 'Approve' },
            },
            {
              type: 'static_select',
              action_id: 'colead_pick_alternate',
              placeholder: { type: 'plain_text', text: 'Pick an alternate' },
              options: [{ text: { type: 'plain_text', text: 'rep_7 (52%)' }, value: 'rep_7' }],
            },
          ],
        },
      ],
    });
    expect(html).toContain('<div class="blk-header">DEAL FLAG: D04521</div>');
    expect(html).toContain('<strong>RSFS</strong> 0.28 (RED)');
    expect(html).toContain('<strong>Rep</strong><br>rep_19');
    expect(html).toContain('<hr class="blk-divider">');
    expect(html).toContain('data as of 2024-07-20');
    expect(html).toContain('src="http://127.0.0.1/files/F1.png"');
    expect(html).toContain('class="btn btn-primary"');
    expect(html).toContain('&quot;action_id&quot;:&quot;colead_approve&quot;');
    expect(html).toContain('&quot;block_id&quot;:&quot;colead:7&quot;');
    expect(html).toContain('<option value="rep_7">rep_7 (52%)</option>');
    expect(html).not.toContain('fallback');
  });

  it('falls back to the text, escaped, when there are no blocks', () => {
    expect(renderMessage({ text: 'a <b>bold</b> try' })).toBe(
      '<div class="blk-text">a &lt;b&gt;bold&lt;/b&gt; try</div>',
    );
  });
});
