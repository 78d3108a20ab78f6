/**
 * The HTTP thread's fetch (wiring/http-thread.ts) stands in for globalThis.fetch under Bolt's
 * respond() and the WebClient: the same calls must reach Slack the same way, file uploads
 * and Slack's error answers included.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { webApi } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackMessenger } from '../../src/adapters/slack/messenger.js';
import { SlackEmulator } from '../../src/local/slack-emulator/server.js';
import { inHttpThread } from '../../src/wiring/http-thread.js';

describe('fetch in the HTTP thread', () => {
  let fake: SlackEmulator;
  let http: ReturnType<typeof inHttpThread>;
  let client: webApi.WebClient;

  beforeAll(async () => {
    fake = await SlackEmulator.start({ channels: [{ id: 'C0ALERTS', name: 'alerts' }] });
    http = inHttpThread();
    client = new webApi.WebClient('xoxb-test-token', {
      slackApiUrl: fake.apiUrl,
      fetch: http.fetch,
      retryConfig: { retries: 2, factor: 1, minTimeout: 10, maxTimeout: 10 },
      logLevel: webApi.LogLevel.ERROR,
    });
  });
  afterAll(async () => {
    await http.close();
    await fake.close();
  });

  it('posts through the Web API and reads the answer', async () => {
    const posted = await createSlackMessenger(client).post('C0ALERTS', { text: 'hello' });
    expect(fake.messagesIn('C0ALERTS')).toMatchObject([{ text: 'hello', ts: posted.ts }]);
  });

  it('uploads a PNG in three steps with its bytes intact (multipart form)', async () => {
    const png = { data: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 255, 7]), width: 1, height: 1 };
    const { fileId } = await createSlackMessenger(client).uploadPng({ channel: 'C0ALERTS' }, png, {
      filename: 'chart.png',
      title: 'Win rate',
      altText: 'bar chart',
    });
    expect(fake.files.get(fileId)).toMatchObject({ filename: 'chart.png', altText: 'bar chart' });
    expect(fake.files.get(fileId)?.bytes?.equals(png.data)).toBe(true);
  });

  it("surfaces Slack's error codes and retries a 429 once", async () => {
    await expect(createSlackMessenger(client).post('C0NOPE', { text: 'x' })).rejects.toMatchObject({
      data: { error: 'channel_not_found' },
    });
    fake.rateLimit('chat.postMessage', 1, 0);
    await createSlackMessenger(client).post('C0ALERTS', { text: 'after a 429' });
    expect(
      fake
        .callsTo('chat.postMessage')
        .slice(-2)
        .map((c) => c.status),
    ).toEqual([429, 200]);
  });

  it('answers a response_url as Bolt respond() does (JSON body)', async () => {
    const url = fake.responseUrl('C0ALERTS', 'U0ALICE');
    const res = await http.fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ response_type: 'in_channel', text: 'the answer' }),
    });
    expect(res.ok).toBe(true);
    expect(await res.json()).toEqual({ ok: true });
    expect(fake.responses.at(-1)?.body).toEqual({
      response_type: 'in_channel',
      text: 'the answer',
    });
  });

  describe('against a plain HTTP server', () => {
    let server: Server;
    let base: string;
    beforeAll(async () => {
      server = createServer((req, res) => {
        if (req.url === '/empty') return void res.writeHead(204).end();
        if (req.url === '/gzip') {
          res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
          return void res.end(gzipSync(JSON.stringify({ ok: true, packed: 'yes' })));
        }
        if (req.url === '/moved') return void res.writeHead(302, { location: '/x' }).end();
        if (req.url === '/kept') return void res.writeHead(307, { location: '/x' }).end();
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          res.writeHead(201, { 'content-type': 'application/json', 'x-seen': req.method ?? '' });
          res.end(
            JSON.stringify({
              type: req.headers['content-type'] ?? null,
              body: Buffer.concat(chunks).toString('utf8'),
            }),
          );
        });
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((r) => server.close(() => r())));

    it('keeps status, headers and the form-encoded body', async () => {
      const res = await http.fetch(`${base}/x`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'a=1&b=two',
      });
      expect(res.status).toBe(201);
      expect(res.headers.get('x-seen')).toBe('POST');
      expect(await res.json()).toEqual({
        type: 'application/x-www-form-urlencoded',
        body: 'a=1&b=two',
      });
    });

    it('decodes a gzip answer as fetch does', async () => {
      const res = await http.fetch(`${base}/gzip`);
      expect(await res.json()).toEqual({ ok: true, packed: 'yes' });
    });

    it('follows redirects: a POST after a 302 becomes a GET, a 307 keeps method and body', async () => {
      const moved = await http.fetch(`${base}/moved`, { method: 'POST', body: 'a=1' });
      expect(moved.status).toBe(201);
      expect(moved.headers.get('x-seen')).toBe('GET');
      const kept = await http.fetch(`${base}/kept`, { method: 'POST', body: 'a=1' });
      expect(kept.headers.get('x-seen')).toBe('POST');
      expect(await kept.json()).toEqual({ type: 'text/plain;charset=UTF-8', body: 'a=1' });
    });

    it('sends a form as multipart/form-data that a parser reads back field by field', async () => {
      const form = new FormData();
      form.append('title', 'Win rate\nby industry');
      form.append('file', new Blob([new Uint8Array([1, 2, 3])], { type: 'image/png' }), 'c.png');
      const res = await http.fetch(`${base}/x`, { method: 'POST', body: form });
      const echoed = (await res.json()) as { type: string; body: string };
      expect(echoed.type).toMatch(/^multipart\/form-data; boundary=/);
      // the echoed body, parsed back by the platform's own multipart reader
      const parsed = await new Response(echoed.body, {
        headers: { 'content-type': echoed.type },
      }).formData();
      expect(parsed.get('title')).toBe('Win rate\r\nby industry');
      const file = parsed.get('file') as File;
      expect(file.name).toBe('c.png');
      expect(file.type).toBe('image/png');
    });

    it('gives a 204 without a body', async () => {
      const res = await http.fetch(`${base}/empty`);
      expect(res.status).toBe(204);
      expect(await res.text()).toBe('');
    });

    it('rejects with the cause when nothing listens', async () => {
      const closed = createServer();
      await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
      const port = (closed.address() as AddressInfo).port;
      await new Promise<void>((r) => closed.close(() => r()));
      await expect(http.fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow(/ECONNREFUSED/);
    });
  });
});
