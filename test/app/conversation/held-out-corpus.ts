// Held-out questions for the Slack question parser: written independently of the parser and of
// its tuning corpus, from the shared rules only. Each entry gives the reading a correct parser
// must produce; every key of Understood not given is expected at its default.
import type { Understood } from '../../../src/app/conversation/understood.js';

export interface HeldOutEntry {
  /** earlier questions in the same thread, oldest first (follow-ups); absent = a fresh question */
  thread?: string[];
  question: string;
  /** only the keys that matter; every key of Understood not given is expected at its default */
  expected: Partial<Understood>;
}

export const HELD_OUT_AS_OF = '2024-06-30';

// Periods relative to HELD_OUT_AS_OF (inclusive on both ends).
const Q2_2024 = { from: '2024-04-01', to: '2024-06-30' }; // this quarter
const Q1_2024 = { from: '2024-01-01', to: '2024-03-31' }; // last quarter
const Q4_2023 = { from: '2023-10-01', to: '2023-12-31' };
const Q3_2023 = { from: '2023-07-01', to: '2023-09-30' };
const H1_2024 = { from: '2024-01-01', to: '2024-06-30' }; // also this year / YTD
const H2_2023 = { from: '2023-07-01', to: '2023-12-31' };
const Y2023 = { from: '2023-01-01', to: '2023-12-31' }; // also last year
const Y2022 = { from: '2022-01-01', to: '2022-12-31' };
const FEB_2024 = { from: '2024-02-01', to: '2024-02-29' };
const MAR_2024 = { from: '2024-03-01', to: '2024-03-31' };
const APR_2024 = { from: '2024-04-01', to: '2024-04-30' };
const MAY_2024 = { from: '2024-05-01', to: '2024-05-31' }; // last month
const JUN_2024 = { from: '2024-06-01', to: '2024-06-30' }; // this month, last 30 days

export const HELD_OUT: HeldOutEntry[] = [
  // ---------------------------------------------------------------- winrate
  {
    question: 'hey dealfit whats our win rate this quarter',
    expected: { intent: 'winrate', period: Q2_2024 },
  },
  {
    question: 'win rate by region pls',
    expected: { intent: 'winrate', groupBy: 'region' },
  },
  {
    question: 'close rate for fintech last quarter?',
    expected: { intent: 'winrate', filters: { industry: 'FinTech' }, period: Q1_2024 },
  },
  {
    question: "how's APAC looking 👀",
    expected: { intent: 'winrate', filters: { region: 'APAC' } },
  },
  {
    question: '<@U0DEALFIT> conversion on inbound leads in 2023',
    expected: { intent: 'winrate', filters: { leadSource: 'Inbound' }, period: Y2023 },
  },
  {
    question: "what's the hit rate on enterprise this quarter vs last quarter",
    expected: {
      intent: 'winrate',
      filters: { product: 'Enterprise' },
      period: Q2_2024,
      compareTo: Q1_2024,
    },
  },
  {
    question: 'win rate per industry for H1 2024',
    expected: { intent: 'winrate', groupBy: 'industry', period: H1_2024 },
  },
  {
    question: 'which industry is best right now?',
    expected: { intent: 'winrate', groupBy: 'industry' },
  },
  {
    question: 'win rates across products since March',
    expected: {
      intent: 'winrate',
      groupBy: 'product',
      period: { from: '2024-03-01', to: '2024-06-30' },
    },
  },
  {
    question: 'how are we doing in north america over the last 6 weeks',
    expected: {
      intent: 'winrate',
      filters: { region: 'North America' },
      period: { from: '2024-05-20', to: '2024-06-30' },
    },
  },
  {
    question: "what's our win rate on $10k-$50k deals ytd",
    expected: {
      intent: 'winrate',
      filters: { minAmount: 10000, maxAmount: 50000 },
      period: H1_2024,
    },
  },
  {
    question: "Sam's win rate in Q4",
    expected: { intent: 'winrate', filters: { rep: 'rep_7' }, period: Q4_2023 },
  },
  {
    question: 'win rate for <@U0PRIYA> this year vs last year',
    expected: { intent: 'winrate', filters: { rep: 'rep_12' }, period: H1_2024, compareTo: Y2023 },
  },
  {
    question: 'conversion rate broken down by lead source for the last 30 days',
    expected: { intent: 'winrate', groupBy: 'leadSource', period: JUN_2024 },
  },
  {
    question: 'win rate in the first half vs H2 2023',
    expected: { intent: 'winrate', period: H1_2024, compareTo: H2_2023 },
  },
  {
    question: 'saas win rate between March 1 and April 15',
    expected: {
      intent: 'winrate',
      filters: { industry: 'SaaS' },
      period: { from: '2024-03-01', to: '2024-04-15' },
    },
  },
  {
    question: 'outbound close rate from 2024-02-01 to 2024-03-15 :chart_with_downwards_trend:',
    expected: {
      intent: 'winrate',
      filters: { leadSource: 'Outbound' },
      period: { from: '2024-02-01', to: '2024-03-15' },
    },
  },
  {
    question: 'Win Rate — Core product, last 3 months',
    expected: {
      intent: 'winrate',
      filters: { product: 'Core' },
      period: { from: '2024-03-31', to: '2024-06-30' },
    },
  },
  {
    question: 'win rate for Dana in the Fin Tech space',
    expected: { intent: 'winrate', filters: { rep: 'rep_19', industry: 'FinTech' } },
  },
  {
    question: 'how are we doing on Pro in india?',
    expected: { intent: 'winrate', filters: { product: 'Pro', region: 'India' } },
  },
  // winrate: values that match nothing / near misses
  {
    question: 'whats the close rate in LATAM',
    expected: { intent: 'winrate', notFound: ['LATAM'] },
  },
  {
    question: 'win rate for crypto this quarter',
    expected: { intent: 'winrate', notFound: ['crypto'], period: Q2_2024 },
  },
  {
    question: 'fintek win rate by region',
    expected: {
      intent: 'winrate',
      filters: { industry: 'FinTech' },
      groupBy: 'region',
      corrected: [{ from: 'fintek', to: 'FinTech' }],
    },
  },

  // ---------------------------------------------------------------- why
  {
    question: 'why did our win rate drop last quarter',
    expected: { intent: 'why', period: Q1_2024, compareTo: Q4_2023 },
  },
  {
    question: "what's driving the dip in fintech?",
    expected: { intent: 'why', filters: { industry: 'FinTech' } },
  },
  {
    question: 'explain the drop in APAC win rate this quarter',
    expected: { intent: 'why', filters: { region: 'APAC' }, period: Q2_2024, compareTo: Q1_2024 },
  },
  {
    question: 'why did inbound go up in march',
    expected: {
      intent: 'why',
      filters: { leadSource: 'Inbound' },
      period: MAR_2024,
      compareTo: FEB_2024,
    },
  },
  {
    question: 'what changed for enterprise in the last 30 days?',
    expected: {
      intent: 'why',
      filters: { product: 'Enterprise' },
      period: JUN_2024,
      compareTo: { from: '2024-05-02', to: '2024-05-31' },
    },
  },
  {
    question: 'why is saas win rate down this quarter vs Q3 2023',
    expected: { intent: 'why', filters: { industry: 'SaaS' }, period: Q2_2024, compareTo: Q3_2023 },
  },
  {
    question: 'why did europe tank last year',
    expected: { intent: 'why', filters: { region: 'Europe' }, period: Y2023, compareTo: Y2022 },
  },
  {
    question: 'explain the dip in north america over the past 90 days',
    expected: {
      intent: 'why',
      filters: { region: 'North America' },
      period: { from: '2024-04-02', to: '2024-06-30' },
      compareTo: { from: '2024-01-03', to: '2024-04-01' },
    },
  },
  {
    question: 'why did win rate fall in Canada last month',
    expected: { intent: 'why', notFound: ['Canada'], period: MAY_2024, compareTo: APR_2024 },
  },

  // ---------------------------------------------------------------- deal
  {
    question: 'what about D00042',
    expected: { intent: 'deal', dealId: 'D00042' },
  },
  {
    question: 'tell me about deal 1234',
    expected: { intent: 'deal', dealId: 'D01234' },
  },
  {
    question: 'd917 status pls',
    expected: { intent: 'deal', dealId: 'D00917' },
  },
  {
    question: 'can you pull up D-00388',
    expected: { intent: 'deal', dealId: 'D00388' },
  },
  {
    question: 'why did D00317 slip?',
    expected: { intent: 'deal', dealId: 'D00317' },
  },
  {
    question: '<@U0DEALFIT> D12345 fit score?',
    expected: { intent: 'deal', dealId: 'D12345' },
  },
  {
    question: "what's the story on deal 2071",
    expected: { intent: 'deal', dealId: 'D02071' },
  },
  {
    question: 'thoughts on d00071 🙏',
    expected: { intent: 'deal', dealId: 'D00071' },
  },

  // ---------------------------------------------------------------- rep
  {
    question: 'how is Dana doing?',
    expected: { intent: 'rep', filters: { rep: 'rep_19' } },
  },
  {
    question: "how's <@U0SAM> doing this quarter",
    expected: { intent: 'rep', filters: { rep: 'rep_7' }, period: Q2_2024 },
  },
  {
    question: 'how is rep_4 doing in HealthTech',
    expected: { intent: 'rep', filters: { rep: 'rep_4', industry: 'HealthTech' } },
  },
  {
    question: "how's priya nair doing",
    expected: { intent: 'rep', filters: { rep: 'rep_12' } },
  },
  {
    question: 'hey dealfit how is Dana Whitfield doing on enterprise',
    expected: { intent: 'rep', filters: { rep: 'rep_19', product: 'Enterprise' } },
  },
  {
    question: 'how is rep_22 doing since April',
    expected: {
      intent: 'rep',
      filters: { rep: 'rep_22' },
      period: { from: '2024-04-01', to: '2024-06-30' },
    },
  },
  {
    question: "how's sam doing in europe last quarter",
    expected: { intent: 'rep', filters: { rep: 'rep_7', region: 'Europe' }, period: Q1_2024 },
  },
  {
    question: 'how is <@U0DANA> doing on outbound?',
    expected: { intent: 'rep', filters: { rep: 'rep_19', leadSource: 'Outbound' } },
  },
  {
    question: 'how is Dana doing with referal leads',
    expected: {
      intent: 'rep',
      filters: { rep: 'rep_19', leadSource: 'Referral' },
      corrected: [{ from: 'referal', to: 'Referral' }],
    },
  },

  // ---------------------------------------------------------------- deals
  {
    question: 'list red deals in saas above 40,000',
    expected: { intent: 'deals', filters: { flag: 'RED', industry: 'SaaS', minAmount: 40000 } },
  },
  {
    question: 'list green deals on the enterprise plan over $1.5M',
    expected: {
      intent: 'deals',
      filters: { flag: 'GREEN', product: 'Enterprise', minAmount: 1500000 },
    },
  },
  {
    question: 'risky deals from partners',
    expected: { intent: 'deals', filters: { flag: 'RED', leadSource: 'Partner' } },
  },
  {
    question: 'which deals have been open more than 2 months in india',
    expected: { intent: 'deals', filters: { minAgeDays: 60, region: 'India' } },
  },
  {
    question: 'show me low fit deals under $10k',
    expected: { intent: 'deals', filters: { flag: 'RED', maxAmount: 10000 } },
  },
  {
    question: 'deals stuck for 45 days in fintech pls',
    expected: { intent: 'deals', filters: { minAgeDays: 45, industry: 'FinTech' } },
  },
  {
    question: 'which <@U0PRIYA> deals are red?',
    expected: { intent: 'deals', filters: { rep: 'rep_12', flag: 'RED' } },
  },
  {
    question: 'at-risk Pro deals 40k+',
    expected: { intent: 'deals', filters: { flag: 'RED', product: 'Pro', minAmount: 40000 } },
  },
  {
    question: 'show inbound deals aged 90+ days',
    expected: { intent: 'deals', filters: { leadSource: 'Inbound', minAgeDays: 90 } },
  },
  {
    question: 'show me RED deals in ecomerce',
    expected: {
      intent: 'deals',
      filters: { flag: 'RED', industry: 'Ecommerce' },
      corrected: [{ from: 'ecomerce', to: 'Ecommerce' }],
    },
  },
  {
    question: 'enterprize deals stuck over 60 days',
    expected: {
      intent: 'deals',
      filters: { product: 'Enterprise', minAgeDays: 60 },
      corrected: [{ from: 'enterprize', to: 'Enterprise' }],
    },
  },

  // ---------------------------------------------------------------- momentum
  {
    question: 'which segments are slipping?',
    expected: { intent: 'momentum' },
  },
  {
    question: 'any bright spots this quarter?',
    expected: { intent: 'momentum', period: Q2_2024 },
  },
  {
    question: "what's trending up in europe",
    expected: { intent: 'momentum', filters: { region: 'Europe' } },
  },
  {
    question: 'momentum check pls 🙏',
    expected: { intent: 'momentum' },
  },
  {
    question: "what's declining right now?",
    expected: { intent: 'momentum' },
  },
  {
    question: 'momentum in heathtech',
    expected: {
      intent: 'momentum',
      filters: { industry: 'HealthTech' },
      corrected: [{ from: 'heathtech', to: 'HealthTech' }],
    },
  },

  // ---------------------------------------------------------------- audit
  {
    question: 'which of my reps need coaching?',
    expected: { intent: 'audit' },
  },
  {
    question: 'can I get the audit for may',
    expected: { intent: 'audit', month: '2024-05' },
  },
  {
    question: 'pull the june rep audit',
    expected: { intent: 'audit', month: '2024-06' },
  },
  {
    question: 'who are our top performers',
    expected: { intent: 'audit' },
  },
  {
    question: 'any specialists on the team?',
    expected: { intent: 'audit' },
  },
  {
    question: 'march audit',
    expected: { intent: 'audit', month: '2024-03' },
  },
  {
    question: 'show me the rep audit for december',
    expected: { intent: 'audit', month: '2023-12' },
  },

  // ---------------------------------------------------------------- pipeline
  {
    question: 'how much is open?',
    expected: { intent: 'pipeline' },
  },
  {
    question: "what's the open pipeline in apac",
    expected: { intent: 'pipeline', filters: { region: 'APAC' } },
  },
  {
    question: "how's our pipeline velocity looking",
    expected: { intent: 'pipeline' },
  },
  {
    question: 'pipeline for Dana',
    expected: { intent: 'pipeline', filters: { rep: 'rep_19' } },
  },
  {
    question: 'open pipeline in Eurpe',
    expected: {
      intent: 'pipeline',
      filters: { region: 'Europe' },
      corrected: [{ from: 'Eurpe', to: 'Europe' }],
    },
  },
  {
    question: 'pipeline for the US team',
    expected: { intent: 'pipeline', notFound: ['US'] },
  },

  // ---------------------------------------------------------------- coleads
  {
    question: 'any pending co-leads?',
    expected: { intent: 'coleads' },
  },
  {
    question: 'show co-lead proposals',
    expected: { intent: 'coleads' },
  },
  {
    question: "who's paired with whom right now",
    expected: { intent: 'coleads' },
  },
  {
    question: 'what pairings do you suggest',
    expected: { intent: 'coleads' },
  },
  {
    question: 'list the co lead proposals 🙏',
    expected: { intent: 'coleads' },
  },

  // ---------------------------------------------------------------- help
  {
    question: 'help',
    expected: { intent: 'help' },
  },
  {
    question: '<@U0DEALFIT> what can you do?',
    expected: { intent: 'help' },
  },
  {
    question: '<@U0DEALFIT> ?',
    expected: { intent: 'help' },
  },
  {
    question: 'how do i use this thing',
    expected: { intent: 'help' },
  },
  {
    question: 'what kind of questions can I ask u',
    expected: { intent: 'help' },
  },

  // ---------------------------------------------------------------- unknown / out of scope
  {
    question: 'will we hit quota this quarter?',
    expected: { intent: 'unknown', outOfScope: true },
  },
  {
    question: 'forecast Q3 for me',
    expected: { intent: 'unknown', outOfScope: true },
  },
  {
    question: "what's our churn looking like",
    expected: { intent: 'unknown', outOfScope: true },
  },
  {
    question: 'what will revenue be next quarter',
    expected: { intent: 'unknown', outOfScope: true },
  },
  {
    question: 'how many calls did Sam make last week',
    expected: { intent: 'unknown', outOfScope: true },
  },
  {
    question: "what's the NPS for enterprise customers",
    expected: { intent: 'unknown', outOfScope: true },
  },
  {
    question: 'how many emails did priya send in june?',
    expected: { intent: 'unknown', outOfScope: true },
  },
  {
    question: 'are we going to make our number in Q3',
    expected: { intent: 'unknown', outOfScope: true },
  },
  {
    question: "what's our CAC payback",
    expected: { intent: 'unknown', outOfScope: true },
  },
  {
    question: 'thanks dealfit!',
    expected: { intent: 'unknown' },
  },

  // ---------------------------------------------------------------- follow-ups
  {
    thread: ['win rate in europe this quarter'],
    question: 'and in APAC?',
    expected: { intent: 'winrate', filters: { region: 'APAC' }, period: Q2_2024 },
  },
  {
    thread: ['how is Dana doing'],
    question: 'in EdTech?',
    expected: { intent: 'rep', filters: { rep: 'rep_19', industry: 'EdTech' } },
  },
  {
    thread: ['win rate for inbound leads last quarter'],
    question: 'by rep',
    expected: {
      intent: 'winrate',
      filters: { leadSource: 'Inbound' },
      period: Q1_2024,
      groupBy: 'rep',
    },
  },
  {
    thread: ['show me at risk deals in saas'],
    question: 'only over $20k',
    expected: { intent: 'deals', filters: { flag: 'RED', industry: 'SaaS', minAmount: 20000 } },
  },
  {
    thread: ['fintech win rate this quarter'],
    question: 'why?',
    expected: {
      intent: 'why',
      filters: { industry: 'FinTech' },
      period: Q2_2024,
      compareTo: Q1_2024,
    },
  },
  {
    thread: ['win rate by region last quarter'],
    question: 'this quarter instead',
    expected: { intent: 'winrate', groupBy: 'region', period: Q2_2024 },
  },
  {
    thread: ["what's the pipeline in north america"],
    question: 'what about Europe?',
    expected: { intent: 'pipeline', filters: { region: 'Europe' } },
  },
  {
    thread: ['how are we doing on enterprise in india'],
    question: 'show the RED ones',
    expected: { intent: 'deals', filters: { flag: 'RED', product: 'Enterprise', region: 'India' } },
  },
  {
    thread: ['win rate for referrals in 2023', 'by industry'],
    question: 'what about partners?',
    expected: {
      intent: 'winrate',
      filters: { leadSource: 'Partner' },
      groupBy: 'industry',
      period: Y2023,
    },
  },
  {
    thread: ["how's sam doing this quarter"],
    question: 'and last quarter?',
    expected: { intent: 'rep', filters: { rep: 'rep_7' }, period: Q1_2024 },
  },
  {
    thread: ['APAC win rate this quarter vs last quarter'],
    question: 'and europe?',
    expected: { intent: 'winrate', filters: { region: 'Europe' }, period: Q2_2024 },
  },
  {
    thread: ['why did win rate drop last month'],
    question: 'in healthtech?',
    expected: {
      intent: 'why',
      filters: { industry: 'HealthTech' },
      period: MAY_2024,
      compareTo: APR_2024,
    },
  },
  {
    thread: ['list red deals in fintech'],
    question: 'what about yellow?',
    expected: { intent: 'deals', filters: { flag: 'YELLOW', industry: 'FinTech' } },
  },
  {
    thread: ['how is priya doing'],
    question: 'by industry',
    expected: { intent: 'rep', filters: { rep: 'rep_12' }, groupBy: 'industry' },
  },
  {
    thread: ['win rate for Pro in Q1'],
    question: 'vs Q4?',
    expected: {
      intent: 'winrate',
      filters: { product: 'Pro' },
      period: Q1_2024,
      compareTo: Q4_2023,
    },
  },
  {
    thread: ['show deals older than 60 days', 'in europe'],
    question: 'only the ones under 10k',
    expected: {
      intent: 'deals',
      filters: { minAgeDays: 60, region: 'Europe', maxAmount: 10000 },
    },
  },
  {
    thread: ['how are we doing in saas', 'by region'],
    question: 'ok who needs coaching?',
    expected: { intent: 'audit' },
  },
  {
    thread: ['win rate for outbound this year'],
    question: 'what about D00042?',
    expected: { intent: 'deal', dealId: 'D00042' },
  },
  {
    thread: ["what's the open pipeline in apac"],
    question: 'by product',
    expected: { intent: 'pipeline', filters: { region: 'APAC' }, groupBy: 'product' },
  },
  {
    thread: ['win rate by lead source in Q3 2023'],
    question: 'and in edtch?',
    expected: {
      intent: 'winrate',
      groupBy: 'leadSource',
      filters: { industry: 'EdTech' },
      period: Q3_2023,
      corrected: [{ from: 'edtch', to: 'EdTech' }],
    },
  },
  {
    thread: ['how is Dana doing', 'in EdTech?'],
    question: 'ok but why',
    expected: { intent: 'why', filters: { rep: 'rep_19', industry: 'EdTech' } },
  },
];
