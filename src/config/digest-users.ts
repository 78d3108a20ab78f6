/**
 * DEALFIT_DIGEST_USERS: `U0123ABC,rep_19`. Each entry is a Slack user id, or a rep id that
 * DEALFIT_REP_USERS maps to one (the CRM's name for a person, which is what a revenue team
 * has at hand). Every bad entry is its own issue line, naming the field and the entry.
 */
import { commaList } from './env-values.js';

const FIELD = 'DEALFIT_DIGEST_USERS';
const USER_ID = /^[UW][A-Z0-9]{2,}$/;

export function readDigestUsers(
  raw: string | undefined,
  repUsers: Readonly<Record<string, string>>,
): { users: string[]; issues: string[] } {
  const users: string[] = [];
  const issues: string[] = [];
  for (const entry of commaList(raw)) {
    const user = USER_ID.test(entry) ? entry : repUsers[entry];
    if (user === undefined) {
      issues.push(
        `${FIELD}: "${entry}" is neither a Slack user id such as U0123ABC nor a rep id of DEALFIT_REP_USERS`,
      );
    } else if (!users.includes(user)) {
      // a person listed twice (by id and by rep id) gets one DM
      users.push(user);
    }
  }
  return { users, issues };
}
