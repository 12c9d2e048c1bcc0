// Active Directory Users and Computers: accounts (users, service accounts, gMSAs, computers), groups and
// membership, and SPNs with `setspn -s` semantics (a duplicate SPN anywhere in the forest is refused).
import type { Router } from "express";
import { newAdAccount } from "@certlab/domain/lab/defaults";
import type { AdAccount } from "@certlab/domain/lab/snapshot";
import { requirePermission } from "../../auth/middleware.ts";
import { AppError, badRequest } from "../../http/errors.ts";
import { parseBody } from "../../http/validate.ts";
import { accountLabel, findAccount, findGroup, ifMatchOf, labStore, netbiosOf, sendVersioned, withVersion } from "./common.ts";
import { ZAdAccountCreate, ZAdAccountUpdate, ZAdGroupCreate, ZGroupMember, ZSpn } from "@certlab/domain/lab/schemas";

export function adRoutes(r: Router): void {
  r.get("/accounts", async (req, res) => {
    const d = await labStore(req).draft();
    res.json({ value: d.list("adAccount").map((a) => withVersion(d, a.id, a)) });
  });

  r.get("/accounts/:id", async (req, res) => {
    const d = await labStore(req).draft();
    sendVersioned(res, withVersion(d, req.params.id!, d.get("adAccount", req.params.id!)));
  });

  r.post("/accounts", async (req, res) => {
    requirePermission(req, "lab.write");
    const body = parseBody(ZAdAccountCreate, req.body);
    const out = await labStore(req).change("Create AD account", "Add", (d) => {
      const domain = body.domain ?? netbiosOf(d);
      const sam = body.kind === "computer" && !body.samAccountName.endsWith("$") ? `${body.samAccountName}$` : body.samAccountName;
      if (findAccount(d, `${domain}\\${sam}`))
        throw new AppError("conflict", `The user logon name '${domain}\\${sam}' already exists in the domain.`, { code: "ObjectConflict" });
      for (const [i, g] of body.memberOf.entries())
        if (!findGroup(d, g)) throw badRequest(`The group '${g}' does not exist.`, [{ code: "InvalidValue", target: `memberOf[${i}]`, message: `No AD group '${g}'.` }]);
      const account: AdAccount = {
        ...newAdAccount({ samAccountName: sam, domain, kind: body.kind, userPrincipalName: body.userPrincipalName, memberOf: body.memberOf.map((g) => findGroup(d, g)!.name) }),
        displayName: body.displayName ?? sam,
        enabled: body.enabled,
      };
      d.add("adAccount", account);
      return { result: account, target: { kind: "adAccount", id: account.id } };
    });
    res.setHeader("Location", `/api/lab/accounts/${out.id}`);
    sendVersioned(res, { ...out, version: 1 }, 201);
  });

  r.patch("/accounts/:id", async (req, res) => {
    requirePermission(req, "lab.write");
    const body = parseBody(ZAdAccountUpdate, req.body);
    const id = req.params.id!;
    const out = await labStore(req).change(
      "Update AD account",
      "Update",
      (d) => {
        const a = d.get("adAccount", id);
        Object.assign(a, body);
        return { result: { a, d }, target: { kind: "adAccount", id } };
      },
      { kind: "adAccount", id, value: ifMatchOf(req) },
    );
    sendVersioned(res, withVersion(out.d, id, out.a));
  });

  r.delete("/accounts/:id", async (req, res) => {
    requirePermission(req, "lab.write");
    const id = req.params.id!;
    await labStore(req).change(
      "Delete AD account",
      "Delete",
      (d) => {
        d.get("adAccount", id);
        if (d.list("ndes").some((n) => n.serviceAccountId === id))
          throw new AppError("conflict", "The account is the NDES service account of a configured NDES server; remove NDES first.", { code: "ObjectInUse" });
        d.remove("adAccount", id);
        return { result: undefined, target: { kind: "adAccount", id } };
      },
      { kind: "adAccount", id, value: ifMatchOf(req) },
    );
    res.status(204).end();
  });

  // setspn -s <spn> <account>: "Checking domain … for duplicates" — refused when any account already has it.
  r.post("/accounts/:id/spns", async (req, res) => {
    requirePermission(req, "lab.write");
    const { spn } = parseBody(ZSpn, req.body);
    const id = req.params.id!;
    const out = await labStore(req).change("Register SPN", "Update", (d) => {
      const a = d.get("adAccount", id);
      const owner = d.list("adAccount").find((x) => x.spns.some((s) => s.toLowerCase() === spn.toLowerCase()));
      if (owner)
        throw new AppError("conflict", `Duplicate SPN found, aborting operation! ${spn} is already registered on ${accountLabel(owner)}.`, {
          code: "DuplicateSpn",
          details: [{ code: "ObjectConflict", target: "spn", message: `Registered on ${accountLabel(owner)}.` }],
        });
      a.spns = [...a.spns, spn];
      return { result: { a, d }, target: { kind: "adAccount", id } };
    });
    sendVersioned(res, withVersion(out.d, id, out.a));
  });

  // setspn -d <spn> <account>; the SPN goes in the query string (it contains "/").
  r.delete("/accounts/:id/spns", async (req, res) => {
    requirePermission(req, "lab.write");
    const spn = typeof req.query.spn === "string" ? req.query.spn : "";
    if (!spn) throw badRequest("Give the SPN to remove: ?spn=HTTP/host.", [{ code: "InvalidField", target: "spn", message: "Required." }]);
    const id = req.params.id!;
    await labStore(req).change("Remove SPN", "Update", (d) => {
      const a = d.get("adAccount", id);
      if (!a.spns.some((s) => s.toLowerCase() === spn.toLowerCase())) throw badRequest(`The SPN '${spn}' is not registered on ${accountLabel(a)}.`, [{ code: "InvalidValue", target: "spn", message: "Not registered on this account." }]);
      a.spns = a.spns.filter((s) => s.toLowerCase() !== spn.toLowerCase());
      return { result: undefined, target: { kind: "adAccount", id } };
    });
    res.status(204).end();
  });

  r.get("/groups", async (req, res) => {
    const d = await labStore(req).draft();
    res.json({
      value: d.list("adGroup").map((g) => ({
        ...withVersion(d, g.id, g),
        members: [...d.list("adAccount"), ...d.list("adGroup")].filter((m) => m.memberOf.some((x) => x.toLowerCase() === g.name.toLowerCase())).map((m) => ({ id: m.id, name: "samAccountName" in m ? accountLabel(m) : m.name })),
      })),
    });
  });

  r.post("/groups", async (req, res) => {
    requirePermission(req, "lab.write");
    const body = parseBody(ZAdGroupCreate, req.body);
    const out = await labStore(req).change("Create AD group", "Add", (d) => {
      if (findGroup(d, body.name)) throw new AppError("conflict", `A group named '${body.name}' already exists.`, { code: "ObjectConflict" });
      const g = d.add("adGroup", { id: "", name: body.name, domain: body.domain ?? netbiosOf(d), scope: body.scope, memberOf: [] });
      return { result: g, target: { kind: "adGroup", id: g.id } };
    });
    res.setHeader("Location", `/api/lab/groups/${out.id}`);
    sendVersioned(res, { ...out, version: 1 }, 201);
  });

  r.delete("/groups/:id", async (req, res) => {
    requirePermission(req, "lab.write");
    const id = req.params.id!;
    await labStore(req).change("Delete AD group", "Delete", (d) => {
      const g = d.get("adGroup", id);
      for (const m of [...d.list("adAccount"), ...d.list("adGroup")]) m.memberOf = m.memberOf.filter((x) => x.toLowerCase() !== g.name.toLowerCase());
      d.remove("adGroup", id);
      return { result: undefined, target: { kind: "adGroup", id } };
    }, { kind: "adGroup", id, value: ifMatchOf(req) });
    res.status(204).end();
  });

  // Group › Properties › Members › Add: the member's memberOf gains the group (what AD stores as memberOf/member).
  r.post("/groups/:id/members", async (req, res) => {
    requirePermission(req, "lab.write");
    const { memberId } = parseBody(ZGroupMember, req.body);
    const id = req.params.id!;
    await labStore(req).change("Add member to AD group", "Update", (d) => {
      const g = d.get("adGroup", id);
      const member = findAccount(d, memberId) ?? findGroup(d, memberId);
      if (!member) throw badRequest(`'${memberId}' is not an account or group of the domain.`, [{ code: "InvalidValue", target: "memberId", message: "No such AD account or group." }]);
      if (member.id === g.id) throw badRequest("A group can't be a member of itself.", [{ code: "InvalidValue", target: "memberId", message: "Same group." }]);
      if (member.memberOf.some((x) => x.toLowerCase() === g.name.toLowerCase()))
        throw new AppError("conflict", `The specified account name is already a member of the group '${g.name}'.`, { code: "ObjectConflict" });
      member.memberOf = [...member.memberOf, g.name];
      return { result: undefined, target: { kind: "samAccountName" in member ? "adAccount" : "adGroup", id: member.id } };
    });
    res.status(204).end();
  });

  r.delete("/groups/:id/members/:memberId", async (req, res) => {
    requirePermission(req, "lab.write");
    const id = req.params.id!;
    await labStore(req).change("Remove member from AD group", "Update", (d) => {
      const g = d.get("adGroup", id);
      const member = findAccount(d, req.params.memberId!) ?? findGroup(d, req.params.memberId!);
      if (!member || !member.memberOf.some((x) => x.toLowerCase() === g.name.toLowerCase())) throw badRequest(`'${req.params.memberId}' is not a member of '${g.name}'.`, [{ code: "InvalidValue", target: "memberId", message: "Not a member." }]);
      member.memberOf = member.memberOf.filter((x) => x.toLowerCase() !== g.name.toLowerCase());
      return { result: undefined, target: { kind: "samAccountName" in member ? "adAccount" : "adGroup", id: member.id } };
    });
    res.status(204).end();
  });
}
