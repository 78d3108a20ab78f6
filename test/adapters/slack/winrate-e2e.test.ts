/** The slash commands end to end on the project's sample deals (no file outside the repository). */
import { insertDeals } from '../../helpers/load-deals.js';
import { sampleDealRows } from '../../helpers/sample-deals.js';
import { describeSlashCommandsOn } from '../../helpers/slash-command-suite.js';

describeSlashCommandsOn('the sample deals', async (db) => {
  const rows = await sampleDealRows();
  insertDeals(db, rows);
  return rows;
});
