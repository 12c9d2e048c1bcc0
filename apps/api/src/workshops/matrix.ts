// The trainer's matrix (issue 11; workshops-reference.md part (c)): every seat graded live from its tenant's snapshot
// (scenario-port.ts gradeTenant), the first pass of each objective recorded (passedAt, an objective.passed event),
// score after hint penalties, stuck, collateral codes. A seat is re-graded only when its tenant changed: the change
// signature is one grouped read of the seats' audit logs and lab objects (every store write records an audit line in
// its transaction) plus the seat row's version, so a dashboard polling every second costs a few indexed reads.
import { randomUUID } from "node:crypto";
import { isStuck, rankScoreboard, seatEndsAt, seatScore, seatState, type HintPolicy, type HintRef, type RevealedHint, type TraineeCell, type TraineeRow } from "@certlab/domain/workshops/workshops";

export type { TraineeCell, TraineeRow } from "@certlab/domain/workshops/workshops";
import type { Db } from "../db/client.ts";
import { fastAll } from "../db/fast-read.ts";
import type { Workshop, WorkshopSeat } from "../generated/sqlite/client.ts";
import { gradeTenant, workshopSeed, type Scenario, type SeatGrade } from "./scenario-port.ts";

export type WorkshopRow = Workshop;
export type SeatRow = WorkshopSeat;

export const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export function scenarioOf(w: WorkshopRow): Scenario {
  return JSON.parse(w.scenario) as Scenario;
}
export const releasedOf = (w: WorkshopRow) => JSON.parse(w.releasedHints) as (HintRef & { at: string })[];
export const revealedOf = (s: SeatRow) => JSON.parse(s.revealedHints) as RevealedHint[];
export const passedAtOf = (s: SeatRow) => JSON.parse(s.passedAt) as Record<string, string>;

/** "ended" once ended by the trainer or when the time is up. */
export function effectiveState(w: WorkshopRow, now = new Date()): "running" | "ended" {
  return w.state === "ended" || now.getTime() >= w.endsAt.getTime() ? "ended" : "running";
}

/** One seat's state: the workshop's, except that a seat the trainer gave extra time runs until its own end. */
export function seatEffectiveState(w: WorkshopRow, seat: SeatRow, now = new Date()): "running" | "ended" {
  return seatState(w, seat, now);
}

/** When this seat's time is up (the workshop's end, or the seat's own later one). */
export function seatEnd(w: WorkshopRow, seat: SeatRow): Date {
  return seatEndsAt(w.endsAt, seat.endsAt);
}

// ── Change signatures

type SigRow = { tenantId: string; n: number | bigint; m: unknown };

/** tenantId → a string that changes whenever anything in that tenant is written. */
export async function tenantSignatures(db: Db, tenantIds: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>(tenantIds.map((t) => [t, ""]));
  if (!tenantIds.length) return out;
  const marks = tenantIds.map(() => "?").join(",");
  const [audit, lab] = await Promise.all([
    fastAll<SigRow>(db, `SELECT "tenantId", COUNT(*) AS n, MAX("activityDateTime") AS m FROM "AuditLog" WHERE "tenantId" IN (${marks}) GROUP BY "tenantId"`, [...tenantIds]),
    fastAll<SigRow>(db, `SELECT "tenantId", SUM("version") AS n, MAX("lastModifiedDateTime") AS m FROM "LabObject" WHERE "tenantId" IN (${marks}) GROUP BY "tenantId"`, [...tenantIds]),
  ]);
  for (const r of audit) out.set(r.tenantId, `${out.get(r.tenantId)}a${String(r.n)}@${String(r.m)}`);
  for (const r of lab) out.set(r.tenantId, `${out.get(r.tenantId)}l${String(r.n)}@${String(r.m)}`);
  return out;
}

/** Changes whenever the workshop, any seat row, or any seat tenant changes (and once a minute, for "stuck"). */
export async function workshopSignature(db: Db, workshopId: string): Promise<string> {
  const w = await fastAll<{ version: number }>(db, `SELECT "version" FROM "Workshop" WHERE "id" = ?`, [workshopId]);
  const seats = await fastAll<{ id: string; tenantId: string; version: number }>(db, `SELECT "id", "tenantId", "version" FROM "WorkshopSeat" WHERE "workshopId" = ? ORDER BY "seatNumber"`, [workshopId]);
  const sigs = await tenantSignatures(db, seats.map((s) => s.tenantId));
  return [String(w[0]?.version), Math.floor(Date.now() / 60_000), ...seats.map((s) => `${s.id}:${s.version}:${sigs.get(s.tenantId)}`)].join("|");
}

// ── Grades, cached by the tenant's signature (derived from committed database state, so any process may hold one)

const gradeCache = new Map<string, { key: string; grade: SeatGrade }>();
const CACHE_LIMIT = 2_000;

/** Grades being computed, by tenant and signature: the dashboard's poll and the trainee's read share one. */
const inflight = new Map<string, Promise<SeatGrade>>();

export async function gradeSeat(db: Db, w: WorkshopRow, seat: SeatRow, signature?: string): Promise<SeatGrade> {
  if (signature === undefined) return gradeTenant(db, seat.tenantId, scenarioOf(w));
  const key = `${w.contentHash}:${signature}`;
  const hit = gradeCache.get(seat.tenantId);
  if (hit && hit.key === key) return hit.grade;
  const flightKey = `${seat.tenantId}|${key}`;
  const running = inflight.get(flightKey);
  if (running) return running;
  const p = gradeTenant(db, seat.tenantId, scenarioOf(w))
    .then((grade) => {
      if (gradeCache.size >= CACHE_LIMIT) gradeCache.delete(gradeCache.keys().next().value!);
      gradeCache.set(seat.tenantId, { key, grade });
      return grade;
    })
    .finally(() => inflight.delete(flightKey));
  inflight.set(flightKey, p);
  return p;
}

/** Records first passes (passedAt + an objective.passed event) and returns the seat as stored afterwards. */
async function recordPasses(db: Db, w: WorkshopRow, seat: SeatRow, grade: SeatGrade): Promise<SeatRow> {
  if (!seat.joinedAt) return seat;
  const passedAt = passedAtOf(seat);
  const fresh = grade.evaluation.objectives.filter((o) => o.passed && !passedAt[o.id]);
  if (!fresh.length) return seat;
  const now = new Date();
  for (const o of fresh) passedAt[o.id] = now.toISOString();
  // Conditional on the version read: when two pollers see the same pass, one records it.
  const done = await db.workshopSeat.updateMany({
    where: { id: seat.id, version: seat.version },
    data: { passedAt: JSON.stringify(passedAt), progressAt: now, version: { increment: 1 } },
  });
  if (done.count === 0) return (await db.workshopSeat.findUnique({ where: { id: seat.id } })) ?? seat;
  await db.workshopEvent.createMany({
    data: fresh.map((o) => ({ id: randomUUID(), workshopId: w.id, seatId: seat.id, actor: "system", type: "objective.passed", data: JSON.stringify({ objectiveId: o.id }) })),
  });
  return { ...seat, passedAt: JSON.stringify(passedAt), progressAt: now, version: seat.version + 1 };
}

export function traineeRow(w: WorkshopRow, seat: SeatRow, grade: SeatGrade, now = new Date()): TraineeRow {
  const scenario = scenarioOf(w);
  const passedAt = passedAtOf(seat);
  const revealed = revealedOf(seat);
  const passed = new Set(grade.evaluation.objectives.filter((o) => o.passed).map((o) => o.id));
  const { score, maxScore } = seatScore(scenario.objectives, passed, revealed);
  const objectives: Record<string, TraineeCell> = {};
  for (const o of grade.evaluation.objectives) objectives[o.id] = { passed: o.passed, activeCodes: o.activeCodes, passedAt: o.passed ? (passedAt[o.id] ?? null) : null };
  const passTimes = Object.values(objectives).flatMap((c) => (c.passedAt ? [c.passedAt] : [])).sort();
  return {
    seatId: seat.id,
    seatNumber: seat.seatNumber,
    displayName: seat.displayName,
    joinedAt: iso(seat.joinedAt),
    lastActivityAt: iso(seat.lastActivityAt),
    stuck: isStuck({ joinedAt: iso(seat.joinedAt), progressAt: iso(seat.progressAt), allPassed: passed.size === scenario.objectives.length }, now),
    score,
    maxScore,
    objectives,
    collateral: [...new Set(grade.evaluation.collateral.map((f) => f.code))].sort(),
    resets: seat.resets,
    hintsUsed: revealed.length,
    lastPassAt: passTimes.at(-1) ?? null,
    endsAt: seat.endsAt && seat.endsAt.getTime() > w.endsAt.getTime() ? seat.endsAt.toISOString() : null,
  };
}

/** Every seat graded (re-graded only where its tenant changed) and first passes recorded. */
export async function gradeSeats(db: Db, w: WorkshopRow): Promise<{ seat: SeatRow; grade: SeatGrade }[]> {
  const seats = await db.workshopSeat.findMany({ where: { workshopId: w.id }, orderBy: { seatNumber: "asc" } });
  const sigs = await tenantSignatures(db, seats.map((s) => s.tenantId));
  const out: { seat: SeatRow; grade: SeatGrade }[] = [];
  for (const s of seats) {
    const grade = await gradeSeat(db, w, s, sigs.get(s.tenantId) ?? "");
    out.push({ seat: await recordPasses(db, w, s, grade), grade });
  }
  return out;
}

export async function gradeOneSeat(db: Db, w: WorkshopRow, seat: SeatRow): Promise<{ seat: SeatRow; grade: SeatGrade }> {
  const sigs = await tenantSignatures(db, [seat.tenantId]);
  const grade = await gradeSeat(db, w, seat, sigs.get(seat.tenantId) ?? "");
  return { seat: await recordPasses(db, w, seat, grade), grade };
}

export function workshopHeader(w: WorkshopRow, now = new Date()) {
  const scenario = scenarioOf(w);
  return {
    id: w.id,
    name: w.name,
    scenario: { id: w.scenarioId, version: w.scenarioVersion, title: w.scenarioTitle, contentHash: w.contentHash },
    joinCode: w.joinCode,
    // Each seat's lab seed is this plus the seat's index (scenario-port.ts seatSeed); the drawer shows the values.
    seed: workshopSeed(w),
    seats: w.seats,
    timeLimitMinutes: w.timeLimitMinutes,
    hintPolicy: w.hintPolicy as HintPolicy,
    state: effectiveState(w, now),
    startedAt: w.startedAt.toISOString(),
    endsAt: w.endsAt.toISOString(),
    // Set when the trainer ended it (state "ended" alone may also mean the time is up, which extending reopens).
    endedAt: iso(w.endedAt),
    releasedHints: releasedOf(w).map(({ objectiveId, hintId }) => ({ objectiveId, hintId })),
    objectives: scenario.objectives.map((o) => ({ id: o.id, title: o.title, points: o.points, hints: o.hints.map((h) => ({ id: h.id, penalty: h.penalty })) })),
  };
}

/** GET /api/workshops/{id} and the SSE "matrix" event. */
export async function workshopMatrix(db: Db, w: WorkshopRow) {
  const now = new Date();
  const graded = await gradeSeats(db, w);
  return { ...workshopHeader(w, now), trainees: graded.map(({ seat, grade }) => traineeRow(w, seat, grade, now)) };
}

export async function scoreboard(db: Db, w: WorkshopRow) {
  const m = await workshopMatrix(db, w);
  const rows = rankScoreboard(
    m.trainees
      .filter((t) => t.joinedAt)
      .map((t) => ({ seatId: t.seatId, name: t.displayName ?? `Seat ${t.seatNumber}`, score: t.score, objectivesDone: Object.values(t.objectives).filter((c) => c.passed).length, lastPassAt: t.lastPassAt })),
  );
  return { id: w.id, name: w.name, state: m.state, endsAt: m.endsAt, objectives: m.objectives.length, maxScore: m.trainees[0]?.maxScore ?? 0, rows };
}
