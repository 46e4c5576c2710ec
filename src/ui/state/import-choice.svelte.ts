/**
 * Which entries of an import preview the person chose (issue 15): every entry that would import
 * is chosen at first; each can be left out, or all chosen / none. Entries that would not import
 * (duplicates, unsupported, unreadable) are not choosable: they are reported as planned, except
 * a duplicate of an entry left out (core/importers/plan.ts includeChosen).
 */
import { includeChosen, type PlannedEntry } from '../../core/importers/plan';

export class ImportChoice {
  /** The preview's plan (planImport), set once the file is read. */
  plan = $state.raw<readonly PlannedEntry[]>([]);
  /** Indexes (into the plan) of the chosen entries. */
  chosen = $state.raw<ReadonlySet<number>>(new Set());

  /** Indexes of the entries that would import, so can be chosen. */
  readonly choosable = $derived.by(() => {
    const out: number[] = [];
    this.plan.forEach((p, i) => {
      if (p.action === 'import') out.push(i);
    });
    return out;
  });
  readonly count = $derived(this.chosen.size);
  readonly allChosen = $derived(this.choosable.length > 0 && this.chosen.size === this.choosable.length);

  /** A new preview: every entry that would import is chosen. */
  reset(plan: readonly PlannedEntry[]): void {
    this.plan = plan;
    this.chosen = new Set(this.choosable);
  }

  isChosen(index: number): boolean {
    return this.chosen.has(index);
  }

  /** Choose or leave out one entry; an entry that would not import stays out. */
  set(index: number, on: boolean): void {
    if (this.plan[index]?.action !== 'import' || this.chosen.has(index) === on) return;
    const next = new Set(this.chosen);
    if (on) next.add(index);
    else next.delete(index);
    this.chosen = next;
  }

  selectAll(): void {
    this.chosen = new Set(this.choosable);
  }

  selectNone(): void {
    this.chosen = new Set();
  }

  /** The choice as runImport's `include` (by entry index). */
  include(): (index: number) => boolean {
    return includeChosen(this.plan, this.chosen);
  }
}
