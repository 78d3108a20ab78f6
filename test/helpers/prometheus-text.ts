/**
 * A strict parser of the Prometheus text exposition format (version 0.0.4), for tests: it
 * throws on anything Prometheus would reject or that a scrape should never contain (a
 * sample before its family's TYPE, a family split in two, a TYPE given twice, a bad name,
 * label or value, a histogram whose buckets are not cumulative or lack +Inf), so a test
 * that parses a scrape checks its syntax too, not only the figures it reads.
 */

export type MetricType = 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped';

export interface Sample {
  /** the sample's own name (`x_bucket`, `x_sum`, `x_count` for a histogram) */
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface MetricFamily {
  name: string;
  type: MetricType;
  help: string | null;
  samples: Sample[];
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const TYPES = new Set<MetricType>(['counter', 'gauge', 'histogram', 'summary', 'untyped']);

/** Prometheus reads values with Go's ParseFloat: NaN and Inf in any letter case (prom-client writes "Nan"). */
function parseValue(text: string, line: number): number {
  const special = text.toLowerCase();
  if (special === 'nan') return Number.NaN;
  if (/^\+?inf(inity)?$/.test(special)) return Number.POSITIVE_INFINITY;
  if (/^-inf(inity)?$/.test(special)) return Number.NEGATIVE_INFINITY;
  if (!/^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/.test(text)) {
    throw new Error(`line ${line}: "${text}" is not a sample value`);
  }
  return Number(text);
}

/** `{a="x",b="y"}` starting at `at`; returns the labels and the index after `}`. */
function parseLabels(text: string, at: number, line: number) {
  const labels: Record<string, string> = {};
  let i = at + 1;
  const fail = (why: string): never => {
    throw new Error(`line ${line}: ${why} in "${text}"`);
  };
  while (true) {
    while (text[i] === ' ') i++;
    if (text[i] === '}') return { labels, end: i + 1 };
    const eq = text.indexOf('=', i);
    if (eq < 0) fail('a label without "="');
    const name = text.slice(i, eq).trim();
    if (!LABEL_NAME.test(name)) fail(`bad label name "${name}"`);
    if (name in labels) fail(`label "${name}" given twice`);
    i = eq + 1;
    if (text[i] !== '"') fail(`label "${name}" has no quoted value`);
    i++;
    let value = '';
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\') {
        const next = text[i + 1];
        if (next === 'n') value += '\n';
        else if (next === '\\' || next === '"') value += next;
        else fail(`bad escape "\\${next}"`);
        i += 2;
      } else {
        value += text[i];
        i++;
      }
    }
    if (text[i] !== '"') fail(`label "${name}" is never closed`);
    labels[name] = value;
    i++;
    while (text[i] === ' ') i++;
    if (text[i] === ',') i++;
    else if (text[i] !== '}') fail('labels not separated by ","');
  }
}

/** Which family a sample belongs to, given the families declared so far. */
function familyOf(sample: string, families: Map<string, MetricFamily>): MetricFamily | undefined {
  const own = families.get(sample);
  if (own) return own;
  for (const suffix of ['_bucket', '_sum', '_count']) {
    if (!sample.endsWith(suffix)) continue;
    const family = families.get(sample.slice(0, -suffix.length));
    if (!family) continue;
    if (family.type === 'histogram') return family;
    if (family.type === 'summary' && suffix !== '_bucket') return family;
  }
  return undefined;
}

function checkHistogram(family: MetricFamily): void {
  const series = new Map<string, { buckets: Array<[number, number]>; count?: number }>();
  for (const s of family.samples) {
    const { le, ...rest } = s.labels;
    const key = JSON.stringify(Object.entries(rest).sort());
    const entry = series.get(key) ?? { buckets: [] };
    series.set(key, entry);
    if (s.name.endsWith('_bucket')) {
      if (le === undefined) throw new Error(`${family.name}: a bucket without "le"`);
      entry.buckets.push([parseValue(le, 0), s.value]);
    } else if (s.name.endsWith('_count')) {
      entry.count = s.value;
    }
  }
  for (const [key, { buckets, count }] of series) {
    const last = buckets.at(-1);
    if (!last || last[0] !== Number.POSITIVE_INFINITY) {
      throw new Error(`${family.name} ${key}: no +Inf bucket`);
    }
    for (let i = 1; i < buckets.length; i++) {
      const [le, n] = buckets[i]!;
      const [prevLe, prevN] = buckets[i - 1]!;
      if (!(le > prevLe) || n < prevN) {
        throw new Error(`${family.name} ${key}: buckets not increasing and cumulative`);
      }
    }
    if (count !== last[1]) throw new Error(`${family.name} ${key}: _count ≠ the +Inf bucket`);
  }
}

/** Parses a whole scrape into its metric families, by name. */
export function parsePrometheusText(text: string): Map<string, MetricFamily> {
  const families = new Map<string, MetricFamily>();
  const closed = new Set<string>();
  let current: MetricFamily | undefined;
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    const meta = /^#\s*(HELP|TYPE)\s+(\S+)(?:\s(.*))?$/.exec(raw);
    if (meta) {
      const [, kind, name, rest = ''] = meta as unknown as [string, string, string, string?];
      if (!METRIC_NAME.test(name)) throw new Error(`line ${line}: bad metric name "${name}"`);
      if (closed.has(name)) throw new Error(`line ${line}: family ${name} appears twice`);
      let family = families.get(name);
      if (!family) {
        family = { name, type: 'untyped', help: null, samples: [] };
        families.set(name, family);
      }
      if (current && current !== family) closed.add(current.name);
      current = family;
      if (kind === 'HELP') {
        if (family.help !== null) throw new Error(`line ${line}: HELP of ${name} given twice`);
        family.help = rest.replace(/\\n/g, '\n').replace(/\\\\/g, '\\');
      } else {
        if (!TYPES.has(rest.trim() as MetricType)) {
          throw new Error(`line ${line}: unknown type "${rest}"`);
        }
        if (family.samples.length > 0 || (family as { typed?: boolean }).typed) {
          throw new Error(`line ${line}: TYPE of ${name} after its samples or twice`);
        }
        family.type = rest.trim() as MetricType;
        (family as { typed?: boolean }).typed = true;
      }
      return;
    }
    if (raw.startsWith('#')) return;
    const nameMatch = /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(raw);
    if (!nameMatch) throw new Error(`line ${line}: not a sample: "${raw}"`);
    const name = nameMatch[0];
    let i = name.length;
    let labels: Record<string, string> = {};
    if (raw[i] === '{') {
      const parsed = parseLabels(raw, i, line);
      labels = parsed.labels;
      i = parsed.end;
    }
    const rest = raw.slice(i).trim().split(/\s+/);
    if (rest.length < 1 || rest.length > 2 || rest[0] === '') {
      throw new Error(`line ${line}: expected a value and an optional timestamp: "${raw}"`);
    }
    if (rest[1] !== undefined && !/^-?\d+$/.test(rest[1])) {
      throw new Error(`line ${line}: bad timestamp "${rest[1]}"`);
    }
    const value = parseValue(rest[0]!, line);
    let family = familyOf(name, families);
    if (!family) {
      // a sample with no TYPE line is an untyped family of its own
      family = { name, type: 'untyped', help: null, samples: [] };
      families.set(name, family);
    }
    if (closed.has(family.name)) throw new Error(`line ${line}: family ${family.name} split`);
    if (current && current !== family) closed.add(current.name);
    current = family;
    if (family.type === 'counter' && !(value >= 0)) {
      throw new Error(`line ${line}: counter ${name} is ${value}`);
    }
    family.samples.push({ name, labels, value });
  });
  for (const family of families.values()) {
    delete (family as { typed?: boolean }).typed;
    if (family.type === 'histogram') checkHistogram(family);
  }
  return families;
}

/** The value of the sample `name` whose labels include `labels`, or undefined. */
export function sampleValue(
  families: Map<string, MetricFamily>,
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  for (const family of families.values()) {
    for (const s of family.samples) {
      if (s.name !== name) continue;
      if (Object.entries(labels).every(([k, v]) => s.labels[k] === v)) return s.value;
    }
  }
  return undefined;
}
