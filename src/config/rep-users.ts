/** DEALFIT_REP_USERS: the JSON file mapping CRM rep ids to Slack user ids. */
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';

const repUsersSchema = z.record(
  z.string().min(1),
  z.string().regex(/^[UW][A-Z0-9]{2,}$/, 'must be a Slack user id such as U0123ABC'),
);

/** Reads the rep -> Slack user map; problems come back as config issues. */
export function readRepUsers(path: string | undefined): {
  map: Record<string, string>;
  issues: string[];
} {
  if (!path) return { map: {}, issues: [] };
  if (!existsSync(path)) {
    return { map: {}, issues: [`DEALFIT_REP_USERS: file ${path} does not exist`] };
  }
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    return {
      map: {},
      issues: [`DEALFIT_REP_USERS: ${path} is not JSON (${(error as Error).message})`],
    };
  }
  const parsed = repUsersSchema.safeParse(json);
  if (!parsed.success) {
    return {
      map: {},
      issues: parsed.error.issues.map(
        (i) =>
          `DEALFIT_REP_USERS: ${path}${i.path.length ? ` "${i.path.join('.')}"` : ''}: ${i.message} (expected {"rep_1": "U0123ABC", ...})`,
      ),
    };
  }
  return { map: parsed.data, issues: [] };
}
