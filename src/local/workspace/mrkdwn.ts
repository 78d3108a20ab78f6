/**
 * Slack mrkdwn to HTML for the local workspace page: *bold*, _italic_, ~strike~, `code`,
 * ```preformatted```, > quotes, <url|label>, <@user>, <#channel>, <!here>, line breaks.
 * Everything is HTML-escaped first, so message text can never inject markup.
 */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

export interface NameLookup {
  user?: (id: string) => string | undefined;
  channel?: (id: string) => string | undefined;
}

const SAFE_URL = /^(https?:|mailto:)/i;

function renderLink(inner: string, names: NameLookup): string {
  // inner is the escaped text between &lt; and &gt;
  const [target = '', label] = inner.split('|');
  if (target.startsWith('@')) {
    const id = target.slice(1);
    return `<span class="mention">@${escapeHtml(label ?? names.user?.(id) ?? id)}</span>`;
  }
  if (target.startsWith('#')) {
    const id = target.slice(1);
    return `<span class="mention">#${escapeHtml(label ?? names.channel?.(id) ?? id)}</span>`;
  }
  if (target.startsWith('!'))
    return `<span class="mention">@${target.slice(1).split('^')[0]}</span>`;
  const url = target.replaceAll('&amp;', '&');
  // Not a link Slack would render (or an unsafe scheme): show it as the text it was.
  if (!SAFE_URL.test(url)) return `&lt;${inner}&gt;`;
  return `<a href="${escapeHtml(url)}" target="_blank" rel="noreferrer">${label ?? target}</a>`;
}

/** The emoji shortcodes dealfit's messages use, shown as Slack shows them; others stay text. */
const EMOJI: Record<string, string> = {
  warning: '⚠️',
  x: '❌',
  handshake: '🤝',
  bar_chart: '📊',
  white_check_mark: '✅',
  tada: '🎉',
  rotating_light: '🚨',
  red_circle: '🔴',
  large_yellow_circle: '🟡',
  large_green_circle: '🟢',
  information_source: 'ℹ️',
  mag: '🔍',
  hourglass: '⌛',
  arrows_counterclockwise: '🔄',
  chart_with_downwards_trend: '📉',
  chart_with_upwards_trend: '📈',
  grey_question: '❔',
};

function renderInline(line: string): string {
  return line
    .replace(/:([a-z0-9_+-]+):/g, (match, name: string) => EMOJI[name] ?? match)
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/(^|[\s(])\*([^*\n]+)\*(?=[\s).,:;!?]|$)/g, '$1<strong>$2</strong>')
    .replace(/(^|[\s(])_([^_\n]+)_(?=[\s).,:;!?]|$)/g, '$1<em>$2</em>')
    .replace(/(^|[\s(])~([^~\n]+)~(?=[\s).,:;!?]|$)/g, '$1<del>$2</del>');
}

export function mrkdwnToHtml(text: string, names: NameLookup = {}): string {
  // Slack sends &, < and > escaped in mrkdwn; undo that first, then escape everything once.
  const raw = text.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');
  const escaped = escapeHtml(raw);
  const parts = escaped.split(/```/);
  return parts
    .map((part, i) => {
      if (i % 2 === 1) return `<pre>${part.replace(/^\n/, '')}</pre>`;
      const linked = part.replace(/&lt;([^\s&]|&amp;)[^<>]*?&gt;/g, (match) =>
        renderLink(match.slice(4, -4), names),
      );
      return linked
        .split('\n')
        .map((line) =>
          line.startsWith('&gt; ')
            ? `<blockquote>${renderInline(line.slice(5))}</blockquote>`
            : renderInline(line),
        )
        .join('<br>')
        .replace(/<\/blockquote><br>/g, '</blockquote>');
    })
    .join('');
}
