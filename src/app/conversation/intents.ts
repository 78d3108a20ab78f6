/** What a question asks for, from its own words (docs/metrics.md "Questions in plain words"). */
import type { Intent, Understood } from './understood.js';

// --- intents --------------------------------------------------------------------------

const HELP =
  /^(?:(?:hey|hi|hello|yo)\b[\s,!]*)?(?:(?:dealfit|bot)\b[\s,!]*)?(?:help\b|\?+$|what\s+(?:can|do)\s+(?:you|u)\s+do|what\s+(?:kind\s+of\s+|sort\s+of\s+|type\s+of\s+)?(?:questions|things)\s+(?:can|could|should)\s+(?:i|we)\s+ask|what\s+can\s+(?:i|we)\s+ask|how\s+do\s+(?:i|we)\s+use|how\s+does\s+(?:this|it|dealfit)\s+work|commands?\b|usage\b|options\b|menu\b|what\s+are\s+you)/;
export const OUT_OF_SCOPE =
  /\b(?:forecast\w*|predict\w*|projections?|projected|quota|hit\s+(?:our|the)\s+(?:number|target|plan|quota)|churn\w*|renewals?|retention|nps|csat|calls?|emails?|meetings?|activit(?:y|ies)|commissions?|arr|mrr|next\s+(?:quarter|month|year|week)|weather|stock\s+price|headcount|hire|hiring|budget|marketing\s+spend|demos|make\s+(?:the|our)\s+(?:number|quota|target|plan)|cac|payback|ltv|margins?|profit\w*|costs?|spend)\b/;
const WHY =
  /\bwhy\b|\bwhat'?s?\s+(?:is\s+)?driving\b|\bwhat\s+drove\b|\bdrivers?\s+(?:of|behind)\b|\bwhat\s+changed\b|\bexplain\b|\breasons?\b|\bcaus(?:e|ed|ing)\b|\bbehind\s+(?:the|this|that)\b|\bwhat\s+happened\b|\bhow\s+come\b|\bwhat'?s\s+going\s+on\s+with\b|\bcontribut\w*\b/;
const COLEADS =
  /\bco-?\s?leads?\b|\bco-?\s?led\b|\bco-?\s?leading\b|\bpairings?\b|\bpaired\b|\bpartnered\s+with\b|\bco-?\s?sell\w*\b|\bproposals?\b|\bproposed\b/;
const AUDIT =
  /\baudit\b|\bcoach(?:ing|ed)?\b|\btop\s+performers?\b|\bspecialists?\b|\btiers?\b|\bunderperform\w*\b|\bneeds?\s+(?:help|coaching|support)\b|\bstruggling\b|\brep\s+(?:ranking|review|scorecard)s?\b/;
const PIPELINE =
  /\bpipe(?:line)?s?\b|\bvelocity\b|\bhow\s+much\s+(?:is\s+)?(?:open|in\s+play|in\s+flight|on\s+the\s+table)\b|\bopen\s+(?:value|amount|dollars|revenue)\b|\bcoverage\b|\bin\s+flight\b/;
/** asking for a list of deals, not a figure about them */
const DEALS =
  /\b(?:show|list|which|any|give\s+me|pull(?:\s+up)?|see|find|display|get\s+me|what\s+are\s+the|biggest|largest|top\s+\d+)\b[^?]*\b(?:deals?|opps?|opportunit(?:y|ies)|ones)\b/;
const DEAL_WORDS = /\bdeals?\b|\bopportunit(?:y|ies)\b|\bopps\b/;
/**
 * deals already closed: "how many deals did we close", "the deals we lost": the open-deal
 * list holds none of them, the win rate counts them (n closed, its rate won)
 */
const CLOSED_TALK =
  /\b(?:did\s+we|we|have\s+we|are\s+we|we're|we\s+are)\s+(?:close|closed|win|won|lose|lost|losing)\b|\b(?:won|lost|closed)\s+(?:deals?|opps?)\b|\b(?:deals?|opps?)\s+(?:that\s+)?(?:we\s+)?(?:closed|won|lost)\b/;
const MOMENTUM =
  /\bmomentum\b|\bsmi\b|\bslipping\b|\bsliding\b|\btrending\b|\bbright\s+spots?\b|\blosing\s+(?:steam|ground)\b|\bpicking\s+up\b|\bgaining\b|\bheating\s+up\b|\bcooling\b|\bdeclin\w*\b|\bimprov\w*\b|\bgetting\s+(?:worse|better)\b|\bmovers?\b|\bsegments?\b/;
const WINRATE =
  /\bwin\s*-?\s*rates?\b|\bclose\s+rates?\b|\bclosing\s+rates?\b|\bconversion\b|\bhit\s+rates?\b|\bwin\s+(?:%|pct|percentage|ratio)\b|\bwinning\b|\bwins?\b|\bwon\b|\bhow\s+(?:are|is|'s|were|was)\s+(?:we|it|things|the\s+team)\b|\bhow(?:'s|\s+is|\s+are)?\b.*\b(?:doing|looking|going|performing|tracking|shaping)\b/;
const REP_TALK =
  /\bhow(?:'s|\s+is|\s+are|\s+has|\s+have)?\b.*\b(?:doing|performing|going|looking|tracking|done)\b|\bperformance\b|\btrack\s+record\b|\bhow\s+good\b|\bstats?\b|\bnumbers\b|\bscorecard\b|\btell\s+me\s+about\b|\bhow\s+strong\b/;
export const FOLLOW_UP_CUE =
  /^(?:and|also|what\s+about|how\s+about|same|now|ok(?:ay)?|then|but|only|just|what\s+if|instead|in|for|by|with|without|excluding|over|under)\b|\binstead\b/;

/**
 * The intent of a question: `said` when its own words name it ("why", "audit", "win
 * rate"), not when it only follows from a value (a rep named, a flag): a reply in a
 * thread keeps the thread's intent unless it says another.
 */
export function intentOf(low: string, u: Understood): { intent: Intent; said: boolean } | null {
  const said = (intent: Intent) => ({ intent, said: true });
  if (HELP.test(low)) return said('help');
  if (OUT_OF_SCOPE.test(low)) return said('unknown');
  if (u.dealId) return said('deal');
  if (COLEADS.test(low)) return said('coleads');
  if (AUDIT.test(low)) return said('audit');
  if (WHY.test(low)) return said('why');
  if (PIPELINE.test(low)) return said('pipeline');
  const rateWords =
    /\bwin\s*-?\s*rates?\b|\bclose\s+rates?\b|\bclosing\s+rates?\b|\bconversion\b|\bhit\s+rates?\b/.test(
      low,
    );
  const closedTalk = CLOSED_TALK.test(low);
  if (DEALS.test(low) && !rateWords && !closedTalk) return said('deals');
  if (MOMENTUM.test(low) && !rateWords) return said('momentum');
  if (u.filters.rep && REP_TALK.test(low) && !rateWords) return said('rep');
  if (rateWords || closedTalk || WINRATE.test(low)) return said('winrate');
  // "HealthTech deals over 50k": deals named with no figure asked of them is a list
  if (DEAL_WORDS.test(low)) return said('deals');
  if (u.filters.flag || u.filters.minAgeDays !== undefined) return { intent: 'deals', said: false };
  if (u.filters.rep) return { intent: 'rep', said: false };
  return null;
}
