// Per-lab variations (issue 11; workshops-reference.md part (b), choice 8): a scenario may declare `variables`, each a
// small set of values (a list of choices, or an integer range); a lab's seed picks one value per variable, and
// `{{var.<name>}}` placeholders in the briefing, the faults, the objectives and the guards are replaced by it before
// anything else happens (the faults' patches, the checks, the solutions' requests then see plain values), so two
// neighbours in a workshop get different template names, limits or accounts and cannot copy each other's answers.
//
// The pick is a rotation, not a random draw: value index = (seed + fnv1a(name)) mod n. The same seed gives the same
// values on every machine; consecutive seeds (the seats of one workshop) give neighbouring seats different values for
// every variable with two or more values; and the seeds 0..N-1 (N = the largest number of values) reach every value
// of every variable, which is what the validator and the runner try (variantSeeds).
import type { Scenario, ScenarioIssue } from "./schema";

/** The most values a variable may have: the validator and `npm run scenario -- test` try every one. */
export const MAX_VARIABLE_VALUES = 16;

export type VariableValue = string | number;
export type ScenarioVars = Record<string, VariableValue>;

export type VariableSpec =
  | { kind: "string" | "hostname"; choices: string[]; pattern?: string; description?: string }
  | { kind: "int"; choices: number[]; description?: string }
  | { kind: "int"; min: number; max: number; description?: string };

/** `{{var.name}}` (spaces allowed inside the braces); the name group may be anything, so a bad one can be named. */
export const VAR_PLACEHOLDER = /\{\{\s*var\.([^{}\s]*)\s*\}\}/g;
const WHOLE_VAR = /^\{\{\s*var\.([^{}\s]*)\s*\}\}$/;

/** The scenario sections in which `{{var.…}}` is replaced (the library listing shows title and summary unresolved). */
export const VARIABLE_SECTIONS = ["briefing", "faults", "objectives", "guards"] as const;

/** Keys whose string values are text: a whole `{{var.n}}` there becomes the value's text, never a number. */
const TEXT_KEYS = new Set(["markdown", "title", "task", "text", "description", "path", "from", "id"]);

/** 32-bit FNV-1a of a string: stable on every machine and Node version. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The values a variable can take, in the file's order (an int range from min to max). */
export function variableValues(v: VariableSpec): VariableValue[] {
  if ("choices" in v) return [...v.choices];
  return Array.from({ length: v.max - v.min + 1 }, (_, i) => v.min + i);
}

const SEED_MOD = 2 ** 31;
const normSeed = (seed: number) => ((Math.trunc(seed) % SEED_MOD) + SEED_MOD) % SEED_MOD;

/** The value of every variable for a lab with this seed (deterministic; {} when the scenario declares none). */
export function resolveVariables(scenario: Pick<Scenario, "variables">, seed: number): ScenarioVars {
  const out: ScenarioVars = {};
  for (const [name, spec] of Object.entries(scenario.variables ?? {})) {
    const values = variableValues(spec);
    out[name] = values[(normSeed(seed) + (fnv1a(name) % values.length)) % values.length]!;
  }
  return out;
}

/** Seeds that together reach every value of every variable (0..N-1), or [] when the scenario declares none. */
export function variantSeeds(scenario: Pick<Scenario, "variables">): number[] {
  const n = Math.max(0, ...Object.values(scenario.variables ?? {}).map((v) => variableValues(v).length));
  return Array.from({ length: n }, (_, i) => i);
}

/** "name=value, …" for messages. */
export function describeVars(vars: ScenarioVars): string {
  return Object.entries(vars).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(", ");
}

/** The seed of the `index`-th lab (0-based) of a group whose seed is `base`: consecutive, so neighbours differ. */
export function labSeed(base: number, index: number): number {
  return normSeed(normSeed(base) + index);
}

/** A seed taken from a text (a workshop's id): stable, spread over 0..2^31-1. */
export function seedFromText(text: string): number {
  return fnv1a(text) % SEED_MOD;
}

/** Replaces `{{var.name}}` in the strings of `value` (deep): typed when a string is exactly one placeholder. */
export function substituteVariables<T>(value: T, vars: ScenarioVars): T {
  const text = (s: string) => s.replace(VAR_PLACEHOLDER, (m, name: string) => (name in vars ? String(vars[name]) : m));
  const walk = (v: unknown, key: string | undefined): unknown => {
    if (typeof v === "string") {
      if (!v.includes("{{")) return v;
      const whole = WHOLE_VAR.exec(v);
      if (whole && whole[1]! in vars && !(key && TEXT_KEYS.has(key))) return vars[whole[1]!];
      return text(v);
    }
    if (Array.isArray(v)) return v.map((x) => walk(x, key));
    if (v !== null && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, k)]));
    return v;
  };
  return walk(value, undefined) as T;
}

/** The scenario of one lab: every `{{var.…}}` of its sections replaced by the values the seed picks. */
export function instantiateScenario(scenario: Scenario, seed: number): { scenario: Scenario; vars: ScenarioVars } {
  const vars = resolveVariables(scenario, seed);
  if (!Object.keys(vars).length) return { scenario, vars };
  const out = { ...scenario };
  for (const k of VARIABLE_SECTIONS) (out as Record<string, unknown>)[k] = substituteVariables(scenario[k], vars);
  return { scenario: out, vars };
}

/**
 * Every `{{var.name}}` of a scenario file that names no declared variable, or stands outside the sections where
 * variables are replaced: one issue per string, at its path ("faults/0/patch/1/value/maxUrl").
 */
export function variableUsageIssues(file: Record<string, unknown>, declared: ReadonlySet<string>): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  const walk = (v: unknown, path: string[], inSection: boolean) => {
    if (typeof v === "string") {
      for (const m of v.matchAll(VAR_PLACEHOLDER)) {
        const name = m[1]!;
        const at = path.join("/");
        if (!inSection) issues.push({ path: at, message: `{{var.${name}}} is only replaced in ${VARIABLE_SECTIONS.join(", ")}` });
        else if (/^objectives\/\d+\/title$/.test(at))
          issues.push({ path: at, message: "an objective's title heads the trainer's matrix column for every seat, so it cannot vary: put the value in its task" });
        else if (!declared.has(name))
          issues.push({ path: at, message: `no variable '${name}' (declared: ${[...declared].join(", ") || "none; add it under \"variables\""})` });
      }
      return;
    }
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, String(i)], inSection));
    else if (v !== null && typeof v === "object") for (const [k, x] of Object.entries(v)) walk(x, [...path, k], inSection);
  };
  for (const [k, v] of Object.entries(file)) if (k !== "variables") walk(v, [k], (VARIABLE_SECTIONS as readonly string[]).includes(k));
  return issues;
}
