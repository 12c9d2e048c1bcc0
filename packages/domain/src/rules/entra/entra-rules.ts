// The rules of catalogue A.8 (tenant side) and A.9: Entra application proxy connectors, connector groups, the
// published NDES application, its custom domain, and the checks that cross into the lab and Intune.
import type { Rule } from "../types";
import { APPLICATION_RULES } from "./application/application-rules";
import { CONNECTOR_RULES } from "./connectors/connector-rules";
import { CROSS_RULES } from "./cross/cross-rules";
import { CUSTOM_DOMAIN_RULES } from "./custom-domain/custom-domain-rules";

export const ENTRA_RULES: readonly Rule[] = [...CONNECTOR_RULES, ...APPLICATION_RULES, ...CUSTOM_DOMAIN_RULES, ...CROSS_RULES];
