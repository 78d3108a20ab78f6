/**
 * The fake Slack Web API in its own process for `npm run bench:slack`, so parsing 200
 * uploads does not share an event loop with the client whose ack latency is measured.
 * Prints `{ apiUrl, base }` when ready; on stdin, `dump` prints one JSON line with every
 * response_url answer ({ id, at }), every chat.postMessage ({ channel, threadTs, at }: when
 * it arrived) and the number of completed uploads.
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
      // the answer's note when its chart timed out (answer.ts)
      chartNotDrawn: JSON.stringify(r.body).includes('could not be drawn'),
    }));
    const posts = fake.callsTo('chat.postMessage').map((c) => ({
      channel: String(c.params.channel ?? ''),
      threadTs: typeof c.params.thread_ts === 'string' ? c.params.thread_ts : null,
      at: c.at,
      text: String(c.params.text ?? '').slice(0, 40),
    }));
    const uploads = fake.callsTo('files.completeUploadExternal').length;
    process.stdout.write(`${JSON.stringify({ responses, posts, uploads })}\n`);
  }
}
await fake.close();
