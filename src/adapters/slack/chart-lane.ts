/**
 * Chart uploads take turns, one at a time, in the order their answers went out.
 *
 * Why: an answer's words are one Web API call; its chart is three more (files.uploadV2)
 * carrying the PNG. When twenty questions arrive together, every chart uploading at once
 * competes for the same two cores with the words still being written for the others, so
 * the last person waited for everybody's charts before reading their own answer
 * (bench:ask, 200 mentions 20 in flight, this machine: first-answer p99 733-773 ms with
 * the charts going out at once, 438-530 ms with no charts at all). In one lane the words
 * come first and the charts follow them in turn; a chart is late by the uploads ahead of
 * it, never lost, and one that fails does not stop the next.
 */
export class ChartLane {
  private tail: Promise<unknown> = Promise.resolve();

  /** Runs `upload` once the uploads queued before it have ended (fulfilled or not). */
  run<T>(upload: () => Promise<T>): Promise<T> {
    const turn = this.tail.then(upload);
    this.tail = turn.catch(() => undefined);
    return turn;
  }
}
