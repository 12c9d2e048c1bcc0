// A lab tenant: what a trainer fills in to create a new directory.
import { z } from "zod";

/** The initial domain is <prefix>.onmicrosoft.com; Entra allows lowercase letters and digits, at most 27. */
export const INITIAL_DOMAIN_SUFFIX = ".onmicrosoft.com";

export const ZTenantCreate = z.strictObject({
  displayName: z.string().trim().min(1).max(256),
  initialDomainPrefix: z
    .string()
    .regex(/^[a-z0-9]{1,27}$/, "Use 1 to 27 lowercase letters and numbers; it becomes <name>.onmicrosoft.com"),
});
export type TTenantCreate = z.infer<typeof ZTenantCreate>;

export function initialDomainName(prefix: string): string {
  return `${prefix}${INITIAL_DOMAIN_SUFFIX}`;
}
