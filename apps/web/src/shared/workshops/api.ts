// Workshops (issue 11 part 4): the trainer's workshops and dashboard, the trainee's own seat, and the public join
// step, as the API contract describes them (/tmp/briefs/3-workshops-api.md; docs/workshops.md). The API evaluates
// every seat's objectives on that seat's lab; the portal only draws the answers.
//
// Query keys:
// - ["workshops"] / ["workshops", id] / ["workshops", id, "seat", seatId]: the trainer's reads. They are not about
//   the trainer's own tenant, so they are refreshed by the dashboard's event stream (or its short polling) and by
//   the trainer's own workshop mutations, not by the tenant-derived rule.
// - ["tenant", tenantId, "workshop"]: the trainee's seat (GET /api/workshop). It is "tenant derived"
//   (shared/api/query-client.ts): every successful write in the portal marks it stale, so the Tasks panel ticks an
//   objective as soon as the fix is saved.
import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ApiError, request, setCsrfToken } from "@/shared/api/http";
import { sessionKey, useSession, useSignedInSession } from "@/shared/session/session";
import type { HintPolicy, TraineeCell, TraineeRow, WorkshopCreate, WorkshopState } from "@certlab/domain/workshops/workshops";

export type { HintPolicy, WorkshopState } from "@certlab/domain/workshops/workshops";

const enc = encodeURIComponent;

/** What the "New workshop" form sends (POST /api/workshops): the shared schema's type. */
export type NewWorkshop = WorkshopCreate;

export type ObjectiveCell = TraineeCell;

/** A matrix row as the API answers it (the domain's type), plus the seat link the trainer may hold. */
export type Trainee = TraineeRow & {
  /** The per-seat sign-in link, when the API hands it to the trainer (it is shown only once it exists). */
  link?: string | null;
  seatLink?: string | null;
};

export type Workshop = {
  id: string;
  name: string;
  scenario: { id: string; version: string; title: string; contentHash: string };
  joinCode: string;
  seats: number;
  timeLimitMinutes: number;
  hintPolicy: HintPolicy;
  state: WorkshopState;
  startedAt: string;
  endsAt: string;
  /** When the trainer ended it; state "ended" with no endedAt means the time is up (extending reopens it). */
  endedAt?: string | null;
  releasedHints: { objectiveId: string; hintId: string }[];
  objectives: { id: string; title: string; points: number; hints?: { id: string; penalty: number; text?: string }[] }[];
  trainees: Trainee[];
  /** Per-seat links, when the API answers them at creation (the seat tokens are stored hashed: shown once). */
  seatLinks?: { seatId?: string; seatNumber: number; url: string }[];
};

/** GET /api/workshops/{id}/seats/{seatId}: the matrix row plus what the drawer shows. */
export type SeatDetails = Trainee & {
  tenant?: { id: string; initialDomain: string };
  /** The seat lab's seed and the values it picked for the scenario's variables ({} when it has none). */
  variant?: { seed: number; vars: Record<string, string | number> };
  revealedHints?: { objectiveId: string; hintId: string; penalty: number; at: string }[];
  findings: { code: string; severity: string; title?: string; message?: string; injected?: boolean }[];
  guards?: { id: string; description: string; holds: boolean }[];
  audit: { id: string; activityDateTime: string; activityDisplayName: string; result?: string; initiatedBy?: string | null; targets?: { type: string; displayName: string }[] }[];
};

export type ScoreboardRow = { rank: number; seatId?: string; name: string; score: number; objectivesDone: number; lastPassAt?: string | null };
export type Scoreboard = { id: string; name: string; state: WorkshopState; endsAt: string; objectives: number; maxScore: number; rows: ScoreboardRow[] };

/** GET /api/workshops: each workshop's header and how many seats are taken (no matrix). */
export type WorkshopListItem = Omit<Workshop, "trainees" | "seatLinks"> & { joined: number };

export type ScenarioSummary = {
  id: string;
  version: string;
  title: string;
  stage: string;
  difficulty: string;
  estimatedMinutes: number;
  objectives?: number;
  objectivesCount?: number;
  summary?: string;
};

export type TraineeHint = { id: string; penalty: number; revealed: boolean; available: boolean; text?: string };
export type TraineeObjective = { id: string; title: string; task: string; points: number; passed: boolean; hints: TraineeHint[] };
export type MyWorkshop = {
  workshopName: string;
  endsAt: string;
  state: WorkshopState;
  hintPolicy: HintPolicy;
  objectives: TraineeObjective[];
  score: number;
  maxScore: number;
};

export type JoinInfo = { name: string; seatsFree: number; state?: WorkshopState };

/** A list answer may be a bare array or a Graph-style `{ value }` page. */
function list<T>(body: T[] | { value: T[] }): T[] {
  return Array.isArray(body) ? body : body.value;
}

export const workshopsKey = ["workshops"] as const;
export const workshopKey = (id: string) => ["workshops", id] as const;

export const workshopsQuery = queryOptions({
  queryKey: workshopsKey,
  queryFn: async () => list(await request<WorkshopListItem[] | { value: WorkshopListItem[] }>("/api/workshops")),
  staleTime: 0,
});

export function useWorkshops() {
  return useQuery(workshopsQuery);
}

/**
 * The dashboard's matrix. `poll` is the fallback when the event stream is not connected: a short poll every 2 s
 * (the contract says short polling of GET /{id} works as well as the stream).
 */
export function useWorkshop(id: string, poll: boolean) {
  return useQuery({
    queryKey: workshopKey(id),
    queryFn: () => request<Workshop>(`/api/workshops/${enc(id)}`),
    staleTime: 0,
    refetchInterval: poll ? 2_000 : false,
  });
}

export function useSeatDetails(workshopId: string, seatId: string | undefined, poll: boolean) {
  return useQuery({
    queryKey: [...workshopKey(workshopId), "seat", seatId ?? ""] as const,
    queryFn: () => request<SeatDetails>(`/api/workshops/${enc(workshopId)}/seats/${enc(seatId ?? "")}`),
    enabled: !!seatId,
    staleTime: 0,
    refetchInterval: poll ? 2_000 : false,
  });
}

export function useScoreboard(id: string) {
  return useQuery({
    queryKey: [...workshopKey(id), "scoreboard"] as const,
    queryFn: () => request<Scoreboard>(`/api/workshops/${enc(id)}/scoreboard`),
    staleTime: 0,
    // The projector view has nobody to press reload: it refreshes itself.
    refetchInterval: 2_000,
  });
}

export function useScenarios() {
  return useQuery({
    queryKey: ["scenarios"] as const,
    queryFn: async () => list(await request<ScenarioSummary[] | { value: ScenarioSummary[] }>("/api/scenarios")),
    staleTime: 60_000,
  });
}

export function useCreateWorkshop() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: NewWorkshop) => request<Workshop>("/api/workshops", { method: "POST", body }),
    meta: { success: (w) => `Created the workshop “${(w as Workshop).name}”`, error: "Could not create the workshop" },
    onSuccess: (w) => {
      qc.setQueryData(workshopKey(w.id), w);
      return qc.invalidateQueries({ queryKey: workshopsKey, exact: true });
    },
  });
}

/** The trainer's actions on one workshop; each one refreshes the matrix (and the list: state, end time). */
export function useWorkshopAction<V, R = unknown>(_workshopId: string, send: (v: V) => Promise<R>, meta: { success: string | ((d: unknown, v: unknown) => string); error: string }) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: send,
    meta,
    onSuccess: () => qc.invalidateQueries({ queryKey: workshopsKey }),
  });
}

export const workshopApi = {
  resetSeat: (id: string, seatId: string) => request(`/api/workshops/${enc(id)}/seats/${enc(seatId)}/reset`, { method: "POST", body: {} }),
  resetObjective: (id: string, seatId: string, objectiveId: string) =>
    request(`/api/workshops/${enc(id)}/seats/${enc(seatId)}/objectives/${enc(objectiveId)}/reset`, { method: "POST", body: {} }),
  releaseHint: (id: string, objectiveId: string, hintId: string) =>
    request(`/api/workshops/${enc(id)}/hints/release`, { method: "POST", body: { objectiveId, hintId } }),
  extend: (id: string, minutes: number) => request(`/api/workshops/${enc(id)}/extend`, { method: "POST", body: { minutes } }),
  /** More time for one trainee only: the seat's own end moves, the other seats keep the workshop's. */
  extendSeat: (id: string, seatId: string, minutes: number) =>
    request<Trainee>(`/api/workshops/${enc(id)}/seats/${enc(seatId)}/extend`, { method: "POST", body: { minutes } }),
  end: (id: string) => request(`/api/workshops/${enc(id)}/end`, { method: "POST", body: {} }),
  /** A new one-time sign-in link for one seat (the previous one stops working). */
  seatLink: (id: string, seatId: string) => request<{ seatId: string; seatNumber: number; url: string }>(`/api/workshops/${enc(id)}/seats/${enc(seatId)}/link`, { method: "POST", body: {} }),
  exportUrl: (id: string, format: "csv" | "json") => `/api/workshops/${enc(id)}/export.${format}`,
  eventsUrl: (id: string) => `/api/workshops/${enc(id)}/events`,
};

// ----- Trainee side -----

export const myWorkshopKey = (tenantId: string) => ["tenant", tenantId, "workshop"] as const;

/**
 * The signed-in trainee's seat, or no data when this session is not a workshop seat. GET /api/session says which
 * (`workshopSeat`), so nobody else asks GET /api/workshop (it would answer 404 on every signed-in page). A trainee's
 * seat is read once per session and again after every write (tenant derived), so the Tasks panel follows the lab.
 */
export function useMyWorkshop() {
  const session = useSession();
  const tenantId = session.data?.tenant.id ?? "";
  const seat = session.data?.workshopSeat === true;
  return useQuery({
    queryKey: myWorkshopKey(tenantId),
    queryFn: async () => {
      try {
        return await request<MyWorkshop>("/api/workshop");
      } catch (e) {
        if (e instanceof ApiError && (e.status === 404 || e.status === 403)) return null;
        throw e;
      }
    },
    enabled: seat,
    staleTime: 30_000,
    retry: false,
    // A trainee's lab can also change from the trainer's side (a reset): read it again now and then.
    refetchInterval: (q) => (q.state.data ? 15_000 : false),
  });
}

export function useRevealHint() {
  const { tenant } = useSignedInSession();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { objectiveId: string; hintId: string }) => request<unknown>("/api/workshop/hints", { method: "POST", body: v }),
    meta: { success: "Revealed the hint", error: "Could not reveal the hint" },
    onSuccess: () => qc.invalidateQueries({ queryKey: myWorkshopKey(tenant.id) }),
  });
}

export function useJoinInfo(code: string | undefined) {
  return useQuery({
    queryKey: ["workshop-join", code ?? ""] as const,
    queryFn: () => request<JoinInfo>(`/api/workshops/join/${enc(code ?? "")}`, { allowUnauthenticated: true }),
    enabled: !!code,
    retry: false,
  });
}

/** POST /api/workshops/join: the browser is signed in as the seat's admin; the session is read again. */
export function useJoinWorkshop() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { code: string; displayName: string }) =>
      request<{ seatId: string; redirect: string; csrfToken?: string }>("/api/workshops/join", { method: "POST", body: v, allowUnauthenticated: true }),
    meta: { silent: true },
    onSuccess: async (r) => {
      if (r.csrfToken) setCsrfToken(r.csrfToken);
      // Another identity now: nothing cached for the previous one may show.
      qc.removeQueries({ predicate: (q) => q.queryKey[0] === "tenant" });
      await qc.invalidateQueries({ queryKey: sessionKey });
    },
  });
}

/** Whether the signed-in user may run workshops (permissions.ts "workshops.manage"). */
export function useCanManageWorkshops(): boolean {
  const { data } = useSession();
  return !!data && (data.allowedActions as readonly string[]).includes("workshops.manage");
}

export const workshopPaths = {
  list: "/workshops",
  create: "/workshops/new",
  workshop: (id: string) => `/workshops/${enc(id)}`,
  scoreboard: (id: string) => `/workshops/${enc(id)}/scoreboard`,
  join: "/join",
  joinCode: (code: string) => `/join/${enc(code)}`,
};

/** A shipped scenario as the portal may see it (no solutions, no fault descriptions): the trainer's hint list. */
export type ScenarioDetail = ScenarioSummary & {
  objectives: { id: string; title: string; points: number; hints?: { id: string; text: string; penalty: number }[] }[];
};

export function useScenario(id: string | undefined) {
  return useQuery({
    queryKey: ["scenarios", id ?? ""] as const,
    queryFn: () => request<ScenarioDetail>(`/api/scenarios/${enc(id ?? "")}`),
    enabled: !!id,
    staleTime: 60_000,
  });
}
