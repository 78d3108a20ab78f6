/**
 * Block Kit to HTML for the local workspace page, so a person reads messages as Slack
 * would show them, not as JSON. Interactive elements carry the data the page needs to
 * send a signed `block_actions` request back to the Bolt app.
 */
import { escapeHtml, mrkdwnToHtml, type NameLookup } from './mrkdwn.js';

type Json = Record<string, unknown>;
interface TextObject {
  type: 'plain_text' | 'mrkdwn';
  text: string;
}
interface OptionObject {
  text: TextObject;
  value: string;
}

const asText = (value: unknown): TextObject | undefined =>
  value && typeof value === 'object' && 'text' in value ? (value as TextObject) : undefined;

function textHtml(value: unknown, names: NameLookup): string {
  const text = asText(value);
  if (!text) return '';
  return text.type === 'mrkdwn' ? mrkdwnToHtml(text.text, names) : escapeHtml(text.text);
}

/** What a click sends back: enough for the server to build the block_actions payload. */
function actionData(element: Json, blockId: string | undefined): string {
  return escapeHtml(
    JSON.stringify({
      type: element.type,
      action_id: element.action_id,
      block_id: blockId,
      value: element.value,
    }),
  );
}

function renderElement(element: Json, blockId: string | undefined, names: NameLookup): string {
  switch (element.type) {
    case 'button': {
      const style = typeof element.style === 'string' ? ` btn-${escapeHtml(element.style)}` : '';
      return `<button type="button" class="btn${style}" data-action="${actionData(element, blockId)}">${textHtml(element.text, names)}</button>`;
    }
    case 'static_select': {
      const groups = Array.isArray(element.option_groups)
        ? (element.option_groups as Array<{ label: TextObject; options: OptionObject[] }>)
        : [{ label: undefined, options: (element.options as OptionObject[] | undefined) ?? [] }];
      const initial = (element.initial_option as OptionObject | undefined)?.value;
      const options = groups
        .flatMap((group) => group.options)
        .map(
          (o) =>
            `<option value="${escapeHtml(o.value)}"${o.value === initial ? ' selected' : ''}>${escapeHtml(o.text.text)}</option>`,
        )
        .join('');
      const placeholder = asText(element.placeholder)?.text ?? 'Select';
      return `<select class="select" data-action="${actionData(element, blockId)}"><option value="" disabled${initial ? '' : ' selected'}>${escapeHtml(placeholder)}</option>${options}</select>`;
    }
    case 'image':
      return `<img class="inline-image" src="${escapeHtml(String(element.image_url ?? ''))}" alt="${escapeHtml(String(element.alt_text ?? ''))}">`;
    case 'mrkdwn':
    case 'plain_text':
      return `<span>${textHtml(element, names)}</span>`;
    default:
      return `<span class="unsupported">[${escapeHtml(String(element.type))}]</span>`;
  }
}

export function renderBlock(block: Json, names: NameLookup = {}): string {
  const blockId = typeof block.block_id === 'string' ? block.block_id : undefined;
  switch (block.type) {
    case 'header':
      return `<div class="blk-header">${textHtml(block.text, names)}</div>`;
    case 'divider':
      return '<hr class="blk-divider">';
    case 'section': {
      const fields = Array.isArray(block.fields)
        ? `<div class="blk-fields">${(block.fields as unknown[]).map((f) => `<div>${textHtml(f, names)}</div>`).join('')}</div>`
        : '';
      const accessory =
        block.accessory && typeof block.accessory === 'object'
          ? `<div class="blk-accessory">${renderElement(block.accessory as Json, blockId, names)}</div>`
          : '';
      return `<div class="blk-section"><div class="blk-text">${textHtml(block.text, names)}${fields}</div>${accessory}</div>`;
    }
    case 'context':
      return `<div class="blk-context">${((block.elements as Json[] | undefined) ?? []).map((e) => renderElement(e, blockId, names)).join(' ')}</div>`;
    case 'actions':
      return `<div class="blk-actions">${((block.elements as Json[] | undefined) ?? []).map((e) => renderElement(e, blockId, names)).join('')}</div>`;
    case 'image': {
      const title = asText(block.title);
      return `<figure class="blk-image">${title ? `<figcaption>${escapeHtml(title.text)}</figcaption>` : ''}<img src="${escapeHtml(String(block.image_url ?? ''))}" alt="${escapeHtml(String(block.alt_text ?? ''))}"></figure>`;
    }
    default:
      return `<div class="unsupported">[${escapeHtml(String(block.type))} block]</div>`;
  }
}

/** A message's blocks, or its plain text when it has none. */
export function renderMessage(
  message: { text?: string; blocks?: unknown },
  names: NameLookup = {},
): string {
  if (Array.isArray(message.blocks) && message.blocks.length > 0) {
    return (message.blocks as Json[]).map((b) => renderBlock(b, names)).join('');
  }
  return `<div class="blk-text">${mrkdwnToHtml(message.text ?? '', names)}</div>`;
}
