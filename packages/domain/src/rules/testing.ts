// Small builders for rule tests (and API tests): describe a tenant the way an admin would, get a snapshot. They
// live in directory/tenant-builder.ts (the complete correct setup builds on them too).
export * from "../directory/tenant-builder";
