// Active Directory Users and Computers: accounts (users, service accounts, gMSAs, computers), groups and their
// members, and SPNs (setspn -s). Seed 001 part 1: the NDES service account and its SPN.
import { useState } from "react";
import {
  Button,
  Field,
  Input,
  Select,
  Switch,
  Tab,
  TabList,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
} from "@fluentui/react-components";
import { PersonAdd20Regular, PeopleAdd20Regular } from "@fluentui/react-icons";
import { Page } from "@/shared/components/page";
import { ErrorMessage, Loading } from "@/shared/components/query-state";
import { api, useLab, useLabMutation, type Lab, type LabAccount } from "@/features/lab/console/api/lab-api";
import { FindingBadge, TAB_CODES, codeIn, useFindingsFor } from "@/features/lab/console/components/findings";
import { FormDialog } from "@/features/lab/console/components/form-dialog";
import { ReadOnlyNotice, Section, useLabWrite } from "@/features/lab/console/components/ui";

const KIND_LABEL: Record<string, string> = { user: "User", serviceAccount: "User (service account)", gmsa: "msDS-GroupManagedServiceAccount", computer: "Computer" };

export default function AdRoute() {
  const lab = useLab();
  const canWrite = useLabWrite();
  const [view, setView] = useState<"users" | "computers" | "groups">("users");
  const [selected, setSelected] = useState<string | null>(null);
  const [newUser, setNewUser] = useState(false);
  const [newGroup, setNewGroup] = useState(false);
  if (lab.isPending) return <Loading />;
  if (lab.error) return <ErrorMessage error={lab.error} />;
  const domain = lab.data.forest?.name ?? "corp.contoso.com";
  const accounts = lab.data.accounts.filter((a) => (view === "computers" ? a.kind === "computer" : a.kind !== "computer"));
  const account = lab.data.accounts.find((a) => a.id === selected);
  return (
    <Page
      title="Active Directory Users and Computers"
      subtitle={domain}
      commands={
        canWrite && (
          <>
            <Button appearance="subtle" icon={<PersonAdd20Regular />} onClick={() => setNewUser(true)}>
              New User
            </Button>
            <Button appearance="subtle" icon={<PeopleAdd20Regular />} onClick={() => setNewGroup(true)}>
              New Group
            </Button>
          </>
        )
      }
    >
      <ReadOnlyNotice />
      <TabList selectedValue={view} onTabSelect={(_e, d) => setView(d.value as typeof view)} aria-label="Containers">
        <Tab value="users">Users</Tab>
        <Tab value="computers">Computers</Tab>
        <Tab value="groups">Groups</Tab>
      </TabList>
      {view !== "groups" && (
        <Table aria-label={view === "users" ? "Users" : "Computers"} size="small">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Name</TableHeaderCell>
              <TableHeaderCell>Type</TableHeaderCell>
              <TableHeaderCell>User logon name</TableHeaderCell>
              <TableHeaderCell>Enabled</TableHeaderCell>
              <TableHeaderCell>Member Of</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {accounts.map((a) => (
              <AccountRow key={a.id} account={a} onOpen={() => setSelected(a.id)} />
            ))}
          </TableBody>
        </Table>
      )}
      {view === "groups" && <Groups lab={lab.data} />}
      {account && <AccountProperties key={account.id} account={account} lab={lab.data} onClose={() => setSelected(null)} />}
      {newUser && <NewUserDialog lab={lab.data} onClose={() => setNewUser(false)} onCreated={(id) => setSelected(id)} />}
      {newGroup && <NewGroupDialog onClose={() => setNewGroup(false)} />}
    </Page>
  );
}

function AccountRow(props: { account: LabAccount; onOpen: () => void }) {
  const a = props.account;
  const findings = useFindingsFor([a.id]);
  return (
    <TableRow>
      <TableCell>
        <Button appearance="transparent" size="small" onClick={props.onOpen} aria-label={`Properties of ${a.samAccountName}`}>
          {a.displayName ?? a.samAccountName}
        </Button>
        <FindingBadge findings={findings} label={a.samAccountName} />
      </TableCell>
      <TableCell>{KIND_LABEL[a.kind] ?? a.kind}</TableCell>
      <TableCell>{a.userPrincipalName ?? `${a.domain}\\${a.samAccountName}`}</TableCell>
      <TableCell>{a.enabled ? "Yes" : "No"}</TableCell>
      <TableCell>{a.memberOf.join(", ")}</TableCell>
    </TableRow>
  );
}

function AccountProperties(props: { account: LabAccount; lab: Lab; onClose: () => void }) {
  const a = props.account;
  const canWrite = useLabWrite();
  const [spn, setSpn] = useState("");
  const [group, setGroup] = useState("");
  const spnFindings = useFindingsFor([a.id], codeIn(TAB_CODES.spn));
  const update = useLabMutation((b: Record<string, unknown>) => api.updateAccount(a.id, b, a.version), { success: `Updated ${a.samAccountName}`, error: `Could not update ${a.samAccountName}` });
  const addSpn = useLabMutation((v: string) => api.addSpn(a.id, v), { success: (_d, v) => `Registered ${String(v)} on ${a.domain}\\${a.samAccountName}`, error: "setspn failed" });
  const removeSpn = useLabMutation((v: string) => api.removeSpn(a.id, v), { success: (_d, v) => `Unregistered ${String(v)}`, error: "setspn -d failed" });
  const join = useLabMutation((groupId: string) => api.addGroupMember(groupId, a.id), { success: `Added ${a.samAccountName} to the group`, error: "Could not add to the group" });
  const leave = useLabMutation((groupId: string) => api.removeGroupMember(groupId, a.id), { success: `Removed ${a.samAccountName} from the group`, error: "Could not remove from the group" });
  return (
    <Section title={`${a.samAccountName} Properties`} actions={<Button size="small" onClick={props.onClose}>Close</Button>}>
      <Text>
        {a.domain}\{a.samAccountName} {a.userPrincipalName ? `(${a.userPrincipalName})` : ""} — {KIND_LABEL[a.kind]}
      </Text>
      <Switch label="Account is enabled" checked={a.enabled} disabled={!canWrite} onChange={(_e, d) => update.mutate({ enabled: d.checked })} />
      <Switch label="Account is locked out" checked={a.lockedOut} disabled={!canWrite} onChange={(_e, d) => update.mutate({ lockedOut: d.checked })} />
      <Switch label="Password has expired" checked={a.passwordExpired} disabled={!canWrite} onChange={(_e, d) => update.mutate({ passwordExpired: d.checked })} />
      <h3 style={{ margin: 0, fontSize: 14 }}>Member Of</h3>
      <ul aria-label={`Groups of ${a.samAccountName}`} style={{ margin: 0, paddingLeft: 18 }}>
        {a.memberOf.map((g) => {
          const gid = props.lab.groups.find((x) => x.name.toLowerCase() === g.toLowerCase())?.id;
          return (
            <li key={g}>
              {g}{" "}
              {canWrite && gid && (
                <Button size="small" appearance="subtle" aria-label={`Remove ${a.samAccountName} from ${g}`} onClick={() => leave.mutate(gid)}>
                  Remove
                </Button>
              )}
            </li>
          );
        })}
      </ul>
      {canWrite && (
        <div style={{ display: "flex", gap: 8, alignItems: "end" }}>
          <Field label="Add to a group">
            <Select value={group} onChange={(_e, d) => setGroup(d.value)}>
              <option value="">Select a group</option>
              {props.lab.groups.map((g) => (
                <option key={g.id} value={g.id}>
                  {g.name}
                </option>
              ))}
            </Select>
          </Field>
          <Button disabled={!group} onClick={() => join.mutate(group, { onSuccess: () => setGroup("") })}>
            Add
          </Button>
        </div>
      )}
      <h3 style={{ margin: 0, fontSize: 14 }}>
        servicePrincipalName <FindingBadge findings={spnFindings} label="SPNs" />
      </h3>
      <ul aria-label={`SPNs of ${a.samAccountName}`} style={{ margin: 0, paddingLeft: 18 }}>
        {a.spns.map((x) => (
          <li key={x}>
            {x}{" "}
            {canWrite && (
              <Button size="small" appearance="subtle" aria-label={`Remove SPN ${x}`} onClick={() => removeSpn.mutate(x)}>
                Remove
              </Button>
            )}
          </li>
        ))}
        {a.spns.length === 0 && <li>&lt;not set&gt;</li>}
      </ul>
      {canWrite && (
        <form
          style={{ display: "flex", gap: 8, alignItems: "end" }}
          onSubmit={(e) => {
            e.preventDefault();
            const v = spn.trim();
            if (!v) return;
            setSpn("");
            addSpn.mutate(v, { onError: () => setSpn(v) });
          }}
        >
          <Field label="Service principal name" hint={`setspn -s HTTP/ndes01.${props.lab.forest?.name ?? "corp.contoso.com"} ${a.domain}\\${a.samAccountName}`}>
            <Input value={spn} onChange={(_e, d) => setSpn(d.value)} />
          </Field>
          <Button type="submit" disabled={!spn.trim() || addSpn.isPending}>
            Add SPN
          </Button>
        </form>
      )}
    </Section>
  );
}

function NewUserDialog(props: { lab: Lab; onClose: () => void; onCreated: (id: string) => void }) {
  const domain = props.lab.forest?.name ?? "corp.contoso.com";
  const [fullName, setFullName] = useState("");
  const [sam, setSam] = useState("");
  const [kind, setKind] = useState("serviceAccount");
  const create = useLabMutation((b: Record<string, unknown>) => api.createAccount(b), { success: (_d, v) => `Created ${String((v as { samAccountName: string }).samAccountName)}`, error: "Could not create the object" });
  return (
    <FormDialog
      open
      title="New Object - User"
      busy={create.isPending}
      okDisabled={!sam.trim()}
      onClose={props.onClose}
      onSubmit={() =>
        create.mutate(
          { samAccountName: sam.trim(), kind, displayName: fullName.trim() || undefined, userPrincipalName: kind === "gmsa" ? undefined : `${sam.trim()}@${domain}` },
          {
            onSuccess: (d) => {
              props.onCreated((d as { id: string }).id);
              props.onClose();
            },
          },
        )
      }
    >
      <Text>Create in: {domain}/Users</Text>
      <Field label="Full name">
        <Input value={fullName} onChange={(_e, d) => setFullName(d.value)} />
      </Field>
      <Field label="User logon name" hint={`@${domain}`}>
        <Input value={sam} onChange={(_e, d) => setSam(d.value)} />
      </Field>
      <Field label="Account type">
        <Select value={kind} onChange={(_e, d) => setKind(d.value)}>
          <option value="serviceAccount">Service account (domain user)</option>
          <option value="user">User</option>
          <option value="gmsa">Group Managed Service Account</option>
        </Select>
      </Field>
    </FormDialog>
  );
}

function NewGroupDialog(props: { onClose: () => void }) {
  const [name, setName] = useState("");
  const [scope, setScope] = useState("global");
  const create = useLabMutation((b: Record<string, unknown>) => api.createGroup(b), { success: "Created the group", error: "Could not create the group" });
  return (
    <FormDialog open title="New Object - Group" busy={create.isPending} okDisabled={!name.trim()} onClose={props.onClose} onSubmit={() => create.mutate({ name: name.trim(), scope }, { onSuccess: props.onClose })}>
      <Field label="Group name">
        <Input value={name} onChange={(_e, d) => setName(d.value)} />
      </Field>
      <Field label="Group scope">
        <Select value={scope} onChange={(_e, d) => setScope(d.value)}>
          <option value="domainLocal">Domain local</option>
          <option value="global">Global</option>
          <option value="universal">Universal</option>
        </Select>
      </Field>
    </FormDialog>
  );
}

function Groups(props: { lab: Lab }) {
  const canWrite = useLabWrite();
  const [addTo, setAddTo] = useState<string | null>(null);
  const [member, setMember] = useState("");
  const add = useLabMutation((v: { g: string; m: string }) => api.addGroupMember(v.g, v.m), { success: "Added the member", error: "Could not add the member" });
  const members = (name: string) =>
    [...props.lab.accounts.map((a) => ({ id: a.id, name: `${a.domain}\\${a.samAccountName}`, memberOf: a.memberOf })), ...props.lab.groups.map((g) => ({ id: g.id, name: g.name, memberOf: g.memberOf }))].filter((m) =>
      m.memberOf.some((x) => x.toLowerCase() === name.toLowerCase()),
    );
  return (
    <>
      <Table aria-label="Groups" size="small">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Name</TableHeaderCell>
            <TableHeaderCell>Group scope</TableHeaderCell>
            <TableHeaderCell>Members</TableHeaderCell>
            <TableHeaderCell>Actions</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {props.lab.groups.map((g) => (
            <TableRow key={g.id}>
              <TableCell>{g.name}</TableCell>
              <TableCell>{g.scope}</TableCell>
              <TableCell>{members(g.name).map((m) => m.name).join(", ")}</TableCell>
              <TableCell>
                {canWrite && (
                  <Button size="small" aria-label={`Add member to ${g.name}`} onClick={() => { setMember(""); setAddTo(g.id); }}>
                    Add…
                  </Button>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <FormDialog open={addTo !== null} title="Select Users, Contacts, Computers, Service Accounts, or Groups" busy={add.isPending} okDisabled={!member.trim()} onClose={() => setAddTo(null)} onSubmit={() => addTo && add.mutate({ g: addTo, m: member.trim() }, { onSuccess: () => setAddTo(null) })}>
        <Field label="Enter the object names to select">
          <Input value={member} onChange={(_e, d) => setMember(d.value)} />
        </Field>
      </FormDialog>
    </>
  );
}
