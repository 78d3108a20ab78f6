/** Chart uploads take turns: one at a time, in order, a failure not stopping the next. */
import { describe, expect, it } from 'vitest';
import { ChartLane } from '../../../src/adapters/slack/chart-lane.js';

describe('ChartLane', () => {
  it('runs one upload at a time, in the order they were queued', async () => {
    const lane = new ChartLane();
    const log: string[] = [];
    let running = 0;
    let most = 0;
    const upload = (name: string, ms: number) => async () => {
      running++;
      most = Math.max(most, running);
      log.push(`start ${name}`);
      await new Promise((r) => setTimeout(r, ms));
      log.push(`end ${name}`);
      running--;
      return name;
    };
    const results = await Promise.all([
      lane.run(upload('a', 30)),
      lane.run(upload('b', 5)),
      lane.run(upload('c', 1)),
    ]);
    expect(results).toEqual(['a', 'b', 'c']);
    expect(most).toBe(1);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('rejects a failed upload to its caller and goes on with the next', async () => {
    const lane = new ChartLane();
    const failed = lane.run(async () => {
      throw new Error('upload failed');
    });
    const next = lane.run(async () => 'posted');
    await expect(failed).rejects.toThrow('upload failed');
    await expect(next).resolves.toBe('posted');
  });
});
