/** The lexicon the question corpus is written against: the sample data's values and three people. */
import { Lexicon } from '../../../src/app/conversation/lexicon.js';
import {
  DEMO_INDUSTRIES,
  DEMO_LEAD_SOURCES,
  DEMO_PRODUCTS,
  DEMO_REGIONS,
} from '../../../src/domain/demo-deals.js';

export const BOT_USER_ID = 'U0DEALFIT';

export function corpusLexicon(): Lexicon {
  return new Lexicon({
    values: {
      industry: DEMO_INDUSTRIES,
      region: DEMO_REGIONS,
      product: DEMO_PRODUCTS,
      leadSource: DEMO_LEAD_SOURCES,
      rep: Array.from({ length: 25 }, (_, i) => `rep_${i + 1}`),
    },
    people: [
      { repId: 'rep_19', name: 'Dana Whitfield', slackUserId: 'U0DANA' },
      { repId: 'rep_7', name: 'Sam Ortiz', slackUserId: 'U0SAM' },
      { repId: 'rep_12', name: 'Priya Nair', slackUserId: 'U0PRIYA' },
    ],
  });
}
