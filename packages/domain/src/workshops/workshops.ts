// Workshops (issue 11 part 4): the request bodies, the join code, the hint policy, the stuck rule, the score and the
// scoreboard order, and the export's columns. Pure: the API, the portal and docs/workshops.md read these, never a copy.
// Design after shared/design/workshops-reference.md parts (b) "Workshop and lab" and (c) "What the trainer dashboard
// should show": scoreboard derived, ranked by points then the time of the last pass; objective reset; stuck flags.
import { z } from "zod";

export const HINT_POLICIES = ["on", "off", "trainer-released"] as const;
export type HintPolicy = (typeof HINT_POLICIES)[number];
export const WORKSHOP_STATES = ["running", "ended"] as const;
export type WorkshopState = (typeof WORKSHOP_STATES)[number];

export const WORKSHOP_LIMITS = {
  seats: { min: 1, max: 50 },
  timeLimitMinutes: { min: 5, max: 600 },
  extendMinutes: { min: 1, max: 240 },
  nameLength: 120,
  displayNameLength: 64,
} as const;

const ZKebab = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: "must be kebab-case, e.g. 'o-iusrs'" });

export const ZWorkshopCreate = z.strictObject({
  name: z.string().trim().min(1, { error: "must not be empty" }).max(WORKSHOP_LIMITS.nameLength),
  scenarioId: ZKebab.describe("The id of a shipped scenario (GET /api/scenarios)"),
  seats: z.number().int().min(WORKSHOP_LIMITS.seats.min).max(WORKSHOP_LIMITS.seats.max),
  timeLimitMinutes: z.number().int().min(WORKSHOP_LIMITS.timeLimitMinutes.min).max(WORKSHOP_LIMITS.timeLimitMinutes.max),
  hintPolicy: z.enum(HINT_POLICIES),
});
export type WorkshopCreate = z.infer<typeof ZWorkshopCreate>;

export const ZHintRef = z.strictObject({ objectiveId: ZKebab, hintId: ZKebab });
export type HintRef = z.infer<typeof ZHintRef>;

export const ZWorkshopExtend = z.strictObject({
  minutes: z.number().int().min(WORKSHOP_LIMITS.extendMinutes.min).max(WORKSHOP_LIMITS.extendMinutes.max),
});

/** Unambiguous alphabet: no 0/O, 1/I/L, 2/Z, 5/S, 8/B. */
export const JOIN_CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679";
export const JOIN_CODE_LENGTH = 7;

export const ZJoinCode = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase().replace(/[\s-]/g, ""))
  .pipe(z.string().regex(new RegExp(`^[${JOIN_CODE_ALPHABET}]{6,8}$`), { error: "must be the 6–8 character join code the trainer shows" }));

export const ZWorkshopJoin = z.strictObject({
  code: ZJoinCode,
  displayName: z.string().trim().min(1, { error: "must not be empty" }).max(WORKSHOP_LIMITS.displayNameLength),
});

/** A join code from random bytes (the caller supplies them: the domain does no I/O). Rejection sampling, no bias. */
export function joinCodeFrom(randomBytes: Uint8Array, length = JOIN_CODE_LENGTH): string {
  const n = JOIN_CODE_ALPHABET.length;
  const limit = 256 - (256 % n);
  let out = "";
  for (const b of randomBytes) {
    if (b >= limit) continue;
    out += JOIN_CODE_ALPHABET[b % n];
    if (out.length === length) return out;
  }
  throw new Error("joinCodeFrom: not enough random bytes");
}

/** The seat tenant's initial domain, e.g. wsacd3efg-seat2.onmicrosoft.com. */
export function seatDomain(joinCode: string, seatNumber: number): string {
  return `ws${joinCode.toLowerCase()}-seat${seatNumber}.onmicrosoft.com`;
}

// ── Time

/**
 * When a seat's time is up: the workshop's end, or the seat's own end when the trainer gave that trainee extra time
 * and it is later (extending the whole workshop past it makes the workshop's end count again).
 */
export function seatEndsAt(workshopEndsAt: Date, seatEnd: Date | null): Date {
  return seatEnd && seatEnd.getTime() > workshopEndsAt.getTime() ? seatEnd : workshopEndsAt;
}

/** A seat is "ended" once the trainer ended the workshop (every seat), or when the seat's time is up. */
export function seatState(workshop: { state: string; endsAt: Date }, seat: { endsAt: Date | null }, now: Date): WorkshopState {
  return workshop.state === "ended" || now.getTime() >= seatEndsAt(workshop.endsAt, seat.endsAt).getTime() ? "ended" : "running";
}

/** The end after adding `minutes`: time that already ran out is given back from `now`, not from the old end. */
export function extendedEnd(currentEnd: Date, minutes: number, now: Date): Date {
  return new Date(Math.max(currentEnd.getTime(), now.getTime()) + minutes * 60_000);
}

// ── Hints

export type RevealedHint = { objectiveId: string; hintId: string; penalty: number; at: string };

/** Whether a trainee may reveal the hint: the policy is "on", or the trainer released it (any policy). */
export function hintAvailable(policy: HintPolicy, released: readonly HintRef[], ref: HintRef): boolean {
  return policy === "on" || released.some((r) => r.objectiveId === ref.objectiveId && r.hintId === ref.hintId);
}

// ── Score

export type ScoredObjective = { id: string; points: number };

/**
 * A seat's score: each passed objective's points minus the penalties of the hints revealed for it (never below 0);
 * a failing objective scores 0 (shared/design/workshops-reference.md: "points (after penalties)").
 */
export function seatScore(objectives: readonly ScoredObjective[], passed: ReadonlySet<string>, revealed: readonly RevealedHint[]) {
  let score = 0;
  let maxScore = 0;
  const perObjective: Record<string, number> = {};
  for (const o of objectives) {
    maxScore += o.points;
    const penalty = revealed.filter((h) => h.objectiveId === o.id).reduce((s, h) => s + h.penalty, 0);
    const points = passed.has(o.id) ? Math.max(0, o.points - penalty) : 0;
    perObjective[o.id] = points;
    score += points;
  }
  return { score, maxScore, perObjective };
}

// ── Stuck

/** No progress (join, a first pass, a reset) for this long while objectives remain open: the dashboard flags it. */
export const STUCK_AFTER_MINUTES = 10;

export function isStuck(
  seat: { joinedAt: string | null; progressAt: string | null; allPassed: boolean },
  now: Date,
  afterMinutes = STUCK_AFTER_MINUTES,
): boolean {
  if (!seat.joinedAt || seat.allPassed) return false;
  const since = Date.parse(seat.progressAt ?? seat.joinedAt);
  return now.getTime() - since >= afterMinutes * 60_000;
}

// ── Scoreboard

export type ScoreboardInput = { seatId: string; name: string; score: number; objectivesDone: number; lastPassAt: string | null };
export type ScoreboardRow = ScoreboardInput & { rank: number };

/** Ranked by score (descending), then the time of the last pass (ascending; none last); ties share a rank. */
export function rankScoreboard(rows: readonly ScoreboardInput[]): ScoreboardRow[] {
  const last = (r: ScoreboardInput) => (r.lastPassAt ? Date.parse(r.lastPassAt) : Number.POSITIVE_INFINITY);
  const sorted = [...rows].sort((a, b) => b.score - a.score || last(a) - last(b) || a.name.localeCompare(b.name));
  const out: ScoreboardRow[] = [];
  sorted.forEach((r, i) => {
    const prev = out[i - 1];
    const tie = prev && prev.score === r.score && last(sorted[i - 1]!) === last(r);
    out.push({ ...r, rank: tie ? prev.rank : i + 1 });
  });
  return out;
}

// ── Export

/** One row per trainee × objective (GET /api/workshops/{id}/export.csv and export.json). */
export const EXPORT_COLUMNS = ["seat", "name", "seed", "objective", "passed", "passedAt", "points", "hintsUsed"] as const;
/** `seed`: the seat lab's seed, which picked its variant of the scenario (the values of its variables). */
export type ExportRow = { seat: number; name: string; seed: number; objective: string; passed: boolean; passedAt: string | null; points: number; hintsUsed: number };

/** RFC 4180 CSV; a cell starting with = + - @ gets a leading ' so a spreadsheet doesn't run it as a formula. */
export function exportCsv(rows: readonly ExportRow[]): string {
  const cell = (v: unknown) => {
    let s = v === null || v === undefined ? "" : String(v);
    if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [EXPORT_COLUMNS.join(","), ...rows.map((r) => EXPORT_COLUMNS.map((c) => cell(r[c])).join(","))].join("\r\n") + "\r\n";
}

/** Event types of the append-only workshop log. */
export const WORKSHOP_EVENT_TYPES = [
  "created",
  "joined",
  "hint.revealed",
  "hint.released",
  "lab.reset",
  "objective.reset",
  "objective.passed",
  "extended",
  "seat.extended",
  "ended",
] as const;
export type WorkshopEventType = (typeof WORKSHOP_EVENT_TYPES)[number];

/** One cell of the trainer's matrix (GET /api/workshops/{id}): an objective on one seat's lab, graded live. */
export type TraineeCell = { passed: boolean; activeCodes: string[]; passedAt: string | null };

/** One row of the trainer's matrix: a seat, its trainee and its grade (the API builds it, the dashboard shows it). */
export type TraineeRow = {
  seatId: string;
  seatNumber: number;
  displayName: string | null;
  joinedAt: string | null;
  lastActivityAt: string | null;
  stuck: boolean;
  score: number;
  maxScore: number;
  objectives: Record<string, TraineeCell>;
  collateral: string[];
  resets: number;
  hintsUsed: number;
  lastPassAt: string | null;
  /** This seat's own end when the trainer gave this trainee extra time beyond the workshop's end; null otherwise. */
  endsAt: string | null;
};
