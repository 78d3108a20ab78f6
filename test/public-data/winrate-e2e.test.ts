/** The slash commands end to end on the public data set. */
import { describeSlashCommandsOn } from '../helpers/slash-command-suite.js';
import { loadSharedDeals } from './shared-deals.js';

describeSlashCommandsOn('the public data set', loadSharedDeals);
