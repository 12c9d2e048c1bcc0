// Writes docs/guides.md from packages/domain/src/guides/ (or with --check, fails when it differs).
import { guidesDoc } from "../packages/domain/src/guides/guides-doc.ts";
import { writeOrCheckDoc } from "./generated-doc.ts";

writeOrCheckDoc("guides.md", guidesDoc(), "gen-guides-doc.ts");
