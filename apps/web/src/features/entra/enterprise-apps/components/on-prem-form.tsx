// The fields of "Add your own on-premises application" (seed 003; rules-reference C.5), shared by the New form and
// the application's Application proxy page: Name, Maintenance Mode, Internal URL, External URL (prefix + domain,
// with a Copy button), Pre Authentication, Connector Group and the Additional settings with their defaults.
import {
  Button,
  Checkbox,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Select,
  Switch,
  Text,
  tokens,
} from "@fluentui/react-components";
import { Copy20Regular } from "@fluentui/react-icons";
import { validateAppProxyUrl, type ExternalDomainOption } from "@certlab/domain/entra/on-premises-publishing";
import { notifications } from "@/shared/notifications/notification-store";
import type { GroupWithMembers } from "@/features/entra/enterprise-apps/api/app-proxy";
import { externalUrlOf, prefixFromName, type OnPremDraft } from "@/features/entra/enterprise-apps/lib/draft";

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: "14px", maxWidth: "720px" },
  url: { display: "flex", gap: "4px", alignItems: "flex-end", flexWrap: "wrap" },
  prefix: { minWidth: "200px", flexGrow: 1 },
  heading: { margin: "12px 0 0", fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  checks: { display: "flex", flexDirection: "column", gap: "2px" },
});

export async function copyText(text: string, what: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    notifications.push({ intent: "success", title: `${what} copied to clipboard`, body: text });
  } catch {
    notifications.push({ intent: "info", title: `Copy ${what}`, body: text });
  }
}

/** The warning of an application's Connector Group when the group has no connector or no active one (C.4, S37). */
export function connectorGroupWarning(group: GroupWithMembers | undefined): string | undefined {
  if (!group) return undefined;
  if (group.members.length === 0)
    return `The connector group '${group.name}' has no connectors. Applications assigned to it can't be reached ("Gateway time-out"): the group needs at least one Connector.`;
  if (!group.members.some((c) => c.status === "active"))
    return `The connector group '${group.name}' has no active connectors. Applications assigned to it can't be reached ("Gateway time-out") until a connector in the group is Active.`;
  return undefined;
}

export function OnPremForm(props: {
  draft: OnPremDraft;
  onChange: (d: OnPremDraft) => void;
  tenantInitialDomain: string;
  domainOptions: ExternalDomainOption[];
  groups: GroupWithMembers[];
  /** On the New form the prefix follows the Name until the admin types one. */
  prefixFollowsName?: boolean;
  onPrefixTyped?: () => void;
  disabled?: boolean;
}) {
  const s = useStyles();
  const d = props.draft;
  const set = (patch: Partial<OnPremDraft>) => props.onChange({ ...d, ...patch });
  const externalUrl = externalUrlOf(d, props.tenantInitialDomain);
  const internalErrors = d.internalUrl.trim() === "" ? [] : validateAppProxyUrl("onPremisesPublishing.internalUrl", d.internalUrl);
  const externalErrors = d.externalPrefix.trim() === "" ? [] : validateAppProxyUrl("onPremisesPublishing.externalUrl", externalUrl);
  const defaultGroup = props.groups.find((g) => g.isDefault);
  const chosenGroup = props.groups.find((g) => g.id === (d.connectorGroupId || defaultGroup?.id));
  const groupWarning = connectorGroupWarning(chosenGroup);
  const dis = props.disabled;

  return (
    <div className={s.form}>
      <Field label="Name" required hint="The name of the application that appears on My Apps and in the Microsoft Entra admin center.">
        <Input
          value={d.name}
          disabled={dis}
          onChange={(_e, v) => set(props.prefixFollowsName ? { name: v.value, externalPrefix: prefixFromName(v.value) } : { name: v.value })}
        />
      </Field>
      <Field label="Maintenance Mode" hint="Temporarily disable access for all users to the application.">
        <Switch checked={d.maintenanceMode} disabled={dis} onChange={(_e, v) => set({ maintenanceMode: v.checked })} label={d.maintenanceMode ? "On" : "Off"} />
      </Field>
      <Field
        label="Internal URL"
        required
        hint="The URL for accessing the application from inside your private network, e.g. https://ndes01.corp.contoso.com/"
        validationState={internalErrors.length ? "error" : "none"}
        validationMessage={internalErrors.length ? internalErrors.map((e) => e.message).join(" ") : undefined}
      >
        <Input value={d.internalUrl} disabled={dis} placeholder="https://" onChange={(_e, v) => set({ internalUrl: v.value })} />
      </Field>
      <div>
        <div className={s.url}>
          <Text weight="semibold" style={{ alignSelf: "center" }}>
            https://
          </Text>
          <Field label="External URL prefix" className={s.prefix}>
            <Input
              value={d.externalPrefix}
              disabled={dis}
              onChange={(_e, v) => {
                props.onPrefixTyped?.();
                set({ externalPrefix: v.value });
              }}
            />
          </Field>
          <Field label="External URL domain">
            <Select value={d.externalDomain} disabled={dis} onChange={(_e, v) => set({ externalDomain: v.value })}>
              {props.domainOptions.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </Select>
          </Field>
        </div>
        <Field
          label="External URL"
          hint="The address for users to access the app from outside your network. If your domain isn't in the list, it might not be verified."
          validationState={externalErrors.length ? "error" : "none"}
          validationMessage={externalErrors.length ? externalErrors.map((e) => e.message).join(" ") : undefined}
        >
          <div className={s.url}>
            <Input readOnly value={externalUrl} style={{ flexGrow: 1 }} />
            <Button icon={<Copy20Regular />} aria-label="Copy External URL" onClick={() => void copyText(externalUrl, "External URL")}>
              Copy
            </Button>
          </div>
        </Field>
      </div>
      <Field
        label="Pre Authentication"
        hint={
          d.externalAuthenticationType === "passthru"
            ? "Passthrough: users don't have to authenticate against Microsoft Entra ID to access the application (required for NDES: SCEP can't pre-authenticate)."
            : "Microsoft Entra ID: application proxy redirects users to sign in with Microsoft Entra ID."
        }
      >
        <Select
          value={d.externalAuthenticationType}
          disabled={dis}
          onChange={(_e, v) => set({ externalAuthenticationType: v.value as OnPremDraft["externalAuthenticationType"] })}
        >
          <option value="aadPreAuthentication">Microsoft Entra ID</option>
          <option value="passthru">Passthrough</option>
        </Select>
      </Field>
      <Field label="Connector Group" hint="If you don't have any connector groups created yet, your app is assigned to Default.">
        <Select value={d.connectorGroupId || defaultGroup?.id || ""} disabled={dis} onChange={(_e, v) => set({ connectorGroupId: v.value })}>
          {props.groups.length === 0 && <option value="">Default</option>}
          {props.groups.map((g) => (
            <option key={g.id} value={g.id}>
              {g.name}
            </option>
          ))}
        </Select>
      </Field>
      {groupWarning && (
        <MessageBar intent="warning">
          <MessageBarBody>
            <MessageBarTitle>Connector group</MessageBarTitle>
            {groupWarning}
          </MessageBarBody>
        </MessageBar>
      )}

      <h2 className={s.heading}>Additional settings</h2>
      <Text size={200}>For most applications, you should keep these settings in their default states.</Text>
      <Field label="Backend Application Timeout" hint="Default is 85 seconds; Long is 180 seconds. Set Long only if the application is slow to authenticate and connect.">
        <Select
          value={d.applicationServerTimeout}
          disabled={dis}
          onChange={(_e, v) => set({ applicationServerTimeout: v.value as OnPremDraft["applicationServerTimeout"] })}
        >
          <option value="default">Default</option>
          <option value="long">Long</option>
        </Select>
      </Field>
      <div className={s.checks}>
        <Checkbox label="Use HTTP-Only Cookie" disabled={dis} checked={d.isHttpOnlyCookieEnabled} onChange={(_e, v) => set({ isHttpOnlyCookieEnabled: !!v.checked })} />
        <Checkbox label="Use Secure Cookie" disabled={dis} checked={d.isSecureCookieEnabled} onChange={(_e, v) => set({ isSecureCookieEnabled: !!v.checked })} />
        <Checkbox label="Use Persistent Cookie" disabled={dis} checked={d.isPersistentCookieEnabled} onChange={(_e, v) => set({ isPersistentCookieEnabled: !!v.checked })} />
        <Checkbox label="Translate URLs in Headers" disabled={dis} checked={d.isTranslateHostHeaderEnabled} onChange={(_e, v) => set({ isTranslateHostHeaderEnabled: !!v.checked })} />
        <Checkbox
          label="Translate URLs in Application Body"
          disabled={dis}
          checked={d.isTranslateLinksInBodyEnabled}
          onChange={(_e, v) => set({ isTranslateLinksInBodyEnabled: !!v.checked })}
        />
        <Checkbox
          label="Validate Backend TLS/SSL Certificate"
          disabled={dis}
          checked={d.isBackendCertificateValidationEnabled}
          onChange={(_e, v) => set({ isBackendCertificateValidationEnabled: !!v.checked })}
        />
      </div>
    </div>
  );
}
