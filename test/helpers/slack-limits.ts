/**
 * Slack's documented Block Kit limits as a zod schema, so every payload a builder produces
 * can be checked in tests (https://docs.slack.dev/reference/block-kit/blocks). Unknown
 * block or element types fail on purpose: a new kind must add its limits here first.
 */
import { z } from 'zod';

const plain = (max: number) =>
  z
    .object({
      type: z.literal('plain_text'),
      text: z.string().min(1).max(max),
      emoji: z.boolean().optional(),
    })
    .strict();
const mrkdwn = (max: number) =>
  z
    .object({
      type: z.literal('mrkdwn'),
      text: z.string().min(1).max(max),
      verbatim: z.boolean().optional(),
    })
    .strict();
const textObject = (max: number) => z.union([plain(max), mrkdwn(max)]);

const actionId = z.string().min(1).max(255);
const blockId = z.string().min(1).max(255).optional();

const option = z
  .object({ text: plain(75), value: z.string().min(1).max(150), description: plain(75).optional() })
  .strict();

const button = z
  .object({
    type: z.literal('button'),
    text: plain(75),
    action_id: actionId,
    value: z.string().max(2000).optional(),
    url: z.string().max(3000).optional(),
    style: z.enum(['primary', 'danger']).optional(),
  })
  .strict();

const staticSelect = z
  .object({
    type: z.literal('static_select'),
    action_id: actionId,
    placeholder: plain(150),
    options: z.array(option).min(1).max(100),
    initial_option: option.optional(),
  })
  .strict();

const interactive = z.union([button, staticSelect]);

const image = z
  .object({
    type: z.literal('image'),
    image_url: z.string().max(3000),
    alt_text: z.string().max(2000),
  })
  .strict();

const header = z
  .object({ type: z.literal('header'), text: plain(150), block_id: blockId })
  .strict();
const divider = z.object({ type: z.literal('divider'), block_id: blockId }).strict();
const section = z
  .object({
    type: z.literal('section'),
    block_id: blockId,
    text: textObject(3000).optional(),
    fields: z.array(textObject(2000)).min(1).max(10).optional(),
    accessory: z.union([interactive, image]).optional(),
  })
  .strict()
  .refine((s) => s.text !== undefined || s.fields !== undefined, 'a section needs text or fields');
const contextBlock = z
  .object({
    type: z.literal('context'),
    block_id: blockId,
    elements: z
      .array(z.union([textObject(3000), image]))
      .min(1)
      .max(10),
  })
  .strict();
const actions = z
  .object({
    type: z.literal('actions'),
    block_id: blockId,
    elements: z.array(interactive).min(1).max(25),
  })
  .strict();

export const blockSchema = z.union([header, divider, section, contextBlock, actions]);

function actionIdsOf(blocks: unknown[]): string[] {
  const ids: string[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      if (typeof record.action_id === 'string') ids.push(record.action_id);
      Object.values(record).forEach(visit);
    }
  };
  visit(blocks);
  return ids;
}

function uniqueIds(blocks: Array<z.infer<typeof blockSchema>>, ctx: z.RefinementCtx): void {
  const actionIds = actionIdsOf(blocks);
  if (new Set(actionIds).size !== actionIds.length) {
    ctx.addIssue({ code: 'custom', message: `action ids repeat: ${actionIds.join(', ')}` });
  }
  const blockIds = blocks.flatMap((b) => (b.block_id ? [b.block_id] : []));
  if (new Set(blockIds).size !== blockIds.length) {
    ctx.addIssue({ code: 'custom', message: `block ids repeat: ${blockIds.join(', ')}` });
  }
}

/** A chat.postMessage / respond payload: fallback text plus at most 50 blocks. */
export const messageSchema = z
  .object({ text: z.string().min(1).max(40_000), blocks: z.array(blockSchema).min(1).max(50) })
  .superRefine((m, ctx) => uniqueIds(m.blocks, ctx));

/** A Home tab view: at most 100 blocks. */
export const homeViewSchema = z
  .object({
    type: z.literal('home'),
    callback_id: z.string().max(255).optional(),
    blocks: z.array(blockSchema).min(1).max(100),
  })
  .superRefine((v, ctx) => uniqueIds(v.blocks, ctx));

/** Throws with every violated limit listed, so a failing test says what to fix. */
export function assertWithinSlackLimits(message: unknown, schema: z.ZodType = messageSchema): void {
  const result = schema.safeParse(message);
  if (!result.success) {
    throw new Error(
      `Slack limits violated:\n${result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`,
    );
  }
}
