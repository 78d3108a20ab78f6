/**
 * The fake Slack Web API in its own process for `npm run bench:slack`, so parsing 200
 * uploads does not share an event loop with the client whose ack latency is measured.
 * Prints `{ apiUrl, base }` when ready; on stdin, `dump` prints one JSON line with every
 * response_url answer ({ id, at }) and the number of completed uploads.
 */
import { createInterface } from 'node:readline';
import { SlackEmulator } from '../../src/local/slack-emulator/server.js';

const fake = await SlackEmulator.start({ channels: [{ id: 'C0GENERAL', name: 'general' }] });
const base = fake.responseUrl('C0GENERAL', 'U0ALICE').replace(/response\/R\d+$/, '');
process.stdout.write(`${JSON.stringify({ apiUrl: fake.apiUrl, base })}\n`);
for await (const line of createInterface({ input: process.stdin })) {
  if (line.trim() === 'dump') {
    const responses = fake.responses.map((r) => ({
      id: r.id,
      at: r.at,
      text: String(r.body.text ?? '').slice(0, 40),
    }));
    const uploads = fake.callsTo('files.completeUploadExternal').length;
    process.stdout.write(`${JSON.stringify({ responses, uploads })}\n`);
  }
}
await fake.close();
