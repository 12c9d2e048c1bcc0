// New user (Entra "Create new user"): display name, user principal name as alias@verified-domain, password,
// account enabled. Checked client-side with ZUserCreate; the API's 400 names the field too.
import { useState, type FormEvent } from "react";
import {
  Button,
  Checkbox,
  Dropdown,
  Field,
  Input,
  makeStyles,
  Option,
  Text,
} from "@fluentui/react-components";
import { useNavigate } from "react-router";
import type { TUserCreate } from "@certlab/domain/schemas/directory";
import { useOrganization } from "@/shared/api/organization";
import { Page } from "@/shared/components/page";
import { ErrorMessage } from "@/shared/components/query-state";
import { useCan, useSignedInSession } from "@/shared/session/session";
import { createUserInput, useCreateUser } from "@/features/entra/users/api/create-user";
import { generatePassword } from "@/features/entra/users/components/generate-password";

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: "16px", maxWidth: "560px" },
  upn: { display: "flex", alignItems: "center", gap: "6px" },
  row: { display: "flex", gap: "8px", alignItems: "flex-end" },
  actions: { display: "flex", gap: "8px" },
});

type Field = "displayName" | "alias" | "password" | "usageLocation";

function fieldOf(path: PropertyKey[]): Field {
  const key = String(path[0]);
  if (key === "displayName") return "displayName";
  if (key === "passwordProfile") return "password";
  if (key === "usageLocation") return "usageLocation";
  return "alias";
}

export default function UserNewRoute() {
  const s = useStyles();
  const session = useSignedInSession();
  const canWrite = useCan("directory.users.write");
  const navigate = useNavigate();
  const org = useOrganization(session.tenant.id);
  const create = useCreateUser(session.tenant.id);
  const domains = org.data?.verifiedDomains ?? [];
  const [displayName, setDisplayName] = useState("");
  const [alias, setAlias] = useState("");
  const [domain, setDomain] = useState<string>();
  const [password, setPassword] = useState(() => generatePassword());
  const [showPassword, setShowPassword] = useState(true);
  const [usageLocation, setUsageLocation] = useState("");
  const [accountEnabled, setAccountEnabled] = useState(true);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const chosenDomain = domain ?? domains.find((d) => d.isDefault)?.name ?? session.tenant.defaultDomain;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body: TUserCreate = {
      accountEnabled,
      displayName,
      mailNickname: alias,
      userPrincipalName: `${alias}@${chosenDomain}`,
      passwordProfile: { password, forceChangePasswordNextSignIn: false },
      ...(usageLocation ? { usageLocation: usageLocation.toUpperCase() } : {}),
    };
    const parsed = createUserInput.safeParse(body);
    if (!parsed.success) {
      const next: Partial<Record<Field, string>> = {};
      for (const issue of parsed.error.issues) next[fieldOf(issue.path)] ??= issue.message;
      setErrors(next);
      return;
    }
    setErrors({});
    create.mutate(parsed.data, { onSuccess: (user) => navigate(`../${user.id}`, { relative: "path" }) });
  };

  const state = (f: Field) => (errors[f] ? ("error" as const) : ("none" as const));

  if (!canWrite) {
    return (
      <Page title="New user">
        <Text>Your role can't create users. Creating users requires the Global Administrator role.</Text>
      </Page>
    );
  }

  return (
    <Page title="New user" subtitle="Create a new internal user in your organization">
      <form className={s.form} onSubmit={submit} noValidate>
        <Field label="Display name" required validationMessage={errors.displayName} validationState={state("displayName")}>
          <Input value={displayName} onChange={(_e, d) => setDisplayName(d.value)} />
        </Field>
        <Field
          label="User principal name"
          required
          validationMessage={errors.alias}
          validationState={state("alias")}
          hint="The user's sign-in name; the part after @ is one of the directory's verified domains."
        >
          {(fieldProps) => (
            <div className={s.upn}>
              <Input {...fieldProps} value={alias} onChange={(_e, d) => setAlias(d.value.trim())} style={{ flex: 1 }} />
              <Text aria-hidden>@</Text>
              <Dropdown
                aria-label="Domain"
                value={chosenDomain}
                selectedOptions={[chosenDomain]}
                onOptionSelect={(_e, d) => d.optionValue && setDomain(d.optionValue)}
              >
                {(domains.length ? domains.map((d) => d.name) : [chosenDomain]).map((name) => (
                  <Option key={name} value={name}>
                    {name}
                  </Option>
                ))}
              </Dropdown>
            </div>
          )}
        </Field>
        <div className={s.row}>
          <Field label="Password" required validationMessage={errors.password} validationState={state("password")} style={{ flex: 1 }}>
            <Input
              type={showPassword ? "text" : "password"}
              value={password}
              autoComplete="new-password"
              onChange={(_e, d) => setPassword(d.value)}
            />
          </Field>
          <Button onClick={() => setPassword(generatePassword())}>Auto-generate password</Button>
        </div>
        <Checkbox label="Show password" checked={showPassword} onChange={(_e, d) => setShowPassword(!!d.checked)} />
        <Field
          label="Usage location"
          hint="Two-letter country code, e.g. US. Required before a license can be assigned."
          validationMessage={errors.usageLocation}
          validationState={state("usageLocation")}
        >
          <Input value={usageLocation} maxLength={2} onChange={(_e, d) => setUsageLocation(d.value)} style={{ maxWidth: 120 }} />
        </Field>
        <Checkbox label="Account enabled" checked={accountEnabled} onChange={(_e, d) => setAccountEnabled(!!d.checked)} />
        {create.error && <ErrorMessage error={create.error} title="Could not create user" />}
        <div className={s.actions}>
          <Button appearance="primary" type="submit" disabled={create.isPending}>
            Create
          </Button>
          <Button onClick={() => navigate("..", { relative: "path" })}>Cancel</Button>
        </div>
      </form>
    </Page>
  );
}
