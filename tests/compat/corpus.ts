/**
 * Where the shared test corpus lives and how to read it. The corpus (vectors and
 * URI cases transcribed from public projects, some GPL) is read at test time and
 * never copied into this repository.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** $KEYSLOT_CORPUS, or ../shared/corpus next to the repository. */
export function corpusDir(): string {
  const fromEnv = process.env.KEYSLOT_CORPUS;
  return fromEnv && fromEnv.trim() !== '' ? path.resolve(fromEnv) : path.resolve(repoRoot, '../shared/corpus');
}

export function corpusPath(...parts: string[]): string {
  return path.join(corpusDir(), ...parts);
}

export function corpusExists(): boolean {
  return existsSync(corpusDir());
}

/** Parses a JSON file of the corpus (path relative to the corpus root). */
export function readCorpusJson<T = unknown>(...parts: string[]): T {
  const file = corpusPath(...parts);
  if (!existsSync(file)) throw new Error(`Corpus file missing: ${file}`);
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

/** Outcome of one corpus item, for the summary table. */
export type Verdict = 'agreed' | 'deliberate difference' | 'unsupported by choice';

/** Collects per-source verdict counts and prints them as a table at the end of a file. */
export class Tally {
  private readonly rows = new Map<string, Map<Verdict, number>>();

  add(source: string, verdict: Verdict): void {
    const row = this.rows.get(source) ?? new Map<Verdict, number>();
    row.set(verdict, (row.get(verdict) ?? 0) + 1);
    this.rows.set(source, row);
  }

  print(title: string, columns: Verdict[]): void {
    const header = ['source', ...columns, 'total'];
    const body = [...this.rows].map(([source, row]) => {
      const counts = columns.map((c) => row.get(c) ?? 0);
      return [source, ...counts.map(String), String(counts.reduce((a, b) => a + b, 0))];
    });
    const totals = columns.map((_, i) => body.reduce((sum, r) => sum + Number(r[i + 1]), 0));
    body.push(['TOTAL', ...totals.map(String), String(totals.reduce((a, b) => a + b, 0))]);
    const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
    const line = (cells: string[]) =>
      cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ');
    const rule = widths.map((w) => '-'.repeat(w)).join('-|-');
    console.log([``, title, line(header), rule, ...body.slice(0, -1).map(line), rule, line(body.at(-1)!)].join('\n'));
  }
}
