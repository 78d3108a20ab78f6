/**
 * The fake Salesforce org in its own process for `npm run bench:sync`, so serving pages
 * does not share the event loop with the sync being measured. Prints one JSON line
 * ({ url, env }) when ready; then reads commands on stdin:
 *   change <fraction>  updates that share of opportunities (1 h later), answers "changed N"
 *   cpu                CPU seconds the fake has used so far, answers "cpu S"
 */
import { createInterface } from 'node:readline';
import { startTestOrg } from '../helpers/salesforce-test-org.js';

const count = Number(process.argv[2] ?? 200_000);
const t = await startTestOrg({ opportunities: count, seed: 11 });
process.stdout.write(`${JSON.stringify({ url: t.fake.url, env: t.env })}\n`);

const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  const [command, arg] = line.trim().split(' ');
  if (command === 'change') {
    t.fake.tick(60 * 60_000);
    const ids = [...t.fake.opportunities.keys()];
    const every = Math.round(1 / Number(arg));
    let changed = 0;
    for (let i = 0; i < ids.length; i += every) {
      const row = t.fake.opportunities.get(ids[i]!)!;
      t.fake.update(row.Id, { Amount: (row.Amount as number) + 1 });
      changed += 1;
    }
    process.stdout.write(`changed ${changed}\n`);
  } else if (command === 'cpu') {
    const cpu = process.cpuUsage();
    process.stdout.write(`cpu ${(cpu.user + cpu.system) / 1e6}\n`);
  }
}
await t.cleanup();
