// Applying a scenario's fault patches (RFC 6902, with `test` ops as preconditions) to the scenario document, with
// fast-json-patch doing the patching. Before an operation is applied, its string values are expanded:
//   "{{now-P2D}}", "{{now+PT1H}}"  an ISO 8601 duration from the moment the scenario is loaded (or clock.start)
//   "{{/lab/cas/Contoso Issuing CA/id}}"  the value at that pointer of the document as it is at that operation
// ({{var.<name>}} placeholders are replaced before, when the lab's seed picks the values: variables.ts.)
// A string that is exactly one placeholder becomes the value itself (any JSON type); one embedded in text is
// substituted as text. An Intune variable ("{{UserPrincipalName}}" in a subject format) is not a placeholder and
// stays as written. The same expansion serves the runner's API requests (resolvePlaceholders).
import jsonpatch from "fast-json-patch";
import type { Operation } from "fast-json-patch";
import { findVariable } from "../intune/subject-name";
import { getAtPointer, type ScenarioDocument } from "./document";
import type { PatchOp, Scenario } from "./schema";

/** A patch that could not be applied: which fault, which operation, the pointer, and why. */
export class ScenarioPatchError extends Error {
  constructor(
    readonly faultId: string,
    readonly opIndex: number,
    readonly path: string,
    readonly reason: string,
  ) {
    super(`Fault '${faultId}', patch operation ${opIndex} (${path}): ${reason}`);
    this.name = "ScenarioPatchError";
  }
  /** The path in the scenario file ("faults/2/patch/0"). */
  filePath(faultIndex: number): string {
    return `faults/${faultIndex}/patch/${this.opIndex}`;
  }
}

const DURATION = /^P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** `base` moved by an ISO 8601 duration ("P2D", "PT1H30M", "P1Y"); years and months follow the calendar (UTC). */
export function addIsoDuration(base: Date, duration: string, sign: 1 | -1 = 1): Date {
  const m = DURATION.exec(duration);
  if (!m || duration === "P" || duration.endsWith("T")) throw new Error(`'${duration}' is not an ISO 8601 duration such as P2D or PT1H`);
  const [y, mo, w, d, h, mi, s] = m.slice(1).map((x) => (x ? Number(x) : 0)) as number[];
  const out = new Date(base.getTime());
  if (y || mo) out.setUTCMonth(out.getUTCMonth() + sign * (Math.trunc(y! * 12 + mo!)));
  const ms = (((w! * 7 + d!) * 24 + h!) * 60 + mi!) * 60_000 + s! * 1000;
  return new Date(out.getTime() + sign * ms);
}

const PLACEHOLDER = /\{\{\s*([^{}]+?)\s*\}\}/g;

export type PlaceholderContext = { now: Date; doc?: unknown };

function resolveOne(expr: string, ctx: PlaceholderContext): unknown {
  const time = /^now(?:([+-])(P.*))?$/.exec(expr);
  if (time) return (time[2] ? addIsoDuration(ctx.now, time[2], time[1] === "-" ? -1 : 1) : ctx.now).toISOString();
  if (expr.startsWith("/")) {
    if (ctx.doc === undefined) throw new Error(`'{{${expr}}}': no document to resolve the pointer against`);
    const v = getAtPointer(ctx.doc, expr);
    if (v === undefined) throw new Error(`'{{${expr}}}': nothing at that pointer`);
    return v;
  }
  if (expr.startsWith("var.")) throw new Error(`'{{${expr}}}': a scenario variable is replaced when the lab's seed picks its value (instantiateScenario, variables.ts); this one was not`);
  // An Intune variable ({{UserPrincipalName}}, {{AAD_Device_ID}}…) is the profile's own text: left as written.
  if (findVariable(expr)) return `{{${expr}}}`;
  throw new Error(`'{{${expr}}}' is not a placeholder: use {{now}}, {{now-P2D}}, {{now+PT1H}} or {{/json/pointer}} (or an Intune variable such as {{UserPrincipalName}}, kept as text)`);
}

/** Expands every placeholder in the strings of `value` (deep; keys are left alone). */
export function resolvePlaceholders<T>(value: T, ctx: PlaceholderContext): T {
  const walk = (v: unknown): unknown => {
    if (typeof v === "string") {
      const whole = /^\{\{\s*([^{}]+?)\s*\}\}$/.exec(v);
      if (whole) return resolveOne(whole[1]!, ctx);
      return v.includes("{{") ? v.replace(PLACEHOLDER, (_, e: string) => {
        const r = resolveOne(e, ctx);
        return typeof r === "string" ? r : JSON.stringify(r);
      }) : v;
    }
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value) as T;
}

const REASONS: Record<string, string> = {
  TEST_OPERATION_FAILED: "the test failed: the value there is not the expected one (has the baseline changed?)",
  OPERATION_PATH_UNRESOLVABLE: "nothing at that path",
  OPERATION_FROM_UNRESOLVABLE: "nothing at the 'from' path",
  OPERATION_PATH_ILLEGAL_ARRAY_INDEX: "not a valid array index",
  OPERATION_VALUE_OUT_OF_BOUNDS: "array index out of bounds",
  OPERATION_PATH_CANNOT_ADD: "cannot add at that path (its parent does not exist)",
  OPERATION_VALUE_REQUIRED: "the operation needs a value",
  OPERATION_VALUE_CANNOT_CONTAIN_UNDEFINED: "the value contains undefined",
};

/** Applies one fault's operations to `doc` in place; throws ScenarioPatchError naming the op. */
export function applyFaultPatch(doc: ScenarioDocument, faultId: string, ops: readonly PatchOp[], now: Date): void {
  ops.forEach((op, i) => {
    let resolved: PatchOp;
    try {
      resolved = "value" in op ? { ...op, value: resolvePlaceholders(op.value, { now, doc }) } : op;
    } catch (e) {
      throw new ScenarioPatchError(faultId, i, op.path, (e as Error).message);
    }
    try {
      jsonpatch.applyOperation(doc, resolved as Operation, true, true, true, i);
    } catch (e) {
      const name = (e as { name?: string }).name ?? "";
      throw new ScenarioPatchError(faultId, i, op.path, REASONS[name] ?? (e as Error).message);
    }
  });
}

/** The moment a scenario's relative times count from: clock.start when given, else `loadedAt`. */
export function scenarioNow(scenario: Pick<Scenario, "clock">, loadedAt: Date = new Date()): Date {
  return scenario.clock ? new Date(scenario.clock.start) : loadedAt;
}

/** A copy of `doc` with the given faults applied in order (default: all of the scenario's faults). */
export function applyFaults(doc: ScenarioDocument, scenario: Pick<Scenario, "faults" | "clock">, opts: { now?: Date; only?: readonly string[] } = {}): ScenarioDocument {
  const out = structuredClone(doc);
  const now = opts.now ?? scenarioNow(scenario);
  for (const f of scenario.faults) if (!opts.only || opts.only.includes(f.id)) applyFaultPatch(out, f.id, f.patch, now);
  return out;
}
