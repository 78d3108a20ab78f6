/**
 * Just enough SOQL for the fake Salesforce: `SELECT a, B.c FROM Object [WHERE x op v AND ...]
 * [ORDER BY f [ASC|DESC], ...] [LIMIT n]`. Anything else is answered the way Salesforce does:
 * a 400 MALFORMED_QUERY, so a query the real org would refuse never passes here by accident.
 */

export type SoqlValue = string | number | boolean | null | { dateTime: number };

export interface SoqlCondition {
  field: string;
  op: '=' | '!=' | '>' | '>=' | '<' | '<=';
  value: SoqlValue;
}

export interface SoqlQuery {
  fields: string[];
  object: string;
  where: SoqlCondition[];
  orderBy: Array<{ field: string; desc: boolean }>;
  limit: number | undefined;
}

export class SoqlError extends Error {
  override name = 'SoqlError';
}

const FIELD = /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)*$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?(Z|[+-]\d{2}:\d{2})$/;

function parseValue(text: string): SoqlValue {
  const t = text.trim();
  if (/^null$/i.test(t)) return null;
  if (/^true$/i.test(t)) return true;
  if (/^false$/i.test(t)) return false;
  if (/^-?\d+(\.\d+)?$/.test(t)) return Number(t);
  if (DATETIME.test(t)) return { dateTime: Date.parse(t) };
  const quoted = /^'((?:[^'\\]|\\.)*)'$/.exec(t);
  if (quoted) return (quoted[1] ?? '').replace(/\\(.)/g, '$1');
  throw new SoqlError(`unexpected token: '${t}'`);
}

function parseCondition(text: string): SoqlCondition {
  let t = text.trim();
  while (t.startsWith('(') && t.endsWith(')')) t = t.slice(1, -1).trim();
  const m = /^([A-Za-z][A-Za-z0-9_.]*)\s*(!=|>=|<=|=|>|<)\s*(.+)$/s.exec(t);
  if (!m) throw new SoqlError(`unexpected condition: '${t}'`);
  return {
    field: m[1] ?? '',
    op: m[2] as SoqlCondition['op'],
    value: parseValue(m[3] ?? ''),
  };
}

export function parseSoql(soql: string): SoqlQuery {
  const text = soql.trim().replace(/\s+/g, ' ');
  const m =
    /^SELECT (.+?) FROM ([A-Za-z][A-Za-z0-9_]*)(?: WHERE (.+?))?(?: ORDER BY (.+?))?(?: LIMIT (\d+))?$/i.exec(
      text,
    );
  if (!m) throw new SoqlError(`unexpected token in query: ${text.slice(0, 80)}`);
  const fields = (m[1] ?? '').split(',').map((f) => f.trim());
  for (const f of fields) if (!FIELD.test(f)) throw new SoqlError(`unexpected token: '${f}'`);
  const where = m[3] ? m[3].split(/ AND /i).map(parseCondition) : [];
  const orderBy = m[4]
    ? m[4].split(',').map((part) => {
        const [field = '', dir = 'ASC'] = part.trim().split(' ');
        if (!FIELD.test(field) || !/^(ASC|DESC)$/i.test(dir)) {
          throw new SoqlError(`unexpected token in ORDER BY: '${part.trim()}'`);
        }
        return { field, desc: /^DESC$/i.test(dir) };
      })
    : [];
  return {
    fields,
    object: m[2] ?? '',
    where,
    orderBy,
    limit: m[5] ? Number(m[5]) : undefined,
  };
}

/** Compares a stored value with a SOQL literal; datetimes are stored as epoch ms. */
export function matches(actual: unknown, cond: SoqlCondition): boolean {
  const expected =
    cond.value !== null && typeof cond.value === 'object' ? cond.value.dateTime : cond.value;
  if (cond.op === '=') return actual === expected;
  if (cond.op === '!=') return actual !== expected;
  if (actual === null || actual === undefined || expected === null) return false;
  const a = actual as number | string;
  const e = expected as number | string;
  switch (cond.op) {
    case '>':
      return a > e;
    case '>=':
      return a >= e;
    case '<':
      return a < e;
    default:
      return a <= e;
  }
}
