// Questions the way sales leaders type them in Slack, each with the reading a correct parser
// must produce. Written from the rules alone, apart from the parser, so the parser cannot
// shape the questions. Dates are relative to AS_OF (a Sunday, in Q2 2024).
import type { Period, Understood } from '../../../src/app/conversation/understood.js';

export interface CorpusEntry {
  /** earlier questions in the same thread, oldest first (follow-ups); absent = a fresh question */
  thread?: string[];
  question: string;
  /** only the keys that matter; every key of Understood not given is expected at its default */
  expected: Partial<Understood>;
}

export const AS_OF = '2024-06-30';

const p = (from: string, to: string): Period => ({ from, to });

// Quarters, halves, years
const Q2_2023 = p('2023-04-01', '2023-06-30');
const Q3_2023 = p('2023-07-01', '2023-09-30');
const Q4_2023 = p('2023-10-01', '2023-12-31');
const Q1_2024 = p('2024-01-01', '2024-03-31');
const Q2_2024 = p('2024-04-01', '2024-06-30');
const H1_2023 = p('2023-01-01', '2023-06-30');
const H2_2023 = p('2023-07-01', '2023-12-31');
const H1_2024 = p('2024-01-01', '2024-06-30');
const YTD_2024 = p('2024-01-01', '2024-06-30');
const Y2022 = p('2022-01-01', '2022-12-31');
const Y2023 = p('2023-01-01', '2023-12-31');
// Months (the latest one that has started by AS_OF)
const JUL_2023 = p('2023-07-01', '2023-07-31');
const NOV_2023 = p('2023-11-01', '2023-11-30');
const DEC_2023 = p('2023-12-01', '2023-12-31');
const FEB_2024 = p('2024-02-01', '2024-02-29');
const MAR_2024 = p('2024-03-01', '2024-03-31');
const APR_2024 = p('2024-04-01', '2024-04-30');
const MAY_2024 = p('2024-05-01', '2024-05-31');
const JUN_2024 = p('2024-06-01', '2024-06-30');
// Rolling windows: (AS_OF - N, AS_OF], and the same length just before
const LAST_14D = p('2024-06-17', '2024-06-30');
const PREV_14D = p('2024-06-03', '2024-06-16');
const LAST_30D = p('2024-06-01', '2024-06-30');
const PREV_30D = p('2024-05-02', '2024-05-31');
const LAST_6W = p('2024-05-20', '2024-06-30');
const LAST_60D = p('2024-05-02', '2024-06-30');
const LAST_90D = p('2024-04-02', '2024-06-30');
const PREV_90D = p('2024-01-03', '2024-04-01');
const LAST_3M = p('2024-03-31', '2024-06-30');
const LAST_6M = p('2023-12-31', '2024-06-30');
// Open-ended "since ..."
const SINCE_MAR = p('2024-03-01', '2024-06-30');
/** asOf 2024-06-30 is a Sunday: the Monday before it */
const SINCE_MON = p('2024-06-24', '2024-06-30');
const SINCE_APR = p('2024-04-01', '2024-06-30');
const SINCE_JAN_15 = p('2024-01-15', '2024-06-30');

export const CORPUS: CorpusEntry[] = [
  // ---------------------------------------------------------------- winrate
  { question: "what's our win rate?", expected: { intent: 'winrate' } },
  {
    question: 'hey dealfit, how are we doing this quarter?',
    expected: { intent: 'winrate', period: Q2_2024 },
  },
  {
    question: '<@U0DEALFIT> win rate in SaaS',
    expected: { intent: 'winrate', filters: { industry: 'SaaS' } },
  },
  {
    question: 'close rate for fintech last quarter',
    expected: { intent: 'winrate', filters: { industry: 'FinTech' }, period: Q1_2024 },
  },
  { question: "how's APAC looking", expected: { intent: 'winrate', filters: { region: 'APAC' } } },
  { question: 'win rate by region', expected: { intent: 'winrate', groupBy: 'region' } },
  {
    question: 'conversion per industry this year',
    expected: { intent: 'winrate', groupBy: 'industry', period: YTD_2024 },
  },
  { question: 'which industry is best?', expected: { intent: 'winrate', groupBy: 'industry' } },
  {
    question: 'hit rate on inbound leads',
    expected: { intent: 'winrate', filters: { leadSource: 'Inbound' } },
  },
  {
    question: 'win rate for referrals in Q1',
    expected: { intent: 'winrate', filters: { leadSource: 'Referral' }, period: Q1_2024 },
  },
  {
    question: 'how are we doing w/ partners in europe',
    expected: { intent: 'winrate', filters: { leadSource: 'Partner', region: 'Europe' } },
  },
  {
    question: 'enterprise plan win rate this quarter vs last quarter',
    expected: {
      intent: 'winrate',
      filters: { product: 'Enterprise' },
      period: Q2_2024,
      compareTo: Q1_2024,
    },
  },
  {
    question: 'win rate across products in 2023',
    expected: { intent: 'winrate', groupBy: 'product', period: Y2023 },
  },
  {
    question: "what's the close rate for each rep",
    expected: { intent: 'winrate', groupBy: 'rep' },
  },
  {
    question: 'win rate broken down by lead source, last 90 days',
    expected: { intent: 'winrate', groupBy: 'leadSource', period: LAST_90D },
  },
  {
    question: 'how did north america do in Q3 2023',
    expected: { intent: 'winrate', filters: { region: 'North America' }, period: Q3_2023 },
  },
  {
    question: 'Healthtech win rate, H1 2024',
    expected: { intent: 'winrate', filters: { industry: 'HealthTech' }, period: H1_2024 },
  },
  {
    question: 'edtech conversion in H2 2023 compared to H1 2023',
    expected: {
      intent: 'winrate',
      filters: { industry: 'EdTech' },
      period: H2_2023,
      compareTo: H1_2023,
    },
  },
  { question: 'win rate in march', expected: { intent: 'winrate', period: MAR_2024 } },
  { question: 'how were we doing in July?', expected: { intent: 'winrate', period: JUL_2023 } },
  { question: 'win rate since March', expected: { intent: 'winrate', period: SINCE_MAR } },
  { question: 'win rate since Monday', expected: { intent: 'winrate', period: SINCE_MON } },
  { question: 'Can I see March numbers?', expected: { intent: 'winrate', period: MAR_2024 } },
  {
    question: 'win rate this quarter vs last?',
    expected: { intent: 'winrate', period: Q2_2024, compareTo: Q1_2024 },
  },
  {
    question: 'win rate FY23 vs FY22',
    expected: { intent: 'winrate', period: Y2023, compareTo: Y2022 },
  },
  // deals already closed: the win rate counts them, the open-deal list has none of them
  {
    question: 'are we losing deals in APAC?',
    expected: { intent: 'winrate', filters: { region: 'APAC' } },
  },
  {
    question: 'how many deals did we close in Q1?',
    expected: { intent: 'winrate', period: Q1_2024 },
  },
  {
    question: 'show me the deals we lost in APAC last quarter',
    expected: { intent: 'winrate', filters: { region: 'APAC' }, period: Q1_2024 },
  },
  {
    question: 'how are we doing in March vs February?',
    expected: { intent: 'winrate', period: MAR_2024, compareTo: FEB_2024 },
  },
  {
    question: 'close rate in may compared to april',
    expected: { intent: 'winrate', period: MAY_2024, compareTo: APR_2024 },
  },
  {
    question: 'close rate since Jan 15 for Pro',
    expected: { intent: 'winrate', filters: { product: 'Pro' }, period: SINCE_JAN_15 },
  },
  { question: 'win rate last 30 days 🙏', expected: { intent: 'winrate', period: LAST_30D } },
  {
    question: 'conversion last 6 weeks in India',
    expected: { intent: 'winrate', filters: { region: 'India' }, period: LAST_6W },
  },
  {
    question: 'win rate last 3 months by industry',
    expected: { intent: 'winrate', groupBy: 'industry', period: LAST_3M },
  },
  {
    question: 'YTD win rate for Core',
    expected: { intent: 'winrate', filters: { product: 'Core' }, period: YTD_2024 },
  },
  {
    question: 'win rate this year versus last year',
    expected: { intent: 'winrate', period: YTD_2024, compareTo: Y2023 },
  },
  { question: "last month's win rate pls", expected: { intent: 'winrate', period: MAY_2024 } },
  { question: 'how are we doing this month', expected: { intent: 'winrate', period: JUN_2024 } },
  {
    question: 'win rate between March 1 and April 15',
    expected: { intent: 'winrate', period: p('2024-03-01', '2024-04-15') },
  },
  {
    question: 'win rate from 2024-02-01 to 2024-03-15 in Ecommerce',
    expected: {
      intent: 'winrate',
      filters: { industry: 'Ecommerce' },
      period: p('2024-02-01', '2024-03-15'),
    },
  },
  {
    question: 'win rate on deals over $40k',
    expected: { intent: 'winrate', filters: { minAmount: 40000 } },
  },
  {
    question: 'close rate for deals under $10k',
    expected: { intent: 'winrate', filters: { maxAmount: 10000 } },
  },
  {
    question: 'win rate on $10k-$50k deals in SaaS',
    expected: {
      intent: 'winrate',
      filters: { industry: 'SaaS', minAmount: 10000, maxAmount: 50000 },
    },
  },
  {
    question: "what's dana's win rate",
    expected: { intent: 'winrate', filters: { rep: 'rep_19' } },
  },
  {
    question: 'win rate for <@U0SAM> this quarter',
    expected: { intent: 'winrate', filters: { rep: 'rep_7' }, period: Q2_2024 },
  },
  {
    question: 'Priya Nair win rate in FinTech',
    expected: { intent: 'winrate', filters: { rep: 'rep_12', industry: 'FinTech' } },
  },
  {
    question: 'rep_3 close rate by product',
    expected: { intent: 'winrate', filters: { rep: 'rep_3' }, groupBy: 'product' },
  },
  { question: 'which region is best?', expected: { intent: 'winrate', groupBy: 'region' } },
  {
    question: 'which lead source converts best this year',
    expected: { intent: 'winrate', groupBy: 'leadSource', period: YTD_2024 },
  },
  { question: 'win rate in the first quarter', expected: { intent: 'winrate', period: Q1_2024 } },
  {
    question: '2024 Q1 win rate for outbound',
    expected: { intent: 'winrate', filters: { leadSource: 'Outbound' }, period: Q1_2024 },
  },
  { question: 'win rate in Q4', expected: { intent: 'winrate', period: Q4_2023 } },
  {
    question: 'how did Fin Tech do in 2023 vs 2022',
    expected: {
      intent: 'winrate',
      filters: { industry: 'FinTech' },
      period: Y2023,
      compareTo: Y2022,
    },
  },
  {
    question: 'win rate past 90 days compared to Q1',
    expected: { intent: 'winrate', period: LAST_90D, compareTo: Q1_2024 },
  },
  {
    question: 'is YTD conversion better than last year?',
    expected: { intent: 'winrate', period: YTD_2024, compareTo: Y2023 },
  },
  {
    question: 'conversion for enterprise deals above 40,000 in europe',
    expected: {
      intent: 'winrate',
      filters: { product: 'Enterprise', region: 'Europe', minAmount: 40000 },
    },
  },
  {
    question: 'win rate for deals > $1.5M',
    expected: { intent: 'winrate', filters: { minAmount: 1500000 } },
  },
  {
    question: "hey dealfit :chart_with_upwards_trend: how's healthtech looking in north america?",
    expected: { intent: 'winrate', filters: { industry: 'HealthTech', region: 'North America' } },
  },
  {
    question: 'win rate per region for inbound, last quarter',
    expected: {
      intent: 'winrate',
      filters: { leadSource: 'Inbound' },
      groupBy: 'region',
      period: Q1_2024,
    },
  },
  {
    question: 'conversion rate in the APAC team since April',
    expected: { intent: 'winrate', filters: { region: 'APAC' }, period: SINCE_APR },
  },
  { question: 'win rate in feb', expected: { intent: 'winrate', period: FEB_2024 } },
  {
    question: 'SaaS win rate in December',
    expected: { intent: 'winrate', filters: { industry: 'SaaS' }, period: DEC_2023 },
  },
  {
    question: 'win rate for 40k+ deals by industry',
    expected: { intent: 'winrate', filters: { minAmount: 40000 }, groupBy: 'industry' },
  },
  {
    question: 'referral win rate first half',
    expected: { intent: 'winrate', filters: { leadSource: 'Referral' }, period: H1_2024 },
  },
  {
    question: 'india win rate last year',
    expected: { intent: 'winrate', filters: { region: 'India' }, period: Y2023 },
  },
  {
    question: 'whats the win rate in Q2 for the Pro plan',
    expected: { intent: 'winrate', filters: { product: 'Pro' }, period: Q2_2024 },
  },

  // ---------------------------------------------------------------- why
  { question: 'why did win rate drop?', expected: { intent: 'why' } },
  {
    question: 'why did SaaS drop last quarter',
    expected: { intent: 'why', filters: { industry: 'SaaS' }, period: Q1_2024, compareTo: Q4_2023 },
  },
  {
    question: "what's driving the dip in Europe this quarter",
    expected: { intent: 'why', filters: { region: 'Europe' }, period: Q2_2024, compareTo: Q1_2024 },
  },
  {
    question: 'what changed in fintech last month?',
    expected: {
      intent: 'why',
      filters: { industry: 'FinTech' },
      period: MAY_2024,
      compareTo: APR_2024,
    },
  },
  { question: 'explain the dip in APAC', expected: { intent: 'why', filters: { region: 'APAC' } } },
  {
    question: 'why did healthtech go up in 2023',
    expected: {
      intent: 'why',
      filters: { industry: 'HealthTech' },
      period: Y2023,
      compareTo: Y2022,
    },
  },
  {
    question: 'why is win rate down last 30 days :chart_with_downwards_trend:',
    expected: { intent: 'why', period: LAST_30D, compareTo: PREV_30D },
  },
  {
    question: 'why did enterprise tank in Q3 2023',
    expected: {
      intent: 'why',
      filters: { product: 'Enterprise' },
      period: Q3_2023,
      compareTo: Q2_2023,
    },
  },
  {
    question: 'why is outbound down this year vs last year',
    expected: {
      intent: 'why',
      filters: { leadSource: 'Outbound' },
      period: YTD_2024,
      compareTo: Y2023,
    },
  },
  {
    question: 'why did referral conversion go up in June?',
    expected: {
      intent: 'why',
      filters: { leadSource: 'Referral' },
      period: JUN_2024,
      compareTo: MAY_2024,
    },
  },
  {
    question: "what's driving the drop for rep_19",
    expected: { intent: 'why', filters: { rep: 'rep_19' } },
  },
  {
    question: 'why is India up this quarter compared to Q3 2023',
    expected: { intent: 'why', filters: { region: 'India' }, period: Q2_2024, compareTo: Q3_2023 },
  },
  {
    question: 'what changed in march for edtech?',
    expected: {
      intent: 'why',
      filters: { industry: 'EdTech' },
      period: MAR_2024,
      compareTo: FEB_2024,
    },
  },
  {
    question: 'explain the drop in partner deals last quarter',
    expected: {
      intent: 'why',
      filters: { leadSource: 'Partner' },
      period: Q1_2024,
      compareTo: Q4_2023,
    },
  },
  {
    question: 'why did win rate go up in the last 2 weeks',
    expected: { intent: 'why', period: LAST_14D, compareTo: PREV_14D },
  },
  {
    question: 'why are we worse in north america in Q1 than in Q4',
    expected: {
      intent: 'why',
      filters: { region: 'North America' },
      period: Q1_2024,
      compareTo: Q4_2023,
    },
  },
  {
    question: 'why did Pro drop in the past 90 days?',
    expected: { intent: 'why', filters: { product: 'Pro' }, period: LAST_90D, compareTo: PREV_90D },
  },
  {
    question: 'why did core deals in europe drop last month',
    expected: {
      intent: 'why',
      filters: { product: 'Core', region: 'Europe' },
      period: MAY_2024,
      compareTo: APR_2024,
    },
  },
  {
    question: "what's driving ecommerce lately",
    expected: { intent: 'why', filters: { industry: 'Ecommerce' } },
  },
  {
    question: 'hey dealfit why did we dip in December?',
    expected: { intent: 'why', period: DEC_2023, compareTo: NOV_2023 },
  },
  {
    question: "why did Dana's win rate drop this quarter",
    expected: { intent: 'why', filters: { rep: 'rep_19' }, period: Q2_2024, compareTo: Q1_2024 },
  },

  // ---------------------------------------------------------------- deal
  { question: 'what about D00042', expected: { intent: 'deal', dealId: 'D00042' } },
  { question: 'rsfs D42', expected: { intent: 'deal', dealId: 'D00042' } },
  { question: 'tell me about deal 1234', expected: { intent: 'deal', dealId: 'D01234' } },
  { question: 'd17?', expected: { intent: 'deal', dealId: 'D00017' } },
  { question: '<@U0DEALFIT> D-00321', expected: { intent: 'deal', dealId: 'D00321' } },
  { question: 'can you pull up deal 7', expected: { intent: 'deal', dealId: 'D00007' } },
  { question: "what's going on with D00999", expected: { intent: 'deal', dealId: 'D00999' } },
  { question: 'why is D00123 scored so low?', expected: { intent: 'deal', dealId: 'D00123' } },
  { question: 'is deal 5050 a good fit?', expected: { intent: 'deal', dealId: 'D05050' } },
  { question: 'status on D12345 pls', expected: { intent: 'deal', dealId: 'D12345' } },
  { question: 'whats the score on D00500', expected: { intent: 'deal', dealId: 'D00500' } },
  { question: 'dealfit, look at d305', expected: { intent: 'deal', dealId: 'D00305' } },
  { question: 'thoughts on deal 42 🙏', expected: { intent: 'deal', dealId: 'D00042' } },
  { question: 'fit score for D-04321?', expected: { intent: 'deal', dealId: 'D04321' } },
  { question: 'deal 99999', expected: { intent: 'deal', dealId: 'D99999' } },

  // ---------------------------------------------------------------- rep
  { question: 'how is rep_19 doing', expected: { intent: 'rep', filters: { rep: 'rep_19' } } },
  { question: "how's Dana doing?", expected: { intent: 'rep', filters: { rep: 'rep_19' } } },
  {
    question: 'how is dana doing in HealthTech',
    expected: { intent: 'rep', filters: { rep: 'rep_19', industry: 'HealthTech' } },
  },
  {
    question: "how's <@U0SAM> doing this quarter",
    expected: { intent: 'rep', filters: { rep: 'rep_7' }, period: Q2_2024 },
  },
  { question: 'how is Priya doing', expected: { intent: 'rep', filters: { rep: 'rep_12' } } },
  {
    question: 'how is Sam Ortiz doing with enterprise deals',
    expected: { intent: 'rep', filters: { rep: 'rep_7', product: 'Enterprise' } },
  },
  { question: 'hows rep_3 doing lately', expected: { intent: 'rep', filters: { rep: 'rep_3' } } },
  {
    question: 'how is Dana Whitfield doing in Europe last quarter',
    expected: { intent: 'rep', filters: { rep: 'rep_19', region: 'Europe' }, period: Q1_2024 },
  },
  {
    question: "how's <@U0PRIYA> doing on inbound",
    expected: { intent: 'rep', filters: { rep: 'rep_12', leadSource: 'Inbound' } },
  },
  {
    question: 'how is rep_25 doing in 2023',
    expected: { intent: 'rep', filters: { rep: 'rep_25' }, period: Y2023 },
  },
  {
    question: 'how is rep_1 doing with fintech',
    expected: { intent: 'rep', filters: { rep: 'rep_1', industry: 'FinTech' } },
  },
  {
    question: "how's sam doing since march",
    expected: { intent: 'rep', filters: { rep: 'rep_7' }, period: SINCE_MAR },
  },
  {
    question: 'hey dealfit how is rep_11 doing on deals over $20k',
    expected: { intent: 'rep', filters: { rep: 'rep_11', minAmount: 20000 } },
  },
  {
    question: "how's priya nair doing in APAC",
    expected: { intent: 'rep', filters: { rep: 'rep_12', region: 'APAC' } },
  },
  {
    question: 'how is <@U0DANA> doing this month',
    expected: { intent: 'rep', filters: { rep: 'rep_19' }, period: JUN_2024 },
  },
  {
    question: 'how is rep_8 doing on the Pro plan',
    expected: { intent: 'rep', filters: { rep: 'rep_8', product: 'Pro' } },
  },
  {
    question: "how's rep_14 doing in H1 2024",
    expected: { intent: 'rep', filters: { rep: 'rep_14' }, period: H1_2024 },
  },
  {
    question: 'quick one: how is dana doing with referrals',
    expected: { intent: 'rep', filters: { rep: 'rep_19', leadSource: 'Referral' } },
  },
  {
    question: 'how is rep_22 doing in SaaS, north america',
    expected: {
      intent: 'rep',
      filters: { rep: 'rep_22', industry: 'SaaS', region: 'North America' },
    },
  },
  {
    question: "how's rep_5 been doing the last 60 days?",
    expected: { intent: 'rep', filters: { rep: 'rep_5' }, period: LAST_60D },
  },
  {
    question: 'how is Sam doing in EdTech in Q1',
    expected: { intent: 'rep', filters: { rep: 'rep_7', industry: 'EdTech' }, period: Q1_2024 },
  },

  // ---------------------------------------------------------------- deals
  {
    question: 'show me RED deals in SaaS over $40k',
    expected: { intent: 'deals', filters: { flag: 'RED', industry: 'SaaS', minAmount: 40000 } },
  },
  { question: 'at-risk deals', expected: { intent: 'deals', filters: { flag: 'RED' } } },
  { question: 'list stuck deals', expected: { intent: 'deals' } },
  {
    question: 'which deals are risky in europe',
    expected: { intent: 'deals', filters: { flag: 'RED', region: 'Europe' } },
  },
  {
    question: 'low fit deals in fintech',
    expected: { intent: 'deals', filters: { flag: 'RED', industry: 'FinTech' } },
  },
  { question: 'show yellow deals', expected: { intent: 'deals', filters: { flag: 'YELLOW' } } },
  {
    question: 'green deals in APAC above 40,000',
    expected: { intent: 'deals', filters: { flag: 'GREEN', region: 'APAC', minAmount: 40000 } },
  },
  {
    question: 'deals older than 60 days',
    expected: { intent: 'deals', filters: { minAgeDays: 60 } },
  },
  {
    question: 'deals stuck for 45 days in healthtech',
    expected: { intent: 'deals', filters: { minAgeDays: 45, industry: 'HealthTech' } },
  },
  {
    question: 'list enterprise deals open more than 2 months',
    expected: { intent: 'deals', filters: { product: 'Enterprise', minAgeDays: 60 } },
  },
  {
    question: 'show deals aged 90+ days',
    expected: { intent: 'deals', filters: { minAgeDays: 90 } },
  },
  {
    question: 'RED deals under $10k',
    expected: { intent: 'deals', filters: { flag: 'RED', maxAmount: 10000 } },
  },
  {
    question: 'which deals over 60 days old are red?',
    expected: { intent: 'deals', filters: { flag: 'RED', minAgeDays: 60 } },
  },
  {
    question: 'show me deals between 10k and 50k from referrals',
    expected: {
      intent: 'deals',
      filters: { minAmount: 10000, maxAmount: 50000, leadSource: 'Referral' },
    },
  },
  { question: "list dana's deals", expected: { intent: 'deals', filters: { rep: 'rep_19' } } },
  {
    question: 'red deals for <@U0PRIYA>',
    expected: { intent: 'deals', filters: { flag: 'RED', rep: 'rep_12' } },
  },
  {
    question: 'show partner deals in india',
    expected: { intent: 'deals', filters: { leadSource: 'Partner', region: 'India' } },
  },
  {
    question: 'deals > 40k in edtech that are yellow',
    expected: {
      intent: 'deals',
      filters: { flag: 'YELLOW', industry: 'EdTech', minAmount: 40000 },
    },
  },
  {
    question: 'any at risk deals over $1.5M?',
    expected: { intent: 'deals', filters: { flag: 'RED', minAmount: 1500000 } },
  },
  {
    question: 'show ecommerce deals less than 10k',
    expected: { intent: 'deals', filters: { industry: 'Ecommerce', maxAmount: 10000 } },
  },
  {
    question: 'which deals are green on the Core plan',
    expected: { intent: 'deals', filters: { flag: 'GREEN', product: 'Core' } },
  },
  {
    question: 'list outbound deals stuck for 30 days',
    expected: { intent: 'deals', filters: { leadSource: 'Outbound', minAgeDays: 30 } },
  },
  {
    question: 'RED deals in north america, 40k+, older than 60 days',
    expected: {
      intent: 'deals',
      filters: { flag: 'RED', region: 'North America', minAmount: 40000, minAgeDays: 60 },
    },
  },
  {
    question: 'show risky Pro deals',
    expected: { intent: 'deals', filters: { flag: 'RED', product: 'Pro' } },
  },
  {
    question: 'deals for rep_9 open more than 3 months',
    expected: { intent: 'deals', filters: { rep: 'rep_9', minAgeDays: 90 } },
  },

  // ---------------------------------------------------------------- momentum
  { question: 'momentum?', expected: { intent: 'momentum' } },
  { question: 'which segments are slipping', expected: { intent: 'momentum' } },
  { question: "what's trending down", expected: { intent: 'momentum' } },
  {
    question: 'any bright spots this quarter?',
    expected: { intent: 'momentum', period: Q2_2024 },
  },
  {
    question: 'which segments are declining in europe',
    expected: { intent: 'momentum', filters: { region: 'Europe' } },
  },
  {
    question: "what's trending in APAC",
    expected: { intent: 'momentum', filters: { region: 'APAC' } },
  },
  {
    question: 'momentum for fintech',
    expected: { intent: 'momentum', filters: { industry: 'FinTech' } },
  },
  { question: 'where are we slipping?', expected: { intent: 'momentum' } },
  { question: 'any segments trending up? 🚀', expected: { intent: 'momentum' } },
  { question: 'bright spots pls', expected: { intent: 'momentum' } },
  {
    question: 'which segments declined the most in the last 30 days',
    expected: { intent: 'momentum', period: LAST_30D },
  },

  // ---------------------------------------------------------------- audit
  { question: 'rep audit', expected: { intent: 'audit' } },
  { question: 'who needs coaching?', expected: { intent: 'audit' } },
  { question: 'top performers', expected: { intent: 'audit' } },
  { question: 'who are our specialists', expected: { intent: 'audit' } },
  { question: 'audit for May', expected: { intent: 'audit', month: '2024-05' } },
  { question: 'the June audit pls', expected: { intent: 'audit', month: '2024-06' } },
  { question: 'run the rep audit for march', expected: { intent: 'audit', month: '2024-03' } },
  { question: 'hey dealfit who are the top performers? 🏆', expected: { intent: 'audit' } },
  { question: 'show the April audit', expected: { intent: 'audit', month: '2024-04' } },
  { question: 'which reps need coaching', expected: { intent: 'audit' } },
  { question: 'specialists audit for february', expected: { intent: 'audit', month: '2024-02' } },
  { question: 'rep audit for December', expected: { intent: 'audit', month: '2023-12' } },
  { question: "who's crushing it? top performers list", expected: { intent: 'audit' } },

  // ---------------------------------------------------------------- pipeline
  { question: 'pipeline?', expected: { intent: 'pipeline' } },
  {
    question: 'open pipeline in Europe',
    expected: { intent: 'pipeline', filters: { region: 'Europe' } },
  },
  { question: 'how much is open', expected: { intent: 'pipeline' } },
  { question: 'pipeline velocity', expected: { intent: 'pipeline' } },
  {
    question: 'how much is open in enterprise',
    expected: { intent: 'pipeline', filters: { product: 'Enterprise' } },
  },
  { question: 'pipeline by region', expected: { intent: 'pipeline', groupBy: 'region' } },
  {
    question: 'open pipeline for fintech over $40k',
    expected: { intent: 'pipeline', filters: { industry: 'FinTech', minAmount: 40000 } },
  },
  {
    question: "what's our velocity in APAC",
    expected: { intent: 'pipeline', filters: { region: 'APAC' } },
  },
  {
    question: 'how much pipeline does dana have',
    expected: { intent: 'pipeline', filters: { rep: 'rep_19' } },
  },
  {
    question: 'pipeline per industry in north america',
    expected: { intent: 'pipeline', filters: { region: 'North America' }, groupBy: 'industry' },
  },
  {
    question: 'how much is open from partners',
    expected: { intent: 'pipeline', filters: { leadSource: 'Partner' } },
  },
  {
    question: 'velocity for inbound deals',
    expected: { intent: 'pipeline', filters: { leadSource: 'Inbound' } },
  },
  {
    question: 'open pipeline across products',
    expected: { intent: 'pipeline', groupBy: 'product' },
  },

  // ---------------------------------------------------------------- coleads
  { question: 'co-lead proposals', expected: { intent: 'coleads' } },
  { question: 'any pending co-leads?', expected: { intent: 'coleads' } },
  { question: "who's paired with whom", expected: { intent: 'coleads' } },
  { question: 'show pairings', expected: { intent: 'coleads' } },
  { question: 'colead suggestions pls', expected: { intent: 'coleads' } },
  { question: 'what co-lead pairings are pending', expected: { intent: 'coleads' } },
  { question: 'hey dealfit any new co lead proposals? 🤝', expected: { intent: 'coleads' } },
  { question: 'list the pending pairings', expected: { intent: 'coleads' } },

  // ---------------------------------------------------------------- help
  { question: 'help', expected: { intent: 'help' } },
  { question: 'what can you do?', expected: { intent: 'help' } },
  { question: '?', expected: { intent: 'help' } },
  { question: 'how do I use this', expected: { intent: 'help' } },
  { question: '<@U0DEALFIT> help', expected: { intent: 'help' } },
  { question: 'hey dealfit, what can u do', expected: { intent: 'help' } },
  { question: 'help pls 🙏', expected: { intent: 'help' } },
  { question: 'what kind of questions can I ask?', expected: { intent: 'help' } },

  // ---------------------------------------------------------------- unknown / out of scope
  { question: 'will we hit quota?', expected: { intent: 'unknown', outOfScope: true } },
  { question: 'forecast Q3', expected: { intent: 'unknown', outOfScope: true } },
  { question: "what's our churn?", expected: { intent: 'unknown', outOfScope: true } },
  {
    question: "predict next quarter's revenue",
    expected: { intent: 'unknown', outOfScope: true },
  },
  {
    question: 'how many calls did Dana make?',
    expected: { intent: 'unknown', outOfScope: true },
  },
  { question: "what's our NPS", expected: { intent: 'unknown', outOfScope: true } },
  {
    question: 'how many demos did the team run',
    expected: { intent: 'unknown', outOfScope: true },
  },
  { question: "what's our ARR right now", expected: { intent: 'unknown', outOfScope: true } },
  { question: 'are we gonna make the number?', expected: { intent: 'unknown', outOfScope: true } },
  { question: 'how many emails went out', expected: { intent: 'unknown', outOfScope: true } },
  { question: "what's our CAC payback", expected: { intent: 'unknown', outOfScope: true } },
  {
    question: 'which customers are likely to churn next',
    expected: { intent: 'unknown', outOfScope: true },
  },
  { question: 'asdfgh', expected: { intent: 'unknown' } },
  { question: 'lol ok', expected: { intent: 'unknown' } },
  { question: 'good morning team 👋', expected: { intent: 'unknown' } },

  // ---------------------------------------------------------------- notFound / corrected
  { question: 'win rate in EMEA', expected: { intent: 'winrate', notFound: ['EMEA'] } },
  {
    question: 'how are we doing in Narnia?',
    expected: { intent: 'winrate', notFound: ['Narnia'] },
  },
  { question: 'win rate for Biotech', expected: { intent: 'winrate', notFound: ['Biotech'] } },
  // a name where a subject goes, and capitals that make a name of a short word
  { question: 'how is Narnia doing?', expected: { intent: 'winrate', notFound: ['Narnia'] } },
  { question: "how's the UK doing?", expected: { intent: 'winrate', notFound: ['UK'] } },
  { question: 'pipeline for the US team', expected: { intent: 'pipeline', notFound: ['US'] } },
  { question: 'WIN RATE IN APAC', expected: { intent: 'winrate', filters: { region: 'APAC' } } },
  { question: "how's bob performing?", expected: { intent: 'winrate', notFound: ['bob'] } },
  { question: 'how are new logos doing', expected: { intent: 'winrate', notFound: ['logos'] } },
  { question: 'how is narnia doing', expected: { intent: 'winrate', notFound: ['narnia'] } },
  // leaving a value out is no figure dealfit has: never SaaS's own instead
  { question: 'win rate excluding SaaS', expected: { intent: 'unknown', excluded: ['SaaS'] } },
  {
    question: 'pipeline outside of europe this quarter',
    expected: { intent: 'unknown', excluded: ['Europe'] },
  },
  {
    question: 'win rate without fintec',
    expected: {
      intent: 'unknown',
      excluded: ['FinTech'],
      corrected: [{ from: 'fintec', to: 'FinTech' }],
    },
  },
  { question: "what's our ARR this year?", expected: { intent: 'unknown', outOfScope: true } },
  {
    question: 'close rate in LATAM last quarter',
    expected: { intent: 'winrate', notFound: ['LATAM'], period: Q1_2024 },
  },
  {
    question: 'fintec win rate',
    expected: {
      intent: 'winrate',
      filters: { industry: 'FinTech' },
      corrected: [{ from: 'fintec', to: 'FinTech' }],
    },
  },
  {
    question: 'helthtech deals over 50k',
    expected: {
      intent: 'deals',
      filters: { industry: 'HealthTech', minAmount: 50000 },
      corrected: [{ from: 'helthtech', to: 'HealthTech' }],
    },
  },
  {
    question: 'open pipeline in Eurpoe',
    expected: {
      intent: 'pipeline',
      filters: { region: 'Europe' },
      corrected: [{ from: 'Eurpoe', to: 'Europe' }],
    },
  },
  {
    question: 'how is rep_19 doing in Edtek',
    expected: {
      intent: 'rep',
      filters: { rep: 'rep_19', industry: 'EdTech' },
      corrected: [{ from: 'Edtek', to: 'EdTech' }],
    },
  },
  {
    question: 'refferal win rate this quarter',
    expected: {
      intent: 'winrate',
      filters: { leadSource: 'Referral' },
      period: Q2_2024,
      corrected: [{ from: 'refferal', to: 'Referral' }],
    },
  },
  {
    question: 'show me Enterprize deals that are red',
    expected: {
      intent: 'deals',
      filters: { product: 'Enterprise', flag: 'RED' },
      corrected: [{ from: 'Enterprize', to: 'Enterprise' }],
    },
  },
  {
    question: 'why did outbond conversion drop last month',
    expected: {
      intent: 'why',
      filters: { leadSource: 'Outbound' },
      period: MAY_2024,
      compareTo: APR_2024,
      corrected: [{ from: 'outbond', to: 'Outbound' }],
    },
  },
  {
    question: 'momentum in Antarctica',
    expected: { intent: 'momentum', notFound: ['Antarctica'] },
  },
  {
    question: 'how much is open for the Platinum plan',
    expected: { intent: 'pipeline', notFound: ['Platinum'] },
  },
  {
    question: 'win rate in Indai by industry',
    expected: {
      intent: 'winrate',
      filters: { region: 'India' },
      groupBy: 'industry',
      corrected: [{ from: 'Indai', to: 'India' }],
    },
  },
  {
    question: 'ecomerce win rate this quarter vs last quarter',
    expected: {
      intent: 'winrate',
      filters: { industry: 'Ecommerce' },
      period: Q2_2024,
      compareTo: Q1_2024,
      corrected: [{ from: 'ecomerce', to: 'Ecommerce' }],
    },
  },
  {
    question: 'RED deals in Atlantis over 40k',
    expected: {
      intent: 'deals',
      filters: { flag: 'RED', minAmount: 40000 },
      notFound: ['Atlantis'],
    },
  },

  // ---------------------------------------------------------------- follow-ups
  {
    thread: ['win rate in SaaS this quarter'],
    question: 'and in APAC?',
    expected: {
      intent: 'winrate',
      filters: { industry: 'SaaS', region: 'APAC' },
      period: Q2_2024,
    },
  },
  {
    thread: ["how's europe looking"],
    question: 'what about north america?',
    expected: { intent: 'winrate', filters: { region: 'North America' } },
  },
  {
    thread: ['win rate in fintech'],
    question: 'by rep',
    expected: { intent: 'winrate', filters: { industry: 'FinTech' }, groupBy: 'rep' },
  },
  {
    thread: ['RED deals in SaaS'],
    question: 'only over $20k',
    expected: { intent: 'deals', filters: { flag: 'RED', industry: 'SaaS', minAmount: 20000 } },
  },
  {
    thread: ['win rate in healthtech last quarter'],
    question: 'why?',
    expected: {
      intent: 'why',
      filters: { industry: 'HealthTech' },
      period: Q1_2024,
      compareTo: Q4_2023,
    },
  },
  {
    thread: ['how is dana doing'],
    question: 'in EdTech?',
    expected: { intent: 'rep', filters: { rep: 'rep_19', industry: 'EdTech' } },
  },
  {
    thread: ['win rate by region this quarter'],
    question: 'last quarter instead',
    expected: { intent: 'winrate', groupBy: 'region', period: Q1_2024 },
  },
  {
    thread: ['win rate for inbound in europe'],
    question: 'show the RED ones',
    expected: {
      intent: 'deals',
      filters: { leadSource: 'Inbound', region: 'Europe', flag: 'RED' },
    },
  },
  {
    thread: ['win rate in APAC', 'and in India?'],
    question: 'by industry',
    expected: { intent: 'winrate', filters: { region: 'India' }, groupBy: 'industry' },
  },
  {
    thread: ['how is Sam doing', 'in fintech?'],
    question: 'what about in Q1?',
    expected: { intent: 'rep', filters: { rep: 'rep_7', industry: 'FinTech' }, period: Q1_2024 },
  },
  {
    thread: ['show yellow deals in europe'],
    question: 'and red?',
    expected: { intent: 'deals', filters: { flag: 'RED', region: 'Europe' } },
  },
  {
    thread: ['open pipeline in Europe'],
    question: 'and APAC?',
    expected: { intent: 'pipeline', filters: { region: 'APAC' } },
  },
  {
    thread: ['how are we doing this quarter'],
    question: 'why',
    expected: { intent: 'why', period: Q2_2024, compareTo: Q1_2024 },
  },
  {
    thread: ['win rate in SaaS'],
    question: 'why? 🤔',
    expected: { intent: 'why', filters: { industry: 'SaaS' } },
  },
  {
    thread: ['win rate by industry'],
    question: "what's our churn?",
    expected: { intent: 'unknown', outOfScope: true },
  },
  {
    thread: ['RED deals in fintech'],
    question: 'how is rep_4 doing',
    expected: { intent: 'rep', filters: { rep: 'rep_4' } },
  },
  {
    thread: ['win rate in SaaS', 'by rep'],
    question: 'only enterprise',
    expected: {
      intent: 'winrate',
      filters: { industry: 'SaaS', product: 'Enterprise' },
      groupBy: 'rep',
    },
  },
  {
    thread: ['deals older than 60 days in SaaS'],
    question: 'over $40k too',
    expected: { intent: 'deals', filters: { industry: 'SaaS', minAgeDays: 60, minAmount: 40000 } },
  },
  {
    thread: ['win rate in 2023'],
    question: 'vs 2022?',
    expected: { intent: 'winrate', period: Y2023, compareTo: Y2022 },
  },
  {
    thread: ['what about D00042'],
    question: 'and D00043?',
    expected: { intent: 'deal', dealId: 'D00043' },
  },
  {
    thread: ['open pipeline in fintech'],
    question: 'by region pls',
    expected: { intent: 'pipeline', filters: { industry: 'FinTech' }, groupBy: 'region' },
  },
  {
    thread: ['win rate for referrals'],
    question: 'what about partners?',
    expected: { intent: 'winrate', filters: { leadSource: 'Partner' } },
  },
  {
    thread: ['how is priya doing this quarter'],
    question: 'and dana?',
    expected: { intent: 'rep', filters: { rep: 'rep_19' }, period: Q2_2024 },
  },
  {
    thread: ['win rate in europe last month', 'and in APAC?'],
    question: 'why?',
    expected: {
      intent: 'why',
      filters: { region: 'APAC' },
      period: MAY_2024,
      compareTo: APR_2024,
    },
  },
  {
    thread: ['momentum in europe'],
    question: 'what about india',
    expected: { intent: 'momentum', filters: { region: 'India' } },
  },
  {
    thread: ['show RED deals'],
    question: 'in healthtech pls',
    expected: { intent: 'deals', filters: { flag: 'RED', industry: 'HealthTech' } },
  },
  {
    thread: ['win rate in edtech'],
    question: 'since march?',
    expected: { intent: 'winrate', filters: { industry: 'EdTech' }, period: SINCE_MAR },
  },
  {
    thread: ['win rate in ecommerce this year'],
    question: 'show the red ones',
    expected: {
      intent: 'deals',
      filters: { industry: 'Ecommerce', flag: 'RED' },
      period: YTD_2024,
    },
  },
  {
    thread: ['win rate in saas', 'why?'],
    question: 'and in fintech?',
    expected: { intent: 'why', filters: { industry: 'FinTech' } },
  },
  {
    thread: ['how is dana doing', 'in EdTech?'],
    question: 'last quarter instead',
    expected: { intent: 'rep', filters: { rep: 'rep_19', industry: 'EdTech' }, period: Q1_2024 },
  },
  {
    thread: ['win rate in SaaS'],
    question: 'what about Narnia?',
    expected: { intent: 'winrate', filters: { industry: 'SaaS' }, notFound: ['Narnia'] },
  },
  {
    thread: ['pipeline by region'],
    question: 'who needs coaching?',
    expected: { intent: 'audit' },
  },
  {
    thread: ['pipeline by region'],
    question: 'just APAC',
    expected: { intent: 'pipeline', filters: { region: 'APAC' } },
  },
  {
    thread: ['win rate in europe'],
    question: 'and <@U0DANA>?',
    expected: { intent: 'winrate', filters: { region: 'Europe', rep: 'rep_19' } },
  },
  {
    thread: ['how are we doing last 6 months', 'in fintech?'],
    question: 'by product',
    expected: {
      intent: 'winrate',
      filters: { industry: 'FinTech' },
      groupBy: 'product',
      period: LAST_6M,
    },
  },
];
