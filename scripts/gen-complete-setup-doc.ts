// Writes docs/complete-setup.md from packages/domain/src/setup/ (or with --check, fails when it differs).
import { completeSetupDoc } from "../packages/domain/src/setup/complete-setup-doc.ts";
import { writeOrCheckDoc } from "./generated-doc.ts";

writeOrCheckDoc("complete-setup.md", completeSetupDoc(), "gen-complete-setup-doc.ts");
