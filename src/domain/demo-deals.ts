/**
 * Deterministic demo and benchmark deals. With every effect off the outcomes are pure
 * noise around one base rate, so the product can be checked for false alarms; each effect
 * plants one known signal the product should find.
 */
import { fromDayNumber, toDayNumber } from './dates.js';
import type { Deal } from './deal.js';
import { normal, pick, type Random, randomInt, seededRandom } from './random.js';

export const DEMO_INDUSTRIES = ['SaaS', 'FinTech', 'HealthTech', 'EdTech', 'Ecommerce'] as const;
export const DEMO_REGIONS = ['North America', 'Europe', 'India', 'APAC'] as const;
export const DEMO_PRODUCTS = ['Core', 'Pro', 'Enterprise'] as const;
export const DEMO_LEAD_SOURCES = ['Inbound', 'Outbound', 'Referral', 'Partner'] as const;
const OPEN_STAGES = ['Qualified', 'Demo', 'Proposal', 'Negotiation'] as const;

export interface DemoEffects {
  /**
   * True rep × industry skill: each cell's log-odds moves by a normal draw with this
   * standard deviation (0 = off; 0.6 spreads cells by about ±14pp).
   */
  repIndustrySkillSd: number;
  /** Win-rate drop, in percentage points, for `leadSourceDropSource` in the latest quarter. */
  leadSourceDropPp: number;
  leadSourceDropSource: string;
  /** Overall win-rate decline from the first to the last day, in percentage points. */
  slowDeclinePp: number;
}

export const NO_EFFECTS: DemoEffects = {
  repIndustrySkillSd: 0,
  leadSourceDropPp: 0,
  leadSourceDropSource: 'Inbound',
  slowDeclinePp: 0,
};

export const DEFAULT_EFFECTS: DemoEffects = {
  repIndustrySkillSd: 0.6,
  leadSourceDropPp: 10,
  leadSourceDropSource: 'Inbound',
  slowDeclinePp: 4,
};

export interface DemoOptions {
  seed: number;
  deals: number;
  reps: number;
  /** first created date */
  start: string;
  /** the data's as-of date: nothing is created or closed after it */
  end: string;
  /** share of deals still open at `end` (created in its last 120 days) */
  openShare: number;
  baseWinRate: number;
  effects: DemoEffects;
}

export const DEFAULT_DEMO_OPTIONS: DemoOptions = {
  seed: 42,
  deals: 5000,
  reps: 25,
  start: '2023-01-01',
  end: '2024-06-30',
  openShare: 0.08,
  baseWinRate: 0.45,
  effects: DEFAULT_EFFECTS,
};

const OPEN_WINDOW_DAYS = 120;
const MIN_CYCLE = 7;
const MAX_CYCLE = 120;

function logit(p: number): number {
  return Math.log(p / (1 - p));
}

function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** The first day of the calendar quarter holding `day` (a day number). */
function quarterStart(day: number): number {
  const date = fromDayNumber(day);
  const month = Number(date.slice(5, 7));
  const firstMonth = month - ((month - 1) % 3);
  return toDayNumber(`${date.slice(0, 4)}-${String(firstMonth).padStart(2, '0')}-01`);
}

/** Right-skewed ACV: log-normal around 14k, clamped to 2k..100k like the sample data. */
function demoAmount(random: Random): number {
  const amount = Math.exp(Math.log(14_000) + 0.9 * normal(random));
  return Math.round(Math.min(100_000, Math.max(2_000, amount)));
}

export function validateDemoOptions(options: DemoOptions): string[] {
  const problems: string[] = [];
  const start = toDayNumber(options.start);
  const end = toDayNumber(options.end);
  if (Number.isNaN(start)) problems.push(`start ${options.start} is not a date`);
  if (Number.isNaN(end)) problems.push(`end ${options.end} is not a date`);
  if (end - start < OPEN_WINDOW_DAYS + MAX_CYCLE) {
    problems.push(`the date range must span at least ${OPEN_WINDOW_DAYS + MAX_CYCLE} days`);
  }
  if (!Number.isInteger(options.deals) || options.deals < 1) problems.push('deals must be >= 1');
  if (!Number.isInteger(options.reps) || options.reps < 2) problems.push('reps must be >= 2');
  if (!(options.openShare >= 0 && options.openShare < 1))
    problems.push('openShare must be in [0, 1)');
  if (!(options.baseWinRate > 0 && options.baseWinRate < 1)) {
    problems.push('baseWinRate must be in (0, 1)');
  }
  return problems;
}

const repIds = (count: number) => Array.from({ length: count }, (_, i) => `rep_${i + 1}`);

/** The planted rep × industry log-odds shifts: the generator's first draws. */
function drawSkill(random: Random, reps: string[], effects: DemoEffects): Map<string, number> {
  const skill = new Map<string, number>();
  for (const rep of reps) {
    for (const industry of DEMO_INDUSTRIES) {
      skill.set(`${rep}|${industry}`, effects.repIndustrySkillSd * normal(random));
    }
  }
  return skill;
}

/**
 * The true win probability of each `rep|industry` before the time effects (the lead-source
 * drop and the slow decline move every rep alike, so they cancel in a difference between
 * two reps): what a calibration check compares an estimated fit difference with.
 */
export function demoTrueWinRates(options: DemoOptions): Map<string, number> {
  const skill = drawSkill(seededRandom(options.seed), repIds(options.reps), options.effects);
  const base = logit(options.baseWinRate);
  return new Map([...skill].map(([key, shift]) => [key, sigmoid(base + shift)]));
}

/**
 * Yields `options.deals` deals in id order. Deterministic for the same options.
 * Closed deals close on or before `end`; open deals were created in its last 120 days.
 */
export function* generateDemoDeals(options: DemoOptions): Generator<Deal> {
  const problems = validateDemoOptions(options);
  if (problems.length > 0) throw new RangeError(problems.join('; '));
  const random = seededRandom(options.seed);
  const { effects } = options;
  const start = toDayNumber(options.start);
  const end = toDayNumber(options.end);
  const latestQuarter = quarterStart(end);
  const reps = repIds(options.reps);
  const skill = drawSkill(random, reps, effects);
  const idWidth = Math.max(5, String(options.deals).length);
  const dayCache = new Map<number, string>();
  const dateOf = (day: number): string => {
    let text = dayCache.get(day);
    if (text === undefined) {
      text = fromDayNumber(day);
      dayCache.set(day, text);
    }
    return text;
  };

  for (let i = 1; i <= options.deals; i++) {
    const repId = pick(random, reps);
    const industry = pick(random, DEMO_INDUSTRIES);
    const region = pick(random, DEMO_REGIONS);
    const product = pick(random, DEMO_PRODUCTS);
    const leadSource = pick(random, DEMO_LEAD_SOURCES);
    const amount = demoAmount(random);
    const cycle = randomInt(random, MIN_CYCLE, MAX_CYCLE);
    const open = random() < options.openShare;
    const id = `D${String(i).padStart(idWidth, '0')}`;
    if (open) {
      const created = end - randomInt(random, 0, OPEN_WINDOW_DAYS);
      yield {
        id,
        createdDate: dateOf(created),
        closedDate: null,
        assignedDate: null,
        repId,
        industry,
        region,
        product,
        leadSource,
        stage: pick(random, OPEN_STAGES),
        amount,
        cycleDays: null,
        outcome: null,
      };
      continue;
    }
    const created = randomInt(random, start, end - cycle);
    const closed = created + cycle;
    // Skill acts on the log-odds (a multiplicative effect); the drop and the decline are
    // stated in percentage points, so they act on the probability.
    let p = sigmoid(logit(options.baseWinRate) + (skill.get(`${repId}|${industry}`) ?? 0));
    p -= (effects.slowDeclinePp / 100) * ((closed - start) / (end - start));
    if (closed >= latestQuarter && leadSource === effects.leadSourceDropSource) {
      p -= effects.leadSourceDropPp / 100;
    }
    const won = random() < Math.min(0.99, Math.max(0.01, p));
    yield {
      id,
      createdDate: dateOf(created),
      closedDate: dateOf(closed),
      assignedDate: null,
      repId,
      industry,
      region,
      product,
      leadSource,
      stage: 'Closed',
      amount,
      cycleDays: cycle,
      outcome: won ? 'won' : 'lost',
    };
  }
}
