import {
  DEFAULT_DEMO_OPTIONS,
  DEFAULT_EFFECTS,
  type DemoEffects,
  type DemoOptions,
  NO_EFFECTS,
} from '../domain/demo-deals.js';
import { writeDemoCsv } from '../local/demo-file.js';
import { type Command, emit, UsageError } from './command.js';

const EFFECT_NAMES = ['skill', 'lead-drop', 'decline'] as const;

/** `--effects all|none|skill,lead-drop,decline` -> the effect sizes to plant. */
export function parseEffects(text: string): DemoEffects {
  if (text === 'all') return DEFAULT_EFFECTS;
  if (text === 'none') return NO_EFFECTS;
  const names = text.split(',').map((s) => s.trim());
  const unknown = names.filter((n) => !(EFFECT_NAMES as readonly string[]).includes(n));
  if (unknown.length > 0) {
    throw new UsageError(
      `unknown effect "${unknown[0]}": use all, none or a list of ${EFFECT_NAMES.join(', ')}`,
    );
  }
  return {
    ...NO_EFFECTS,
    repIndustrySkillSd: names.includes('skill') ? DEFAULT_EFFECTS.repIndustrySkillSd : 0,
    leadSourceDropPp: names.includes('lead-drop') ? DEFAULT_EFFECTS.leadSourceDropPp : 0,
    slowDeclinePp: names.includes('decline') ? DEFAULT_EFFECTS.slowDeclinePp : 0,
  };
}

function numberOption(value: unknown, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new UsageError(`--${name} must be a number, got "${value}"`);
  return n;
}

export const generateCommand: Command = {
  path: ['generate'],
  summary: 'Write deterministic demo deals in the canonical CSV format',
  usage:
    'generate --out FILE [--deals N] [--seed S] [--reps R] [--start DATE] [--end DATE] [--open-share F] [--effects LIST]',
  help: `Options:
  --out FILE         where to write the CSV (required)
  --deals N          number of deals (default ${DEFAULT_DEMO_OPTIONS.deals}; millions stream in bounded memory)
  --seed S           random seed: the same options and seed give the same file (default ${DEFAULT_DEMO_OPTIONS.seed})
  --reps R           number of reps rep_1..rep_R (default ${DEFAULT_DEMO_OPTIONS.reps})
  --start DATE       first created date (default ${DEFAULT_DEMO_OPTIONS.start})
  --end DATE         data as-of date: nothing is created or closed later (default ${DEFAULT_DEMO_OPTIONS.end})
  --open-share F     share of deals still open at --end, created in its last 120 days (default ${DEFAULT_DEMO_OPTIONS.openShare})
  --base-rate P      win probability before effects (default ${DEFAULT_DEMO_OPTIONS.baseWinRate})
  --effects LIST     planted signals: all (default), none (pure noise around the base rate),
                     or a comma list of:
                       skill      true rep x industry skill (log-odds sd ${DEFAULT_EFFECTS.repIndustrySkillSd})
                       lead-drop  ${DEFAULT_EFFECTS.leadSourceDropSource} win rate ${DEFAULT_EFFECTS.leadSourceDropPp}pp lower in the latest quarter
                       decline    overall win rate falls ${DEFAULT_EFFECTS.slowDeclinePp}pp from start to end

Example:
  dealfit generate --out big_deals_1m.csv --deals 1000000 --seed 7 --effects none`,
  options: {
    out: { type: 'string' },
    deals: { type: 'string' },
    seed: { type: 'string' },
    reps: { type: 'string' },
    start: { type: 'string' },
    end: { type: 'string' },
    'open-share': { type: 'string' },
    'base-rate': { type: 'string' },
    effects: { type: 'string' },
  },
  async run(ctx) {
    const v = ctx.values;
    if (typeof v.out !== 'string' || v.out === '') throw new UsageError('--out FILE is required');
    const options: DemoOptions = {
      seed: numberOption(v.seed, 'seed', DEFAULT_DEMO_OPTIONS.seed),
      deals: numberOption(v.deals, 'deals', DEFAULT_DEMO_OPTIONS.deals),
      reps: numberOption(v.reps, 'reps', DEFAULT_DEMO_OPTIONS.reps),
      start: typeof v.start === 'string' ? v.start : DEFAULT_DEMO_OPTIONS.start,
      end: typeof v.end === 'string' ? v.end : DEFAULT_DEMO_OPTIONS.end,
      openShare: numberOption(v['open-share'], 'open-share', DEFAULT_DEMO_OPTIONS.openShare),
      baseWinRate: numberOption(v['base-rate'], 'base-rate', DEFAULT_DEMO_OPTIONS.baseWinRate),
      effects: typeof v.effects === 'string' ? parseEffects(v.effects) : DEFAULT_EFFECTS,
    };
    let summary: Awaited<ReturnType<typeof writeDemoCsv>>;
    try {
      summary = await writeDemoCsv(v.out, options);
    } catch (error) {
      if (error instanceof RangeError) throw new UsageError(error.message);
      throw error;
    }
    emit(
      ctx,
      { ...summary, effects: options.effects },
      () =>
        `wrote ${summary.deals} deals to ${summary.file} (${summary.closed} closed, ${summary.won} won, ${summary.open} open), data as of ${summary.dataAsOf}, seed ${summary.seed}`,
    );
    return 0;
  },
};
