/**
 * The layering rules of docs/architecture.md, enforced: the domain is pure, the use cases
 * reach the outside world only through their ports, adapters do not import each other, and
 * only the composition roots build adapters.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '../src');
const at = (...parts: string[]) => join(SRC, ...parts);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|mjs)$/.test(entry.name) ? [path] : [];
  });
}

interface Import {
  spec: string;
  /** `import type` / `export type`: no code runs, nothing is built */
  typeOnly: boolean;
  /** the file it names, for a relative import */
  target: string | null;
}

function importsOf(file: string): Import[] {
  const text = readFileSync(file, 'utf8');
  const found = [
    ...text.matchAll(/(?:^|\n)\s*(import|export)(\s+type)?\b[^'"]*?from\s+['"]([^'"]+)['"]/g),
    ...text.matchAll(/()()\bimport\(\s*['"]([^'"]+)['"]\s*\)/g),
  ];
  return found.map((m) => {
    const spec = m[3] ?? '';
    return {
      spec,
      typeOnly: Boolean(m[2]),
      target: spec.startsWith('.') ? resolve(file, '..', spec) : null,
    };
  });
}

const inside = (path: string | null, dir: string) => path?.startsWith(`${dir}/`) === true;
const rel = (file: string) => relative(SRC, file);

describe('architecture', () => {
  it('keeps src/domain pure: only relative imports inside domain, no clock, no environment', () => {
    const offenders: string[] = [];
    for (const file of sourceFiles(at('domain'))) {
      for (const i of importsOf(file)) {
        if (!inside(i.target, at('domain'))) offenders.push(`${rel(file)} imports ${i.spec}`);
      }
      const text = readFileSync(file, 'utf8');
      if (/\bDate\.now\(|new Date\(\)|process\.env/.test(text)) {
        offenders.push(`${rel(file)} reads the clock or the environment`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('keeps src/app off the adapters, the wiring, the local workspace and the CLI', () => {
    const outer = ['adapters', 'wiring', 'local', 'cli'].map((d) => at(d));
    const offenders = sourceFiles(at('app')).flatMap((file) =>
      importsOf(file)
        .filter(
          (i) =>
            outer.some((d) => inside(i.target, d)) ||
            /^(?:better-sqlite3|drizzle-orm|@slack\/|jsforce|pg|prom-client)/.test(i.spec),
        )
        .map((i) => `${rel(file)} imports ${i.spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it('keeps SQL and the database handle out of src/app', () => {
    const sql =
      /['"`][^'"`]*\b(?:select\s[^'"`]*\bfrom|insert\s+into|delete\s+from|update\s+\w+\s+set)\b/i;
    const offenders = sourceFiles(at('app'))
      .filter((file) => {
        const text = readFileSync(file, 'utf8');
        return sql.test(text) || /\$client\b|\bDb\b/.test(text);
      })
      .map(rel);
    expect(offenders).toEqual([]);
  });

  it('keeps adapters from importing one another (the two stores share store-rows/ only)', () => {
    // the one exception: adapters/store-rows/ holds what the SQLite and the PostgreSQL store
    // share (row shapes, column encodings); both may import it, and it imports neither
    const shared = 'store-rows';
    const mayShare = ['storage', 'postgres'];
    const offenders: string[] = [];
    for (const file of sourceFiles(at('adapters'))) {
      const own = relative(at('adapters'), file).split('/')[0];
      for (const i of importsOf(file)) {
        if (!inside(i.target, at('adapters'))) continue;
        const other = relative(at('adapters'), i.target!).split('/')[0];
        if (other === own || (other === shared && mayShare.includes(own!))) continue;
        offenders.push(`${rel(file)} imports ${i.spec}`);
      }
    }
    // and store-rows/ itself reaches only the ports and the domain (and libraries)
    for (const file of sourceFiles(at('adapters', shared))) {
      for (const i of importsOf(file)) {
        if (i.target === null || inside(i.target, at('adapters', shared))) continue;
        if (!inside(i.target, at('app', 'ports')) && !inside(i.target, at('domain'))) {
          offenders.push(`${rel(file)} imports ${i.spec}`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });

  it('lets adapters use only the ports and the results of the use cases, never run one', () => {
    const offenders = sourceFiles(at('adapters')).flatMap((file) =>
      importsOf(file)
        .filter(
          (i) =>
            inside(i.target, at('app')) && !inside(i.target, at('app', 'ports')) && !i.typeOnly,
        )
        .map((i) => `${rel(file)} imports ${i.spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it('builds adapters only in src/wiring, src/local, src/cli and the entry points', () => {
    const roots = [at('wiring'), at('local'), at('cli'), at('adapters')];
    const entries = [at('main.ts'), at('cli.ts')];
    const offenders = sourceFiles(SRC)
      .filter((file) => !roots.some((d) => inside(file, d)) && !entries.includes(file))
      .flatMap((file) =>
        importsOf(file)
          .filter((i) => inside(i.target, at('adapters')) && !i.typeOnly)
          .map((i) => `${rel(file)} imports ${i.spec}`),
      );
    expect(offenders).toEqual([]);
  });

  it('opens a store only in wiring/open-store.ts: everything else gets the Store', () => {
    const stores = [at('adapters', 'storage'), at('adapters', 'postgres')];
    const offenders = sourceFiles(SRC)
      .filter((file) => !inside(file, at('adapters')) && file !== at('wiring', 'open-store.ts'))
      .flatMap((file) =>
        importsOf(file)
          .filter((i) => stores.some((d) => inside(i.target, d)) && !i.typeOnly)
          .map((i) => `${rel(file)} imports ${i.spec}`),
      );
    expect(offenders).toEqual([]);
  });

  it('keeps process.env inside config.ts', () => {
    const offenders = sourceFiles(SRC)
      .filter((f) => !f.endsWith('/config.ts'))
      .filter((f) => readFileSync(f, 'utf8').includes('process.env'))
      .map(rel);
    expect(offenders).toEqual([]);
  });
});
