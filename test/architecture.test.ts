/**
 * The layering rules of docs/architecture.md, enforced: the domain is pure, adapters do not
 * import each other, and only the composition root builds adapters.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/g)].map(
    (m) => m[1] ?? '',
  );
}

describe('architecture', () => {
  it('keeps src/domain pure: only relative imports inside domain', () => {
    const offenders: string[] = [];
    for (const file of sourceFiles(join(SRC, 'domain'))) {
      for (const spec of importsOf(file)) {
        const inside =
          spec.startsWith('.') && resolve(file, '..', spec).startsWith(join(SRC, 'domain'));
        if (!inside) offenders.push(`${relative(SRC, file)} imports ${spec}`);
      }
      const text = readFileSync(file, 'utf8');
      if (/\bDate\.now\(|new Date\(\)|process\.env/.test(text)) {
        offenders.push(`${relative(SRC, file)} reads the clock or the environment`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('keeps adapters from importing one another', () => {
    const offenders: string[] = [];
    const adaptersDir = join(SRC, 'adapters');
    for (const file of sourceFiles(adaptersDir)) {
      const own = relative(adaptersDir, file).split('/')[0];
      for (const spec of importsOf(file).filter((s) => s.startsWith('.'))) {
        const target = resolve(file, '..', spec);
        if (!target.startsWith(adaptersDir)) continue;
        const other = relative(adaptersDir, target).split('/')[0];
        if (other !== own) offenders.push(`${relative(SRC, file)} imports ${spec}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('keeps process.env inside config.ts', () => {
    const offenders = sourceFiles(SRC)
      .filter((f) => !f.endsWith('/config.ts'))
      .filter((f) => readFileSync(f, 'utf8').includes('process.env'))
      .map((f) => relative(SRC, f));
    expect(offenders).toEqual([]);
  });

  // The ingest and queries use cases join this list as they move behind the store ports.
  it('keeps the co-lead, alerts and jobs use cases and the ports off the adapters and SQL', () => {
    const offenders: string[] = [];
    for (const dir of ['app/colead', 'app/alerts', 'app/jobs', 'app/ports']) {
      for (const file of sourceFiles(join(SRC, dir))) {
        for (const spec of importsOf(file)) {
          if (resolve(file, '..', spec).startsWith(join(SRC, 'adapters'))) {
            offenders.push(`${relative(SRC, file)} imports ${spec}`);
          }
        }
        const text = readFileSync(file, 'utf8');
        const sql =
          /\bselect\s[\w\s,.*()]*\sfrom\s|\binsert\s+into\s|\bdelete\s+from\s|\bupdate\s+\w+\s+set\s/i;
        if (/\bDb\b|\$client/.test(text) || sql.test(text)) {
          offenders.push(`${relative(SRC, file)} holds a Db or SQL`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });
});
