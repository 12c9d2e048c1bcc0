// /api/openapi.json for the workshops (issue 11): request bodies are the domain's schemas (what the handlers parse
// with); responses are described here beside the routes that send them.
import { z } from "zod";
import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { ZGraphError } from "@certlab/domain/schemas/common";
import { EXPORT_COLUMNS, HINT_POLICIES, WORKSHOP_STATES, ZHintRef, ZWorkshopCreate, ZWorkshopExtend, ZWorkshopJoin } from "@certlab/domain/workshops/workshops";

export function registerWorkshopPaths(registry: OpenAPIRegistry, finding: z.ZodType): void {
  const json = <T extends z.ZodType>(schema: T) => ({ content: { "application/json": { schema } } });
  const err = (description: string) => ({ description, ...json(ZGraphError) });
  const security: Record<string, string[]>[] = [{ bearer: [] }, { session: [] }];
  const ZCell = z.object({ passed: z.boolean(), activeCodes: z.array(z.string()), passedAt: z.string().nullable() });
  const ZTrainee = z.object({
    seatId: z.string(),
    seatNumber: z.number().int(),
    displayName: z.string().nullable(),
    joinedAt: z.string().nullable(),
    lastActivityAt: z.string().nullable(),
    stuck: z.boolean().describe("Joined, objectives open, no progress for STUCK_AFTER_MINUTES"),
    score: z.number().int(),
    maxScore: z.number().int(),
    objectives: z.record(z.string(), ZCell),
    collateral: z.array(z.string()).describe("Error/warning codes neither the baseline nor any fault explains"),
    resets: z.number().int(),
    hintsUsed: z.number().int(),
    lastPassAt: z.string().nullable(),
    endsAt: z.string().nullable().describe("This seat's own end when the trainer gave it extra time beyond the workshop's end (POST .../seats/{seatId}/extend); null otherwise"),
  });
  const ZHeader = z.object({
    id: z.string(),
    name: z.string(),
    scenario: z.object({ id: z.string(), version: z.string(), title: z.string(), contentHash: z.string() }),
    joinCode: z.string(),
    seed: z.number().int().describe("The workshop's seed; seat n's lab seed is seed + n - 1 (mod 2^31), which picks its values of the scenario's variables"),
    seats: z.number().int(),
    timeLimitMinutes: z.number().int(),
    hintPolicy: z.enum(HINT_POLICIES),
    state: z.enum(WORKSHOP_STATES),
    startedAt: z.string(),
    endsAt: z.string(),
    endedAt: z.string().nullable().describe("When the trainer ended the workshop (null while not ended by the trainer; state is also \"ended\" once the time is up)"),
    releasedHints: z.array(z.object({ objectiveId: z.string(), hintId: z.string() })),
    objectives: z.array(z.object({ id: z.string(), title: z.string(), points: z.number().int(), hints: z.array(z.object({ id: z.string(), penalty: z.number().int() })) })),
  });
  const ZMatrix = ZHeader.extend({ trainees: z.array(ZTrainee) });
  const ZLink = z.object({ seatId: z.string(), seatNumber: z.number().int(), url: z.string().describe("One-time sign-in link for the seat") });
  const ZTraineeView = z.object({
    workshopName: z.string(),
    seatNumber: z.number().int(),
    displayName: z.string().nullable(),
    endsAt: z.string().describe("When this seat's time is up: the workshop's end, or the seat's own later end"),
    state: z.enum(WORKSHOP_STATES),
    hintPolicy: z.enum(HINT_POLICIES),
    briefing: z.string().describe("The scenario's ticket (markdown), with this seat's values of the scenario's variables"),
    objectives: z.array(z.object({
      id: z.string(), title: z.string(), task: z.string(), points: z.number().int(), passed: z.boolean(),
      hints: z.array(z.object({ id: z.string(), penalty: z.number().int(), revealed: z.boolean(), available: z.boolean(), text: z.string().optional() })),
    })),
    score: z.number().int(),
    maxScore: z.number().int(),
  });
  const ZVariant = z.object({ seed: z.number().int().describe("The seat lab's seed"), vars: z.record(z.string(), z.union([z.string(), z.number()])).describe("The values it picked for the scenario's variables") });
  const ZExportRow = z.object(Object.fromEntries(EXPORT_COLUMNS.map((c) => [c, z.unknown()])) as Record<(typeof EXPORT_COLUMNS)[number], z.ZodUnknown>);
  const id = z.object({ id: z.string().describe("Workshop id") });
  const seat = id.extend({ seatId: z.string() });

  const reg = (method: "get" | "post", path: string, summary: string, extra: Record<string, unknown>, ok: Record<string, unknown>, auth = true) =>
    registry.registerPath({ method, path, summary, ...(auth ? { security } : {}), ...extra, responses: { ...ok, 400: err("Invalid input"), 401: err("Not signed in"), 403: err("Missing role, or a workshop seat / ended workshop"), 404: err("Not yours, or no such object") } } as Parameters<OpenAPIRegistry["registerPath"]>[0]);

  reg("get", "/api/workshops", "Your workshops (as trainer)", {}, { 200: { description: "Workshops", ...json(z.object({ value: z.array(ZHeader.extend({ joined: z.number().int() })) })) } });
  reg("post", "/api/workshops", "Create a workshop: one new tenant per seat with the scenario loaded", { request: { body: json(ZWorkshopCreate) } }, { 201: { description: "Created, with the one-time seat links", ...json(ZMatrix.extend({ seatLinks: z.array(ZLink) })) } });
  reg("get", "/api/workshops/{id}", "The live matrix: trainees × objectives", { request: { params: id } }, { 200: { description: "Matrix", ...json(ZMatrix) } });
  reg("get", "/api/workshops/{id}/events", "Server-sent 'matrix' events on every change (Accept: text/event-stream); otherwise the matrix once", { request: { params: id } }, { 200: { description: "Event stream or matrix", ...json(ZMatrix) } });
  reg("get", "/api/workshops/{id}/events/log", "The workshop's append-only event log", { request: { params: id } }, { 200: { description: "Events", ...json(z.object({ value: z.array(z.object({ id: z.string(), at: z.string().nullable(), seatId: z.string().nullable(), actor: z.string(), type: z.string(), data: z.unknown() })) })) } });
  // End is listed before the seat resets: the generated suites call routes in this order, and an ended workshop
  // answers the (costly) reloads with a quick 409.
  reg("post", "/api/workshops/{id}/end", "End the workshop: trainee writes are refused from now on", { request: { params: id } }, { 200: { description: "Workshop", ...json(ZHeader) } });
  reg("get", "/api/workshops/{id}/seats/{seatId}", "One trainee: findings, guards, the last 20 audit entries of the seat", { request: { params: seat } }, { 200: { description: "Seat", ...json(ZTrainee.extend({ variant: ZVariant, findings: z.array(finding), audit: z.array(z.unknown()) })) } });
  reg("post", "/api/workshops/{id}/seats/{seatId}/reset", "Reload the scenario in this seat only", { request: { params: seat } }, { 200: { description: "The seat's row", ...json(ZTrainee) } });
  reg("post", "/api/workshops/{id}/seats/{seatId}/objectives/{objectiveId}/reset", "Re-apply the faults this objective fixes (passed objectives stay fixed)", { request: { params: seat.extend({ objectiveId: z.string() }) } }, { 200: { description: "The seat's row", ...json(ZTrainee) } });
  reg("post", "/api/workshops/{id}/seats/{seatId}/link", "A new one-time sign-in link for the seat (the previous one stops working)", { request: { params: seat } }, { 200: { description: "Link", ...json(ZLink) } });
  reg("post", "/api/workshops/{id}/seats/{seatId}/extend", "Give one trainee more time (the seat's own end; the other seats keep the workshop's)", { request: { params: seat, body: json(ZWorkshopExtend) } }, { 200: { description: "The seat's row", ...json(ZTrainee) }, 409: err("The workshop has ended") });
  reg("post", "/api/workshops/{id}/hints/release", "Release a hint to every trainee", { request: { params: id, body: json(ZHintRef) } }, { 200: { description: "Workshop", ...json(ZHeader) } });
  reg("post", "/api/workshops/{id}/extend", "Give every trainee more time", { request: { params: id, body: json(ZWorkshopExtend) } }, { 200: { description: "Workshop", ...json(ZHeader) } });
  reg("get", "/api/workshops/{id}/export.csv", "Results, one row per trainee × objective (CSV)", { request: { params: id } }, { 200: { description: "CSV", content: { "text/csv": { schema: z.string() } } } });
  reg("get", "/api/workshops/{id}/export.json", "Results, one row per trainee × objective (JSON)", { request: { params: id } }, { 200: { description: "Rows", ...json(z.object({ workshop: ZHeader, exportedAt: z.string(), value: z.array(ZExportRow), seats: z.array(ZVariant.extend({ seat: z.number().int(), name: z.string().nullable() })).describe("Each seat's variant") })) } });
  reg("get", "/api/workshops/{id}/scoreboard", "Projector scoreboard: rank, name, score, objectives done", { request: { params: id } }, { 200: { description: "Scoreboard", ...json(z.object({ id: z.string(), name: z.string(), state: z.enum(WORKSHOP_STATES), endsAt: z.string(), objectives: z.number().int(), maxScore: z.number().int(), rows: z.array(z.object({ rank: z.number().int(), seatId: z.string(), name: z.string(), score: z.number().int(), objectivesDone: z.number().int(), lastPassAt: z.string().nullable() })) })) } });
  reg("get", "/api/workshops/join/{code}", "Public: the workshop a join code opens and its free seats", { request: { params: z.object({ code: z.string() }) } }, { 200: { description: "Workshop", ...json(z.object({ name: z.string(), scenarioTitle: z.string(), state: z.enum(WORKSHOP_STATES), endsAt: z.string(), seats: z.number().int(), seatsFree: z.number().int() })) } }, false);
  reg("post", "/api/workshops/join", "Public: take the next free seat; signs the browser in as the seat's admin", { request: { body: json(ZWorkshopJoin) } }, { 200: { description: "Joined; sets the session cookie", ...json(z.object({ seatId: z.string(), seatNumber: z.number().int(), redirect: z.string(), csrfToken: z.string() })) } }, false);
  reg("get", "/api/workshops/seat/{token}", "Public: a one-time seat link; signs the browser in and redirects to /", { request: { params: z.object({ token: z.string() }) } }, { 302: { description: "Signed in, redirect to the portal" } }, false);
  reg("get", "/api/workshop", "The signed-in trainee's own seat: tasks, hints, score, time", {}, { 200: { description: "Trainee view", ...json(ZTraineeView) } });
  reg("post", "/api/workshop/hints", "Reveal a hint (costs its penalty; only when the policy allows or the trainer released it)", { request: { body: json(ZHintRef) } }, { 200: { description: "Trainee view", ...json(ZTraineeView) } });
}
