// Workshops (issue 11 part 4): the trainer's API under /api/workshops, the trainee's under /api/workshop, and the
// public join routes. A workshop belongs to the trainer USER who created it: anybody else (another trainer, even in
// the same directory) gets 404 for it. Each seat is its own tenant (provision.ts); the matrix is graded live from the
// seats' tenants (matrix.ts). Trainees never see solutions, fault descriptions, other seats or the dashboard.
import { randomBytes, randomUUID } from "node:crypto";
import { Router, type Request, type Response } from "express";
import { z } from "zod";
import {
  exportCsv,
  extendedEnd,
  hintAvailable,
  joinCodeFrom,
  ZHintRef,
  ZWorkshopCreate,
  ZWorkshopExtend,
  ZWorkshopJoin,
  type ExportRow,
  type HintPolicy,
  type RevealedHint,
} from "@certlab/domain/workshops/workshops";
import type { Db } from "../db/client.ts";
import { requirePermission } from "../auth/middleware.ts";
import { newSecret, sha256 } from "../auth/secrets.ts";
import { originOf, requirePrincipal, type Principal } from "../http/context.ts";
import { AppError, badRequest } from "../http/errors.ts";
import { parseBody, parseWith } from "../http/validate.ts";
import { recordAudit } from "../store/audit.ts";
import {
  effectiveState,
  gradeOneSeat,
  gradeSeats,
  iso,
  passedAtOf,
  releasedOf,
  revealedOf,
  scenarioOf,
  scoreboard,
  seatEffectiveState,
  seatEnd,
  traineeRow,
  workshopHeader,
  workshopMatrix,
  workshopSignature,
  type SeatRow,
  type WorkshopRow,
} from "./matrix.ts";
import { deleteSeatTenants, loadSeat, provisionSeats, type SeatTenant } from "./provision.ts";
import { contentHash, shippedScenario, type Scenario } from "./scenario-port.ts";
import { seatOfTenant, workshopEnded } from "./seat-guard.ts";
import { signInAsSeat } from "./seat-session.ts";

const EVENT_POLL_MS = 500;
const HEARTBEAT_MS = 15_000;

const noWorkshop = (id: string) => new AppError("notFound", `No workshop '${id}'. GET /api/workshops lists yours.`);

async function event(db: Db, workshopId: string, type: string, actor: "trainee" | "trainer" | "system", data: object = {}, seatId?: string) {
  await db.workshopEvent.create({ data: { id: randomUUID(), workshopId, seatId: seatId ?? null, actor, type, data: JSON.stringify(data) } });
}

/** The caller's own workshop, or 404 (another trainer's is indistinguishable from none). */
async function owned(db: Db, req: Request): Promise<WorkshopRow> {
  requirePermission(req, "workshops.manage");
  const p = requirePrincipal(req);
  const id = String(req.params.id);
  const w = await db.workshop.findUnique({ where: { id } });
  if (!w || w.trainerUserId !== p.userId || w.trainerTenantId !== p.tenantId) throw noWorkshop(id);
  return w;
}

async function ownedSeat(db: Db, w: WorkshopRow, seatId: string): Promise<SeatRow> {
  const seat = await db.workshopSeat.findUnique({ where: { id: seatId } });
  if (!seat || seat.workshopId !== w.id) throw new AppError("notFound", `No seat '${seatId}' in this workshop.`);
  return seat;
}

/** 409 once the workshop (or, for an action on one seat, that seat's time) has ended. */
function requireRunning(w: WorkshopRow, seat?: SeatRow): void {
  if ((seat ? seatEffectiveState(w, seat) : effectiveState(w)) === "ended") throw new AppError("conflict", "The workshop has ended.", { code: "WorkshopEnded" });
}

function objectiveAndHint(scenario: Scenario, ref: { objectiveId: string; hintId: string }) {
  const o = scenario.objectives.find((x) => x.id === ref.objectiveId);
  if (!o) throw badRequest(`The scenario has no objective '${ref.objectiveId}'.`, [{ code: "InvalidValue", target: "objectiveId", message: `Objectives: ${scenario.objectives.map((x) => x.id).join(", ")}.` }]);
  const h = o.hints.find((x) => x.id === ref.hintId);
  if (!h) throw badRequest(`Objective '${o.id}' has no hint '${ref.hintId}'.`, [{ code: "InvalidValue", target: "hintId", message: `Hints: ${o.hints.map((x) => x.id).join(", ") || "none"}.` }]);
  return { objective: o, hint: h };
}

async function newJoinCode(db: Db): Promise<string> {
  for (let i = 0; i < 20; i++) {
    const code = joinCodeFrom(randomBytes(64));
    if (!(await db.workshop.findUnique({ where: { joinCode: code }, select: { id: true } }))) return code;
  }
  throw new Error("could not find a free join code");
}

const seatLink = (req: Request, token: string) => `${originOf(req)}/api/workshops/seat/${token}`;

async function issueSeatToken(db: Db, seatId: string): Promise<string> {
  const token = newSecret();
  await db.workshopSeat.update({ where: { id: seatId }, data: { seatTokenHash: sha256(token) } });
  return token;
}

/** The trainee's own view: tasks, hints (text only once revealed), points; never solutions or faults. The texts are
 * the seat's variant (the values its seed picked for the scenario's variables). */
async function traineeView(db: Db, w: WorkshopRow, seatRow: SeatRow) {
  const { seat, grade } = await gradeOneSeat(db, w, seatRow);
  const scenario = grade.scenario;
  const row = traineeRow(w, seat, grade);
  const released = releasedOf(w);
  const revealed = revealedOf(seat);
  const policy = w.hintPolicy as HintPolicy;
  return {
    workshopName: w.name,
    seatNumber: seat.seatNumber,
    displayName: seat.displayName,
    endsAt: seatEnd(w, seat).toISOString(),
    state: seatEffectiveState(w, seat),
    hintPolicy: policy,
    // The ticket, with this seat's values of the scenario's variables.
    briefing: scenario.briefing.markdown,
    objectives: scenario.objectives.map((o) => ({
      id: o.id,
      title: o.title,
      task: o.task,
      points: o.points,
      passed: row.objectives[o.id]?.passed ?? false,
      hints: o.hints.map((h) => {
        const shown = revealed.some((r) => r.objectiveId === o.id && r.hintId === h.id);
        return { id: h.id, penalty: h.penalty, revealed: shown, available: shown || hintAvailable(policy, released, { objectiveId: o.id, hintId: h.id }), ...(shown ? { text: h.text } : {}) };
      }),
    })),
    score: row.score,
    maxScore: row.maxScore,
  };
}

/** The seat the signed-in trainee occupies, with its workshop; 404 for anyone else. */
async function mySeat(db: Db, p: Principal): Promise<{ w: WorkshopRow; seat: SeatRow }> {
  const s = await seatOfTenant(db, p.tenantId);
  const seat = s ? await db.workshopSeat.findUnique({ where: { id: s.seatId } }) : null;
  const w = seat ? await db.workshop.findUnique({ where: { id: seat.workshopId } }) : null;
  if (!seat || !w || seat.adminUserId !== p.userId) throw new AppError("notFound", "You are not signed in to a workshop seat. Join with the code your trainer gives you.");
  return { w, seat };
}

async function exportRows(db: Db, w: WorkshopRow): Promise<ExportRow[]> {
  const scenario = scenarioOf(w);
  const graded = await gradeSeats(db, w);
  const rows: ExportRow[] = [];
  for (const { seat, grade } of graded) {
    if (!seat.joinedAt) continue;
    const t = traineeRow(w, seat, grade);
    const revealed = revealedOf(seat);
    for (const o of scenario.objectives) {
      const cell = t.objectives[o.id]!;
      const penalty = revealed.filter((h) => h.objectiveId === o.id).reduce((n, h) => n + h.penalty, 0);
      rows.push({
        seat: seat.seatNumber,
        name: seat.displayName ?? `Seat ${seat.seatNumber}`,
        seed: grade.seed,
        objective: o.id,
        passed: cell.passed,
        passedAt: cell.passedAt,
        points: cell.passed ? Math.max(0, o.points - penalty) : 0,
        hintsUsed: revealed.filter((h) => h.objectiveId === o.id).length,
      });
    }
  }
  return rows;
}

/** Claims a free seat for the trainee (conditional update: two joins never get the same seat). */
async function claimSeat(db: Db, w: WorkshopRow, displayName: string | null, seatId?: string): Promise<SeatRow> {
  for (let attempt = 0; attempt < 60; attempt++) {
    const seat = seatId
      ? await db.workshopSeat.findUnique({ where: { id: seatId } })
      : await db.workshopSeat.findFirst({ where: { workshopId: w.id, joinedAt: null }, orderBy: { seatNumber: "asc" } });
    if (!seat) throw new AppError("conflict", "Every seat of this workshop is taken. Ask your trainer for a seat link.", { code: "WorkshopFull" });
    if (seat.joinedAt) return seat; // a seat link used again by its trainee: the seat is theirs
    const now = new Date();
    const done = await db.workshopSeat.updateMany({
      where: { id: seat.id, joinedAt: null },
      data: { joinedAt: now, progressAt: now, lastActivityAt: now, displayName: displayName ?? `Seat ${seat.seatNumber}`, version: { increment: 1 } },
    });
    if (done.count === 1) {
      await event(db, w.id, "joined", "trainee", { displayName: displayName ?? `Seat ${seat.seatNumber}` }, seat.id);
      return (await db.workshopSeat.findUniqueOrThrow({ where: { id: seat.id } }));
    }
    if (seatId) continue;
  }
  throw new AppError("conflict", "Too many trainees joined at once; try again.", { code: "WorkshopBusy" });
}

/** Public: GET /api/workshops/join/{code}, POST /api/workshops/join, GET /api/workshops/seat/{token}. Before authenticate. */
export function workshopJoinRouter(db: Db): Router {
  const r = Router();
  const byCode = async (raw: unknown) => {
    const code = parseWith(z.object({ code: ZWorkshopJoin.shape.code }), { code: raw }, "join code").code;
    const w = await db.workshop.findUnique({ where: { joinCode: code } });
    if (!w) throw new AppError("notFound", "No workshop has this join code. Check the code your trainer shows.");
    return w;
  };

  r.get("/workshops/join/:code", async (req, res) => {
    const w = await byCode(req.params.code);
    const free = await db.workshopSeat.count({ where: { workshopId: w.id, joinedAt: null } });
    res.json({ name: w.name, scenarioTitle: w.scenarioTitle, state: effectiveState(w), endsAt: w.endsAt.toISOString(), seats: w.seats, seatsFree: free });
  });

  r.post("/workshops/join", async (req, res) => {
    const body = parseBody(ZWorkshopJoin, req.body);
    const w = await byCode(body.code);
    if (effectiveState(w) === "ended") throw workshopEnded();
    const seat = await claimSeat(db, w, body.displayName);
    const { csrfToken } = await signInAsSeat(db, req, res, seat);
    res.json({ seatId: seat.id, seatNumber: seat.seatNumber, redirect: "/", csrfToken });
  });

  // The per-seat link: one use (the token is cleared), then the browser is that seat's admin.
  r.get("/workshops/seat/:token", async (req, res) => {
    const token = String(req.params.token);
    const seat = token.length >= 16 && token.length <= 200 ? await db.workshopSeat.findUnique({ where: { seatTokenHash: sha256(token) } }) : null;
    if (!seat) throw new AppError("notFound", "This seat link is not valid any more. Ask your trainer for a new one.");
    const w = await db.workshop.findUniqueOrThrow({ where: { id: seat.workshopId } });
    if (seatEffectiveState(w, seat) === "ended") throw workshopEnded();
    const used = await db.workshopSeat.updateMany({ where: { id: seat.id, seatTokenHash: seat.seatTokenHash }, data: { seatTokenHash: null } });
    if (used.count !== 1) throw new AppError("notFound", "This seat link is not valid any more. Ask your trainer for a new one.");
    const claimed = await claimSeat(db, w, null, seat.id);
    await signInAsSeat(db, req, res, claimed);
    res.redirect(302, "/");
  });
  return r;
}

/** Authenticated: the trainer's /api/workshops and the trainee's /api/workshop. */
export function workshopsRouter(db: Db): Router {
  const r = Router();

  // ── Trainee

  r.get("/workshop", async (req, res) => {
    const { w, seat } = await mySeat(db, requirePrincipal(req));
    res.json(await traineeView(db, w, seat));
  });

  r.post("/workshop/hints", async (req, res) => {
    const ref = parseBody(ZHintRef, req.body);
    const { w, seat } = await mySeat(db, requirePrincipal(req));
    if (seatEffectiveState(w, seat) === "ended") throw workshopEnded();
    const { hint } = objectiveAndHint(scenarioOf(w), ref);
    const revealed = revealedOf(seat);
    if (!revealed.some((h) => h.objectiveId === ref.objectiveId && h.hintId === ref.hintId)) {
      if (!hintAvailable(w.hintPolicy as HintPolicy, releasedOf(w), ref)) {
        throw new AppError("forbidden", w.hintPolicy === "off" ? "Hints are off in this workshop." : "Your trainer has not released this hint yet.", { code: "HintNotAvailable" });
      }
      const next: RevealedHint[] = [...revealed, { ...ref, penalty: hint.penalty, at: new Date().toISOString() }];
      const done = await db.workshopSeat.updateMany({ where: { id: seat.id, version: seat.version }, data: { revealedHints: JSON.stringify(next), version: { increment: 1 } } });
      if (done.count !== 1) throw new AppError("conflict", "Your seat changed at the same moment; try again.", { code: "Conflict" });
      await event(db, w.id, "hint.revealed", "trainee", { ...ref, penalty: hint.penalty }, seat.id);
    }
    const fresh = await db.workshopSeat.findUniqueOrThrow({ where: { id: seat.id } });
    res.json(await traineeView(db, w, fresh));
  });

  // ── Trainer

  r.get("/workshops", async (req, res) => {
    requirePermission(req, "workshops.manage");
    const p = requirePrincipal(req);
    const rows = await db.workshop.findMany({ where: { trainerTenantId: p.tenantId, trainerUserId: p.userId }, orderBy: { createdDateTime: "desc" } });
    const joined = await db.workshopSeat.groupBy({ by: ["workshopId"], where: { workshopId: { in: rows.map((w) => w.id) }, joinedAt: { not: null } }, _count: { _all: true } });
    const count = new Map(joined.map((j) => [j.workshopId, j._count._all]));
    res.json({ value: rows.map((w) => ({ ...workshopHeader(w), joined: count.get(w.id) ?? 0 })) });
  });

  r.post("/workshops", async (req, res) => {
    requirePermission(req, "workshops.manage");
    const p = requirePrincipal(req);
    const body = parseBody(ZWorkshopCreate, req.body);
    const scenario = shippedScenario(body.scenarioId);
    if (!scenario) throw badRequest(`No shipped scenario '${body.scenarioId}'. GET /api/scenarios lists them.`, [{ code: "InvalidValue", target: "scenarioId", message: "No such scenario." }]);
    const joinCode = await newJoinCode(db);
    const now = new Date();
    const id = randomUUID();
    const created: SeatTenant[] = [];
    try {
      const workshop = await db.workshop.create({
        data: {
          id,
          trainerTenantId: p.tenantId,
          trainerUserId: p.userId,
          name: body.name,
          scenarioId: scenario.id,
          scenarioVersion: scenario.version,
          scenarioTitle: scenario.title,
          contentHash: contentHash(scenario),
          scenario: JSON.stringify(scenario),
          joinCode,
          seats: body.seats,
          timeLimitMinutes: body.timeLimitMinutes,
          hintPolicy: body.hintPolicy,
          startedAt: now,
          endsAt: new Date(now.getTime() + body.timeLimitMinutes * 60_000),
        },
      });
      const seats = await provisionSeats(db, workshop, scenario, req.ctx.requestId, created);
      const links = seats.map((t) => ({ seatId: t.seatId, seatNumber: t.seatNumber, url: seatLink(req, t.token) }));
      await event(db, id, "created", "trainer", { seats: body.seats, scenarioId: scenario.id, scenarioVersion: scenario.version });
      await db.$transaction(async (tx) => {
        await recordAudit(tx, { tenantId: p.tenantId, principal: p, requestId: req.ctx.requestId }, {
          activityDisplayName: "Create workshop",
          category: "Workshops",
          operationType: "Add",
          loggedByService: "Certlab workshops",
          targets: [{ type: "workshop", id, displayName: body.name, modifiedProperties: [{ displayName: "scenario", oldValue: null, newValue: `${scenario.id}@${scenario.version}` }, { displayName: "seats", oldValue: null, newValue: body.seats }] }],
        });
      });
      const w = await db.workshop.findUniqueOrThrow({ where: { id } });
      res.status(201).json({ ...(await workshopMatrix(db, w)), seatLinks: links });
    } catch (err) {
      // Nothing half-made stays: the seats' tenants and the workshop go (the seat rows and events cascade).
      await deleteSeatTenants(db, created).catch(() => undefined);
      await db.workshop.deleteMany({ where: { id } }).catch(() => undefined);
      throw err;
    }
  });

  r.get("/workshops/:id", async (req, res) => {
    res.json(await workshopMatrix(db, await owned(db, req)));
  });

  // Server-sent events: a "matrix" event now and whenever a seat (or the workshop) changes; polled every 500 ms.
  // A client that doesn't ask for an event stream (Accept) gets the matrix once, as JSON (short polling).
  r.get("/workshops/:id/events", async (req, res: Response) => {
    const w = await owned(db, req);
    if (!/text\/event-stream/.test(req.get("accept") ?? "")) {
      res.json(await workshopMatrix(db, w));
      return;
    }
    res.status(200);
    res.setHeader("Content-Type", "text/event-stream; charset=utf-8");
    res.setHeader("Cache-Control", "no-cache, no-transform");
    res.setHeader("X-Accel-Buffering", "no");
    res.flushHeaders();
    let last = "";
    let busy = false;
    let closed = false;
    const tick = async () => {
      if (busy || closed) return;
      busy = true;
      try {
        const sig = await workshopSignature(db, w.id);
        if (sig !== last) {
          last = sig;
          const fresh = await db.workshop.findUnique({ where: { id: w.id } });
          if (!fresh) return void res.end();
          const body = await workshopMatrix(db, fresh);
          // A pass recorded while grading bumps a seat's version: take the signature after it, so it isn't sent twice.
          last = await workshopSignature(db, w.id);
          if (!closed) res.write(`event: matrix\ndata: ${JSON.stringify(body)}\n\n`);
        }
      } catch {
        // The next tick retries; a database hiccup must not end the stream or the process.
      } finally {
        busy = false;
      }
    };
    const poll = setInterval(() => void tick(), EVENT_POLL_MS);
    const beat = setInterval(() => { if (!closed) res.write(": keep-alive\n\n"); }, HEARTBEAT_MS);
    req.on("close", () => {
      closed = true;
      clearInterval(poll);
      clearInterval(beat);
    });
    await tick();
  });

  r.get("/workshops/:id/seats/:seatId", async (req, res) => {
    const w = await owned(db, req);
    const seatRow = await ownedSeat(db, w, String(req.params.seatId));
    const { seat, grade } = await gradeOneSeat(db, w, seatRow);
    const audit = await db.auditLog.findMany({ where: { tenantId: seat.tenantId }, orderBy: { activityDateTime: "desc" }, take: 20 });
    const domain = await db.domain.findFirst({ where: { tenantId: seat.tenantId, isInitial: true } });
    const faultCodes = new Set(scenarioOf(w).faults.flatMap((f) => f.expectFindings));
    res.json({
      ...traineeRow(w, seat, grade),
      tenant: { id: seat.tenantId, initialDomain: domain?.name ?? "" },
      variant: { seed: grade.seed, vars: grade.vars },
      revealedHints: revealedOf(seat).map(({ objectiveId, hintId, penalty, at }) => ({ objectiveId, hintId, penalty, at })),
      findings: grade.findings.map((f) => ({ ...f, injected: faultCodes.has(f.code) })),
      guards: grade.evaluation.guards.map((g) => ({ id: g.id, description: g.description, holds: g.holds })),
      audit: audit.map((a) => ({
        id: a.id,
        activityDateTime: a.activityDateTime.toISOString(),
        activityDisplayName: a.activityDisplayName,
        category: a.category,
        operationType: a.operationType,
        result: a.result,
        initiatedBy: a.initiatedByUpn ?? a.initiatedByApp ?? null,
        targets: (JSON.parse(a.targetResources) as { type: string; displayName: string }[]).map((t) => ({ type: t.type, displayName: t.displayName })),
      })),
    });
  });

  r.post("/workshops/:id/seats/:seatId/reset", async (req, res) => {
    const w = await owned(db, req);
    const seat = await ownedSeat(db, w, String(req.params.seatId));
    requireRunning(w, seat);
    await loadSeat(db, w, seat, req.ctx.requestId, scenarioOf(w));
    await db.workshopSeat.update({ where: { id: seat.id }, data: { resets: { increment: 1 }, passedAt: "{}", progressAt: new Date(), version: { increment: 1 } } });
    await event(db, w.id, "lab.reset", "trainer", {}, seat.id);
    const fresh = await ownedSeat(db, w, seat.id);
    const g = await gradeOneSeat(db, w, fresh);
    res.json(traineeRow(w, g.seat, g.grade));
  });

  // Re-applies the faults this objective fixes; objectives the trainee passed stay fixed, open ones stay broken.
  r.post("/workshops/:id/seats/:seatId/objectives/:objectiveId/reset", async (req, res) => {
    const w = await owned(db, req);
    const seat = await ownedSeat(db, w, String(req.params.seatId));
    const scenario = scenarioOf(w);
    const objective = scenario.objectives.find((o) => o.id === req.params.objectiveId);
    if (!objective) throw new AppError("notFound", `The scenario has no objective '${String(req.params.objectiveId)}'.`);
    requireRunning(w, seat);
    const { grade } = await gradeOneSeat(db, w, seat);
    const open = new Set(grade.evaluation.objectives.filter((o) => !o.passed).map((o) => o.id));
    const faults = new Set([...objective.fixes, ...scenario.objectives.filter((o) => open.has(o.id)).flatMap((o) => o.fixes)]);
    // Faults no objective fixes are part of the broken lab whatever the trainee did: they stay.
    const fixedByAny = new Set(scenario.objectives.flatMap((o) => o.fixes));
    for (const f of scenario.faults) if (!fixedByAny.has(f.id)) faults.add(f.id);
    await loadSeat(db, w, seat, req.ctx.requestId, scenario, [...faults]);
    const fresh = await db.workshopSeat.findUniqueOrThrow({ where: { id: seat.id } });
    const passedAt = passedAtOf(fresh);
    delete passedAt[objective.id];
    await db.workshopSeat.update({ where: { id: seat.id }, data: { passedAt: JSON.stringify(passedAt), progressAt: new Date(), version: { increment: 1 } } });
    await event(db, w.id, "objective.reset", "trainer", { objectiveId: objective.id, faults: [...faults] }, seat.id);
    const g = await gradeOneSeat(db, w, await ownedSeat(db, w, seat.id));
    res.json(traineeRow(w, g.seat, g.grade));
  });

  r.post("/workshops/:id/seats/:seatId/link", async (req, res) => {
    const w = await owned(db, req);
    const seat = await ownedSeat(db, w, String(req.params.seatId));
    requireRunning(w, seat);
    const token = await issueSeatToken(db, seat.id);
    res.json({ seatId: seat.id, seatNumber: seat.seatNumber, url: seatLink(req, token) });
  });

  r.post("/workshops/:id/hints/release", async (req, res) => {
    const w = await owned(db, req);
    const ref = parseBody(ZHintRef, req.body);
    objectiveAndHint(scenarioOf(w), ref);
    requireRunning(w);
    const released = releasedOf(w);
    if (!released.some((h) => h.objectiveId === ref.objectiveId && h.hintId === ref.hintId)) {
      const next = [...released, { ...ref, at: new Date().toISOString() }];
      const done = await db.workshop.updateMany({ where: { id: w.id, version: w.version }, data: { releasedHints: JSON.stringify(next), version: { increment: 1 } } });
      if (done.count !== 1) throw new AppError("conflict", "The workshop changed at the same moment; try again.", { code: "Conflict" });
      await event(db, w.id, "hint.released", "trainer", ref);
    }
    res.json(workshopHeader(await db.workshop.findUniqueOrThrow({ where: { id: w.id } })));
  });

  // One trainee more time: the seat's own end moves (from its current end, or from now when that has passed); the
  // other seats keep the workshop's. The trainee's writes are accepted until then, even after the workshop's end.
  r.post("/workshops/:id/seats/:seatId/extend", async (req, res) => {
    const w = await owned(db, req);
    const seat = await ownedSeat(db, w, String(req.params.seatId));
    const { minutes } = parseBody(ZWorkshopExtend, req.body);
    if (w.state === "ended") throw new AppError("conflict", "The workshop has ended; an ended workshop cannot be extended.", { code: "WorkshopEnded" });
    const endsAt = extendedEnd(seatEnd(w, seat), minutes, new Date());
    await db.workshopSeat.update({ where: { id: seat.id }, data: { endsAt, version: { increment: 1 } } });
    await event(db, w.id, "seat.extended", "trainer", { minutes, endsAt: endsAt.toISOString() }, seat.id);
    const g = await gradeOneSeat(db, w, await ownedSeat(db, w, seat.id));
    res.json(traineeRow(w, g.seat, g.grade));
  });

  r.post("/workshops/:id/extend", async (req, res) => {
    const w = await owned(db, req);
    const { minutes } = parseBody(ZWorkshopExtend, req.body);
    if (w.state === "ended") throw new AppError("conflict", "The workshop has ended; an ended workshop cannot be extended.", { code: "WorkshopEnded" });
    // Time that ran out is given back from now: extending a workshop whose time is up reopens it.
    const endsAt = extendedEnd(w.endsAt, minutes, new Date());
    await db.workshop.update({ where: { id: w.id }, data: { endsAt, timeLimitMinutes: w.timeLimitMinutes + minutes, version: { increment: 1 } } });
    await event(db, w.id, "extended", "trainer", { minutes, endsAt: endsAt.toISOString() });
    res.json(workshopHeader(await db.workshop.findUniqueOrThrow({ where: { id: w.id } })));
  });

  r.post("/workshops/:id/end", async (req, res) => {
    const w = await owned(db, req);
    if (w.state !== "ended") {
      const now = new Date();
      await db.workshop.update({ where: { id: w.id }, data: { state: "ended", endedAt: now, endsAt: now < w.endsAt ? now : w.endsAt, version: { increment: 1 } } });
      await event(db, w.id, "ended", "trainer", {});
    }
    res.json(workshopHeader(await db.workshop.findUniqueOrThrow({ where: { id: w.id } })));
  });

  r.get("/workshops/:id/export.csv", async (req, res) => {
    const w = await owned(db, req);
    const csv = exportCsv(await exportRows(db, w));
    const file = `${w.name.replace(/[^A-Za-z0-9._-]+/g, "-").slice(0, 60) || "workshop"}-results.csv`;
    res.setHeader("Content-Type", "text/csv; charset=utf-8");
    res.setHeader("Content-Disposition", `attachment; filename="${file}"`);
    res.send(csv);
  });

  r.get("/workshops/:id/export.json", async (req, res) => {
    const w = await owned(db, req);
    const value = await exportRows(db, w);
    const seats = (await gradeSeats(db, w)).map(({ seat, grade }) => ({ seat: seat.seatNumber, name: seat.displayName, seed: grade.seed, vars: grade.vars }));
    res.json({ workshop: workshopHeader(w), exportedAt: new Date().toISOString(), value, seats });
  });

  r.get("/workshops/:id/scoreboard", async (req, res) => {
    res.json(await scoreboard(db, await owned(db, req)));
  });

  r.get("/workshops/:id/events/log", async (req, res) => {
    const w = await owned(db, req);
    const rows = await db.workshopEvent.findMany({ where: { workshopId: w.id }, orderBy: { at: "asc" }, take: 1000 });
    res.json({ value: rows.map((e) => ({ id: e.id, at: iso(e.at), seatId: e.seatId, actor: e.actor, type: e.type, data: JSON.parse(e.data) as unknown })) });
  });

  return r;
}
