/** The deals table read for the DealTable builder: its columns in TABLE_FIELDS' order. */
import { TABLE_FIELDS } from '../../domain/deal-table.js';

/** the builder's input row, column for column */
export const DEAL_TABLE_COLUMNS = TABLE_FIELDS.map((f) => f.column).join(', ');
