/** Reads who clicked where, and which assignment or alert the element carries. */
import type { BlockAction } from '@slack/bolt';
import type { Click } from '../../../../app/colead/colead-types.js';

/** `value` is the assignment id (buttons) or `<id>|<rep>` (the alternate select). */
export function clickContext(body: BlockAction, value: string | undefined): Click | null {
  const id = Number((value ?? '').split('|')[0]);
  if (!Number.isInteger(id) || id <= 0) return null;
  return {
    assignmentId: id,
    userId: body.user.id,
    channel: body.channel?.id ?? body.container?.channel_id ?? '',
  };
}
