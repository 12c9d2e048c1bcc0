// Every guide, one per seed document (issue 8). The API evaluates them (GET /api/guides), docs/guides.md is
// generated from them (scripts/gen-guides-doc.ts) and the tests follow them from the fresh lab.
import { SEED_000_GUIDE } from "./seed-000";
import { SEED_001_GUIDE } from "./seed-001";
import { SEED_002_GUIDE } from "./seed-002";
import { SEED_003_GUIDE } from "./seed-003";
import { SEED_004_GUIDE } from "./seed-004";
import type { Guide } from "./types";

export const ALL_GUIDES: readonly Guide[] = [SEED_000_GUIDE, SEED_001_GUIDE, SEED_002_GUIDE, SEED_003_GUIDE, SEED_004_GUIDE];

export function findGuide(id: string): Guide | undefined {
  return ALL_GUIDES.find((g) => g.id === id);
}

/** The guides `guide` builds on, transitively, each once, in the order they are followed. */
export function prerequisitesOf(guide: Guide): Guide[] {
  const out: Guide[] = [];
  const visit = (g: Guide) => {
    for (const id of g.prerequisites ?? []) {
      const p = findGuide(id);
      if (!p) throw new Error(`guide ${g.id}: unknown prerequisite ${id}`);
      visit(p);
      if (!out.includes(p)) out.push(p);
    }
  };
  visit(guide);
  return out;
}
