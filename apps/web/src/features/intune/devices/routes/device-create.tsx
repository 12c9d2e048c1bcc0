// Devices > All devices > Create device (issue 10): a Certlab simulated device — name, platform (the six SCEP
// platforms), OS version, serial number, IMEI/MEID where the platform has them, the primary user from Entra, and for
// Android the encryption and PIN state seed 002 requires (002_*: "Android Enterprise devices ... require a PIN").
// The API validates with the same schema and answers 400 naming the field; those messages land on the fields.
import { useState, type FormEvent } from "react";
import { Button, Checkbox, Combobox, Field, Input, makeStyles, Option, Select, Tag, TagGroup, Text } from "@fluentui/react-components";
import { useNavigate } from "react-router";
import { PLATFORMS, PLATFORM_DISPLAY_NAMES, type TPlatform } from "@certlab/domain/intune/profile-types";
import { ApiError } from "@/shared/api/http";
import type { Group, User } from "@/shared/api/types";
import type { ManagedDeviceEnrollmentType } from "@certlab/domain/intune/snapshot";
import { Page } from "@/shared/components/page";
import { UserPicker } from "@/shared/components/user-picker";
import { paths } from "@/shared/paths";
import { useSignedInSession } from "@/shared/session/session";
import { useCanWriteDevices } from "@/features/intune/devices/lib/can-write";
import { useCreateDevice, useGroupSearch, type DeviceCreateBody } from "@/features/intune/devices/api/devices";
import { deviceFieldsFor, enrollmentTypeLabel, isUserless, validateDevice, type DeviceField } from "@/features/intune/devices/lib/device-form";

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: "16px", maxWidth: "560px" },
  actions: { display: "flex", gap: "8px" },
});

type Errors = Partial<Record<DeviceField, string>>;

export default function DeviceCreateRoute() {
  const s = useStyles();
  const session = useSignedInSession();
  const canWrite = useCanWriteDevices();
  const navigate = useNavigate();
  const create = useCreateDevice(session.tenant.id);
  const [deviceName, setDeviceName] = useState("");
  const [platform, setPlatform] = useState<TPlatform>("iOS");
  const [osVersion, setOsVersion] = useState("");
  const [serialNumber, setSerialNumber] = useState("");
  const [imei, setImei] = useState("");
  const [meid, setMeid] = useState("");
  const [user, setUser] = useState<User | null>(null);
  const [enrollmentType, setEnrollmentType] = useState<ManagedDeviceEnrollmentType | "">("");
  const [groups, setGroups] = useState<Group[]>([]);
  const [encrypted, setEncrypted] = useState(true);
  const [passcodeSet, setPasscodeSet] = useState(true);
  const [errors, setErrors] = useState<Errors>({});
  const fields = deviceFieldsFor(platform);
  const type = enrollmentType && fields.enrollmentTypes.includes(enrollmentType) ? enrollmentType : fields.enrollmentTypes[0]!;
  const userless = isUserless(type);

  if (!canWrite) {
    return (
      <Page title="Create device">
        <Text>Your role can't create devices. Creating devices requires Global Administrator or Intune Administrator.</Text>
      </Page>
    );
  }

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body: DeviceCreateBody = {
      deviceName: deviceName.trim(),
      platform,
      enrollmentType: type,
      ...(userless || !user ? {} : { userId: user.id }),
      ...(groups.length ? { groupIds: groups.map((g) => g.id) } : {}),
      ...(osVersion.trim() ? { osVersion: osVersion.trim() } : {}),
      ...(serialNumber.trim() ? { serialNumber: serialNumber.trim() } : {}),
      ...(fields.imei && imei.trim() ? { imei: imei.trim() } : {}),
      ...(fields.meid && meid.trim() ? { meid: meid.trim() } : {}),
      ...(fields.android ? { encrypted, passcodeSet } : {}),
    };
    const found = validateDevice(body);
    setErrors(found);
    if (Object.keys(found).length) return;
    create.mutate(body, {
      onSuccess: (d) => navigate(paths.intune.device(d.id)),
      onError: (err) => {
        if (!(err instanceof ApiError)) return;
        const next: Errors = {};
        for (const d of err.details) {
          const key = d.target.split(/[.[]/)[0] as DeviceField;
          next[key] ??= d.message;
        }
        setErrors(next);
      },
    });
  };

  const err = (f: DeviceField) => ({ validationMessage: errors[f], validationState: errors[f] ? ("error" as const) : ("none" as const) });

  return (
    <Page title="Create device" subtitle="Devices | All devices">
      <Text>
        A simulated device, enrolled in this tenant's Intune. It receives the profiles assigned to it or its primary user; Sync enrolls it through the lab.
      </Text>
      <form className={s.form} onSubmit={submit} noValidate aria-label="Create device">
        <Field label="Device name" required {...err("deviceName")}>
          <Input value={deviceName} onChange={(_e, d) => setDeviceName(d.value)} />
        </Field>
        <Field label="Platform" required {...err("platform")}>
          <Select value={platform} onChange={(_e, d) => setPlatform(d.value as TPlatform)}>
            {PLATFORMS.map((p) => (
              <option key={p} value={p}>
                {PLATFORM_DISPLAY_NAMES[p]}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="OS version" {...err("osVersion")} hint={fields.osVersionHint}>
          <Input value={osVersion} onChange={(_e, d) => setOsVersion(d.value)} />
        </Field>
        <Field label="Serial number" {...err("serialNumber")}>
          <Input value={serialNumber} onChange={(_e, d) => setSerialNumber(d.value)} />
        </Field>
        {fields.imei && (
          <Field label="IMEI" {...err("imei")} hint="15 digits">
            <Input value={imei} inputMode="numeric" onChange={(_e, d) => setImei(d.value)} />
          </Field>
        )}
        {fields.meid && (
          <Field label="MEID" {...err("meid")} hint="14 hexadecimal digits">
            <Input value={meid} onChange={(_e, d) => setMeid(d.value)} />
          </Field>
        )}
        <Field label="Enrollment type" {...err("enrollmentType")}>
          <Select value={type} onChange={(_e, d) => setEnrollmentType(d.value as ManagedDeviceEnrollmentType)}>
            {fields.enrollmentTypes.map((t) => (
              <option key={t} value={t}>
                {enrollmentTypeLabel(t)}
              </option>
            ))}
          </Select>
        </Field>
        {userless ? (
          <Text>This enrollment type has no primary user: only profiles assigned to device groups or All devices reach it.</Text>
        ) : user ? (
          <Field label="Primary user" required {...err("userId")}>
            <TagGroup aria-label="Primary user" onDismiss={() => setUser(null)}>
              <Tag dismissible dismissIcon={{ "aria-label": `Remove ${user.displayName}` }} value={user.id}>
                {`${user.displayName} (${user.userPrincipalName})`}
              </Tag>
            </TagGroup>
          </Field>
        ) : (
          <>
            <UserPicker label="Primary user" onPick={setUser} />
            {errors.userId && (
              <Text role="alert" style={{ color: "#c50f1f" }}>
                {errors.userId}
              </Text>
            )}
          </>
        )}
        <GroupPicker tenantId={session.tenant.id} value={groups} onChange={setGroups} error={errors.groupIds} />
        {fields.android && (
          <>
            <Checkbox label="Device encrypted" checked={encrypted} onChange={(_e, d) => setEncrypted(!!d.checked)} />
            <Checkbox label="Device PIN / passcode set" checked={passcodeSet} onChange={(_e, d) => setPasscodeSet(!!d.checked)} />
          </>
        )}
        <div className={s.actions}>
          <Button appearance="primary" type="submit" disabled={create.isPending}>
            {create.isPending ? "Creating…" : "Create"}
          </Button>
          <Button onClick={() => navigate(paths.intune.allDevices)}>Cancel</Button>
        </div>
      </form>
    </Page>
  );
}

/** The device's Entra device groups (a profile assigned to one of them reaches the device). */
function GroupPicker(props: { tenantId: string; value: Group[]; onChange: (g: Group[]) => void; error?: string | undefined }) {
  const [text, setText] = useState("");
  const [open, setOpen] = useState(false);
  const { data, isFetching } = useGroupSearch(props.tenantId, text);
  const groups = (data?.value ?? []).filter((g) => !props.value.some((v) => v.id === g.id));
  return (
    <Field label="Device groups" hint="Groups this device is a member of" validationMessage={props.error} validationState={props.error ? "error" : "none"}>
      <div style={{ display: "flex", flexDirection: "column", gap: 6 }}>
        {props.value.length > 0 && (
          <TagGroup aria-label="Device groups" onDismiss={(_e, d) => props.onChange(props.value.filter((g) => g.id !== d.value))}>
            {props.value.map((g) => (
              <Tag key={g.id} dismissible dismissIcon={{ "aria-label": `Remove ${g.displayName}` }} value={g.id}>
                {g.displayName}
              </Tag>
            ))}
          </TagGroup>
        )}
        <Combobox
          freeform
          placeholder="Search groups"
          value={text}
          open={open}
          onOpenChange={(_e, d) => setOpen(d.open)}
          onChange={(e) => {
            setText(e.target.value);
            setOpen(true);
          }}
          onOptionSelect={(_e, d) => {
            const g = groups.find((x) => x.id === d.optionValue);
            if (g) props.onChange([...props.value, g]);
            setText("");
            setOpen(false);
          }}
        >
          {groups.map((g) => (
            <Option key={g.id} value={g.id} text={g.displayName}>
              {g.displayName}
            </Option>
          ))}
          {groups.length === 0 && (
            <Option disabled value="" text="">
              {isFetching ? "Searching…" : "No groups found"}
            </Option>
          )}
        </Combobox>
      </div>
    </Field>
  );
}
