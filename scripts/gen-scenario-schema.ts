// Writes docs/scenario.schema.json from the zod schema of packages/domain/src/scenarios/schema.ts and docs/scenarios.md
// from the format's data (scenarios-doc.ts), or with --check fails when either differs, so editors and CI validate
// scenarios/**/*.json against the same contract the engine uses and the authors' guide cannot drift.
import { z } from "zod";
import { ZScenario } from "../packages/domain/src/scenarios/schema.ts";
import { scenariosDoc } from "../packages/domain/src/scenarios/scenarios-doc.ts";
import { writeOrCheckDoc } from "./generated-doc.ts";

const schema = z.toJSONSchema(ZScenario, { target: "draft-2020-12", io: "input", unrepresentable: "any" }) as Record<string, unknown>;
const doc = {
  $schema: schema.$schema,
  $id: "https://certlab.local/docs/scenario.schema.json",
  title: "Certlab break-fix scenario",
  description: "One scenario file (scenarios/<stage>/<id>.json). Generated from packages/domain/src/scenarios/schema.ts by scripts/gen-scenario-schema.ts; see docs/scenarios.md. Cross-field rules (unique ids, fixes naming real faults, rule codes existing, patches applying) are checked by `npm run scenario -- validate`.",
  ...Object.fromEntries(Object.entries(schema).filter(([k]) => k !== "$schema")),
};
writeOrCheckDoc("scenario.schema.json", `${JSON.stringify(doc, null, 2)}\n`, "gen-scenario-schema.ts");
writeOrCheckDoc("scenarios.md", scenariosDoc(), "gen-scenario-schema.ts");
