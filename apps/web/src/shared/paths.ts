// The routes a link may point at, in one place (bulletproof-react's paths map).
export const paths = {
  signIn: "/signin",
  health: "/health",
  tokens: "/settings/tokens",
  entra: {
    home: "/entra",
    overview: "/entra/overview",
    users: "/entra/users",
    newUser: "/entra/users/new",
    user: (id: string) => `/entra/users/${id}`,
    groups: "/entra/groups",
    newGroup: "/entra/groups/new",
    group: (id: string) => `/entra/groups/${id}`,
    roles: "/entra/roles",
    role: (id: string) => `/entra/roles/${id}`,
    auditLogs: "/entra/audit-logs",
    domains: "/entra/domains",
  },
  intune: { home: "/intune", tenantAdmin: "/intune/tenant-admin", tenantRoles: "/intune/tenant-admin/roles" },
  lab: { home: "/lab" },
} as const;
