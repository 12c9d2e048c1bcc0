// The scenario file format (issue 11): one JSON file per break-fix scenario in scenarios/<stage>/<id>.json. The
// format is documented for authors in docs/scenarios.md explains it for authors, docs/scenario.schema.json is generated
// from these schemas (scripts/gen-scenario-schema.ts). Design after shared/design/workshops-reference.md part (b):
// the baseline is the answer key, faults are RFC 6902 patches over the scenario document (document.ts), checks
// assert outcomes (rule cleared, state, enrollment), guards stop "fix by nuking", points per objective.
// Every object refuses unknown keys, so a typo in a file is an error naming its path, not a silently ignored field.
import { z } from "zod";
import { MAX_VARIABLE_VALUES, variableUsageIssues, type VariableSpec } from "./variables";

export const SCENARIO_SCHEMA_VERSION = "1.0";

export const SCENARIO_STAGES = ["profile", "device-to-ndes", "policy-module", "ndes-to-ca", "delivery", "security", "layered"] as const;
export type ScenarioStage = (typeof SCENARIO_STAGES)[number];
export const SCENARIO_DIFFICULTIES = ["basic", "intermediate", "advanced"] as const;

/** The only baseline: the complete correct setup of setup/complete-setup.ts. */
export const SCENARIO_BASELINES = { "complete-setup": ["1"] } as const;

/** The platforms an enrollment check can simulate (the SCEP profiles of the complete setup). */
export const ENROLLMENT_PLATFORMS = ["iOS", "macOS", "windows", "androidDeviceOwner", "androidWorkProfile"] as const;

const kebab = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const ZId = z.string().regex(kebab, { error: "must be kebab-case: lower-case letters, digits and single hyphens (e.g. 'f-iusrs')" });
const ZRuleCode = z.string().regex(/^[A-Z][A-Z0-9_]*$/, { error: "must be a rule code in upper case, e.g. PROF_URL_NOT_MSCEP_PATH" });
const ZPointer = z.string().refine((p) => p === "" || p.startsWith("/"), { error: "must be a JSON pointer ('' or starting with '/')" });
const ZMarkdown = z.string().min(1, { error: "must not be empty" });

// ── Checks

export type Check =
  | { kind: "rule-cleared"; rule: string; target?: string }
  | { kind: "no-findings"; severity?: "error" | "warning" }
  | { kind: "state"; path: string; op: "eq" | "neq" | "exists" | "absent" | "matches" | "gte" | "lte"; value?: unknown }
  | { kind: "enrollment"; platform: (typeof ENROLLMENT_PLATFORMS)[number]; user?: string; expect: "issued" | "failed"; failedHop?: string }
  | { kind: "all" | "any"; of: Check[] };

export const STATE_OPS = ["eq", "neq", "exists", "absent", "matches", "gte", "lte"] as const;

const ZRuleCleared = z.strictObject({
  kind: z.literal("rule-cleared"),
  rule: ZRuleCode,
  target: z.string().min(1).optional().describe("Only findings naming this object (its id or display name)"),
});
const ZNoFindings = z.strictObject({
  kind: z.literal("no-findings"),
  severity: z.enum(["error", "warning"]).optional().describe("None of this severity or above (default warning)"),
});
const ZStateCheck = z
  .strictObject({
    kind: z.literal("state"),
    path: ZPointer.describe("JSON pointer into the scenario document"),
    op: z.enum(STATE_OPS),
    value: z.unknown().optional(),
  })
  .superRefine((c, ctx) => {
    const needsValue = c.op !== "exists" && c.op !== "absent";
    if (needsValue && c.value === undefined) ctx.addIssue({ code: "custom", path: ["value"], message: `op '${c.op}' needs a value` });
    if (!needsValue && c.value !== undefined) ctx.addIssue({ code: "custom", path: ["value"], message: `op '${c.op}' takes no value` });
    if ((c.op === "gte" || c.op === "lte") && c.value !== undefined && typeof c.value !== "number" && typeof c.value !== "string")
      ctx.addIssue({ code: "custom", path: ["value"], message: `op '${c.op}' compares numbers or ISO date strings` });
    if (c.op === "matches") {
      if (typeof c.value !== "string") ctx.addIssue({ code: "custom", path: ["value"], message: "op 'matches' takes a regular expression string" });
      else
        try {
          new RegExp(c.value);
        } catch (e) {
          ctx.addIssue({ code: "custom", path: ["value"], message: `not a regular expression: ${(e as Error).message}` });
        }
    }
  });
const ZEnrollmentCheck = z.strictObject({
  kind: z.literal("enrollment"),
  platform: z.enum(ENROLLMENT_PLATFORMS),
  user: z.string().min(1).optional().describe("UPN or its local part; default: a member of the SCEP group"),
  expect: z.enum(["issued", "failed"]),
  failedHop: z.string().min(1).optional().describe("With expect 'failed': the hop the request must fail at"),
});

export const ZCheck: z.ZodType<Check> = z.lazy(() =>
  z.discriminatedUnion("kind", [
    ZRuleCleared,
    ZNoFindings,
    ZStateCheck,
    ZEnrollmentCheck,
    z.strictObject({ kind: z.enum(["all", "any"]), of: z.array(ZCheck).min(1, { error: "needs at least one check" }) }),
  ]),
).meta({ id: "Check", description: "rule-cleared | no-findings | state | enrollment | all/any of checks" }) as z.ZodType<Check>;

// ── Patches (RFC 6902) and API requests

const ZPatchOp = z.discriminatedUnion("op", [
  z.strictObject({ op: z.literal("add"), path: ZPointer, value: z.unknown() }),
  z.strictObject({ op: z.literal("replace"), path: ZPointer, value: z.unknown() }),
  z.strictObject({ op: z.literal("test"), path: ZPointer, value: z.unknown() }),
  z.strictObject({ op: z.literal("remove"), path: ZPointer }),
  z.strictObject({ op: z.literal("move"), from: ZPointer, path: ZPointer }),
  z.strictObject({ op: z.literal("copy"), from: ZPointer, path: ZPointer }),
]);
export type PatchOp = z.infer<typeof ZPatchOp>;
export { ZPatchOp };

export const ZApiRequest = z.strictObject({
  method: z.enum(["GET", "POST", "PUT", "PATCH", "DELETE"]),
  path: z.string().regex(/^\/(api|graph)\//, { error: "must be a Certlab path starting with /api/ or /graph/" }),
  body: z.unknown().optional(),
  headers: z.record(z.string(), z.string()).optional().describe("Extra headers, e.g. If-Match"),
  expectStatus: z.number().int().min(100).max(599).optional().describe("Default: any 2xx"),
});
export type ApiRequest = z.infer<typeof ZApiRequest>;

// ── Variables (variables.ts): per-lab values picked by the seed, used as {{var.<name>}}

const ZVarName = z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, { error: "a variable name is a letter then letters, digits or _ (e.g. wrongTemplate)" });
const HOSTNAME = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
const countMessage = `needs 2 to ${MAX_VARIABLE_VALUES} values (the validator tries every one)`;
const ZChoices = <T extends z.ZodType<string | number>>(item: T) =>
  z
    .array(item)
    .min(2, { error: countMessage })
    .max(MAX_VARIABLE_VALUES, { error: countMessage })
    .superRefine((list, ctx) => {
      list.forEach((v, i) => {
        if (list.indexOf(v) !== i) ctx.addIssue({ code: "custom", path: [i], message: `duplicate choice ${JSON.stringify(v)}` });
      });
    });
const ZVarText = z.string().min(1, { error: "must not be empty" }).refine((v) => !v.includes("{{") && !v.includes("}}"), { error: "a value may not hold {{ or }}" });
const ZVarDescription = z.string().min(1).optional().describe("For authors and trainers: what the variable varies");
const ZPattern = z
  .string()
  .refine((p) => { try { new RegExp(p); return true; } catch { return false; } }, { error: "not a regular expression" })
  .optional()
  .describe("A regular expression every choice must match (a guard for authors)");
const withPattern = (v: { choices: string[]; pattern?: string }, ctx: z.RefinementCtx) => {
  if (v.pattern === undefined) return;
  let re: RegExp;
  try { re = new RegExp(v.pattern); } catch { return; }
  v.choices.forEach((c, i) => { if (!re.test(c)) ctx.addIssue({ code: "custom", path: ["choices", i], message: `${JSON.stringify(c)} does not match the pattern ${v.pattern}` }); });
};
export const ZVariable: z.ZodType<VariableSpec> = z
  .union([
    z.strictObject({ kind: z.literal("string"), choices: ZChoices(ZVarText), pattern: ZPattern, description: ZVarDescription }).superRefine(withPattern),
    z
      .strictObject({ kind: z.literal("hostname"), choices: ZChoices(ZVarText.refine((h) => HOSTNAME.test(h), { error: "must be a host name such as ndes02 or ndes02.corp.contoso.com" })), pattern: ZPattern, description: ZVarDescription })
      .superRefine(withPattern),
    z.strictObject({ kind: z.literal("int"), choices: ZChoices(z.number().int()), description: ZVarDescription }),
    z
      .strictObject({ kind: z.literal("int"), min: z.number().int(), max: z.number().int(), description: ZVarDescription })
      .superRefine((v, ctx) => {
        const n = v.max - v.min + 1;
        if (n < 2 || n > MAX_VARIABLE_VALUES) ctx.addIssue({ code: "custom", path: ["max"], message: `min..max ${countMessage}; this range has ${Math.max(0, n)}` });
      }),
  ])
  .meta({ id: "Variable", description: "string/hostname {choices, pattern?} | int {choices} | int {min, max}: 2 to 16 values" }) as z.ZodType<VariableSpec>;

// ── The file

const ZHint = z.strictObject({ id: ZId, text: ZMarkdown, penalty: z.number().int().min(0).default(0) });

export const ZFault = z.strictObject({
  id: ZId,
  description: ZMarkdown.describe("Trainer-only: what the fault breaks"),
  expectFindings: z.array(ZRuleCode).describe("Error/warning codes this fault alone raises on the baseline"),
  patch: z.array(ZPatchOp).min(1, { error: "a fault needs at least one patch operation" }),
});

export const ZObjective = z.strictObject({
  id: ZId,
  title: z.string().min(1),
  task: ZMarkdown.describe("Trainee-facing markdown"),
  points: z.number().int().min(0),
  fixes: z.array(ZId).default([]).describe("Fault ids this objective repairs"),
  check: ZCheck,
  initiallyPassing: z.boolean().optional().describe("Tutorial objectives: the check may pass before the fix"),
  hints: z.array(ZHint).default([]),
  solution: z.strictObject({
    markdown: ZMarkdown,
    requests: z.array(ZApiRequest).default([]),
  }),
});

export const ZGuard = z.strictObject({ id: ZId, description: z.string().min(1), check: ZCheck });

export const ZScenario = z
  .strictObject({
    $schema: z.string().optional(),
    schemaVersion: z.literal(SCENARIO_SCHEMA_VERSION, { error: `schemaVersion must be "${SCENARIO_SCHEMA_VERSION}"` }),
    id: ZId,
    version: z.string().regex(/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/, { error: "must be a semantic version such as 1.0.0" }),
    title: z.string().min(1),
    summary: ZMarkdown,
    stage: z.enum(SCENARIO_STAGES),
    difficulty: z.enum(SCENARIO_DIFFICULTIES),
    estimatedMinutes: z.number().int().min(1).max(600),
    tags: z.array(z.string().min(1)).default([]),
    sources: z
      .array(z.strictObject({ file: z.string().regex(/^\d{3}_[0-9a-f]{16}\.txt$/, { error: "must name a seed file such as 002_823a4c777ce30773.txt" }), where: z.string().min(1) }))
      .min(1, { error: "cite at least one seed file" }),
    baseline: z.strictObject({ id: z.literal("complete-setup"), version: z.literal("1") }),
    clock: z.strictObject({ start: z.iso.datetime({ offset: true }) }).optional(),
    seed: z.number().int().min(0).max(2 ** 31 - 1).optional().describe("The default seed of a lab loaded without one (default 1)"),
    variables: z.record(ZVarName, ZVariable).optional().describe("Per-lab values, used as {{var.<name>}} in the briefing, faults, objectives and guards"),
    briefing: z.strictObject({ markdown: ZMarkdown }),
    faults: z.array(ZFault).min(1, { error: "a scenario needs at least one fault" }),
    objectives: z.array(ZObjective).min(1, { error: "a scenario needs at least one objective" }),
    guards: z.array(ZGuard).default([]),
    scoring: z.strictObject({ passPoints: z.number().int().min(0) }),
  })
  .superRefine((s, ctx) => {
    const unique = (list: { id: string }[], key: string) => {
      const seen = new Set<string>();
      list.forEach((x, i) => {
        if (seen.has(x.id)) ctx.addIssue({ code: "custom", path: [key, i, "id"], message: `duplicate ${key.replace(/s$/, "")} id '${x.id}'` });
        seen.add(x.id);
      });
    };
    unique(s.faults, "faults");
    unique(s.objectives, "objectives");
    unique(s.guards, "guards");
    const faults = new Set(s.faults.map((f) => f.id));
    s.objectives.forEach((o, i) => {
      o.fixes.forEach((f, j) => {
        if (!faults.has(f)) ctx.addIssue({ code: "custom", path: ["objectives", i, "fixes", j], message: `no fault '${f}' (faults: ${[...faults].join(", ")})` });
      });
      const hints = new Set<string>();
      o.hints.forEach((h, j) => {
        if (hints.has(h.id)) ctx.addIssue({ code: "custom", path: ["objectives", i, "hints", j, "id"], message: `duplicate hint id '${h.id}'` });
        hints.add(h.id);
      });
    });
    for (const i of variableUsageIssues(s as unknown as Record<string, unknown>, new Set(Object.keys(s.variables ?? {}))))
      ctx.addIssue({ code: "custom", path: i.path.split("/"), message: i.message });
    const max = s.objectives.reduce((n, o) => n + o.points, 0);
    if (s.scoring.passPoints > max) ctx.addIssue({ code: "custom", path: ["scoring", "passPoints"], message: `passPoints ${s.scoring.passPoints} is more than the objectives' ${max} points` });
  });

export type Scenario = z.output<typeof ZScenario>;
export type ScenarioInput = z.input<typeof ZScenario>;
export type Fault = Scenario["faults"][number];
export type Objective = Scenario["objectives"][number];
export type Guard = Scenario["guards"][number];

/** One problem with a scenario file: the JSON path ("objectives/0/check/rule") and what is wrong. */
export type ScenarioIssue = { path: string; message: string };

export function issuePath(path: readonly PropertyKey[]): string {
  return path.map(String).join("/");
}

/** Parses a scenario file's JSON; problems name their path ("faults/1/patch/0/op: …"). */
export function parseScenario(json: unknown): { ok: true; scenario: Scenario } | { ok: false; issues: ScenarioIssue[] } {
  const r = ZScenario.safeParse(json);
  if (r.success) return { ok: true, scenario: r.data };
  return { ok: false, issues: r.error.issues.map((i) => ({ path: issuePath(i.path), message: i.message })) };
}

/** A scenario as trainees see it (GET /api/scenarios/{id}): no solutions, no fault descriptions or patches, no
 * checks (a state check's expected value would give the answer away) and no variable declarations (their choices
 * would); guards keep their description. Give it the lab's instantiated scenario (variables.ts) so the texts show
 * that lab's values. */
export function publicScenario(s: Scenario) {
  const { faults, objectives, guards, variables: _variables, ...rest } = s;
  return {
    ...rest,
    faults: faults.map((f) => ({ id: f.id })),
    objectives: objectives.map(({ solution: _solution, fixes: _fixes, check: _check, ...o }) => o),
    guards: guards.map((g) => ({ id: g.id, description: g.description })),
  };
}

/** The library listing's row (GET /api/scenarios). */
export function scenarioSummary(s: Scenario) {
  return {
    id: s.id,
    version: s.version,
    title: s.title,
    summary: s.summary,
    stage: s.stage,
    difficulty: s.difficulty,
    estimatedMinutes: s.estimatedMinutes,
    tags: s.tags,
    objectives: s.objectives.length,
    maxScore: s.objectives.reduce((n, o) => n + o.points, 0),
    passPoints: s.scoring.passPoints,
  };
}
