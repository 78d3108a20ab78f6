/** The store's lines: it opens, its migrations, whether it holds deals, how old they are. */
import { daysBetween } from '../../domain/dates.js';
import type { DatabaseProbe } from '../ports/setup-probes.js';
import { type Check, fail, ok, warn } from './checks.js';
import type { DoctorSetup } from './setup.js';

/** The first thing a new install needs, for the "no deals yet" line and the Home tab. */
export function firstDataFix(salesforce: boolean): string {
  return salesforce
    ? 'run `dealfit sync salesforce` (the sync job also runs every 6 hours)'
    : 'import a CSV export: `dealfit import deals.csv` (README "Data format"), or set the SALESFORCE_* variables and run `dealfit sync salesforce`';
}

export async function databaseChecks(
  setup: DoctorSetup,
  probe: DatabaseProbe,
  now: Date,
): Promise<Check[]> {
  const state = await probe.check();
  const postgres = setup.storeKind === 'postgres';
  if (!state.ok) {
    return [
      fail(
        'database',
        setup.dbPath,
        `cannot open: ${state.error}`,
        postgres
          ? 'check DATABASE_URL: the server must be reachable, the role may log in and create tables in the database'
          : 'check DEALFIT_DB (or --db): the directory must be writable, the file a dealfit SQLite database',
      ),
    ];
  }
  const { migrations, deals, dataAsOf } = state.value;
  const checks: Check[] = [ok('database', setup.dbPath, 'opens')];
  if (migrations.applied < migrations.shipped) {
    checks.push(
      fail(
        'database',
        'migrations',
        `${migrations.applied} of ${migrations.shipped} applied`,
        postgres
          ? 'start dealfit once with a role that may create tables: migrations run when it opens'
          : 'start dealfit once with write access to the file: migrations run when it opens',
      ),
    );
  } else if (migrations.applied > migrations.shipped) {
    checks.push(
      warn(
        'database',
        'migrations',
        `the ${postgres ? 'database' : 'file'} has ${migrations.applied} migrations, this version ships ${migrations.shipped}: a newer dealfit wrote it`,
        'run the dealfit version that wrote this database, or restore a backup made by this one',
      ),
    );
  } else {
    checks.push(
      ok(
        'database',
        'migrations',
        `all ${migrations.shipped} applied${migrations.latest ? ` (latest ${migrations.latest})` : ''}`,
      ),
    );
  }
  const salesforce = setup.salesforce !== null;
  if (deals === 0 || dataAsOf === null) {
    checks.push({
      ...warn(
        'database',
        'deals',
        'no deals yet: the jobs skip and App Home shows the first steps',
        firstDataFix(salesforce),
      ),
      // a new install's state: no ops alert for it
      quiet: true,
    });
    return checks;
  }
  checks.push(ok('database', 'deals', `${deals.toLocaleString('en-US')} deals`));
  const age = daysBetween(dataAsOf, now.toISOString().slice(0, 10));
  const ago = age === 0 ? 'today' : `${age} ${age === 1 ? 'day' : 'days'} ago`;
  // a sync every 6 hours makes two days old; CSV imports are monthly at best
  const staleAfter = salesforce ? 2 : 35;
  checks.push(
    age > staleAfter
      ? warn(
          'database',
          'data age',
          `data as of ${dataAsOf}, ${ago}: every figure is that old`,
          salesforce
            ? 'check the sync: `dealfit status` lists the last syncs and their errors'
            : 'import a recent export (`dealfit import deals.csv`)',
        )
      : ok('database', 'data age', `data as of ${dataAsOf} (${ago})`),
  );
  return checks;
}
