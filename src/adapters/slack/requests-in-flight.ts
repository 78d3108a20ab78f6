/**
 * The Slack requests being answered, so a stopping app can finish them.
 *
 * Why: dealfit acks first and answers after (response_url, a thread, a DM), so a request
 * Slack saw acked is one it will never send again. An instance stopped for a rolling
 * restart with answers still being written (or their charts still waiting their turn,
 * chart-lane.ts) would lose them for good; it waits for them instead, a bounded time.
 * The front door (front-door.ts) counts the same way the requests it acked and is still
 * handing on to the Bolt app.
 */
export class RequestsInFlight {
  private readonly open = new Set<Promise<unknown>>();

  /** `work`, counted as in flight until it settles. */
  track<T>(work: Promise<T>): Promise<T> {
    this.open.add(work);
    const done = () => this.open.delete(work);
    work.then(done, done);
    return work;
  }

  get size(): number {
    return this.open.size;
  }

  /**
   * True once every request in flight now, and any it started meanwhile, has settled;
   * false if some are still open after `ms`.
   */
  async drained(ms: number): Promise<boolean> {
    const deadline = performance.now() + ms;
    while (this.open.size > 0) {
      const left = deadline - performance.now();
      if (left <= 0) return false;
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, left);
      });
      await Promise.race([Promise.allSettled([...this.open]), late]);
      clearTimeout(timer);
    }
    return true;
  }
}
