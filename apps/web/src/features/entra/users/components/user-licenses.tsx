// A user's Licenses tab: assigned products, with Assign / Remove for those who may manage users.
import { useState } from "react";
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Dropdown,
  Field,
  Option,
  Text,
} from "@fluentui/react-components";
import { Add20Regular } from "@fluentui/react-icons";
import { useSubscribedSkus } from "@/shared/api/subscribed-skus";
import type { User } from "@/shared/api/types";
import { ErrorMessage, Loading } from "@/shared/components/query-state";
import { ACTION_HEADER, RemoveButton, SimpleTable } from "@/shared/components/simple-table";
import { useAssignLicense } from "@/features/entra/users/api/assign-license";

export function UserLicenses(props: { tenantId: string; user: User; canWrite: boolean }) {
  const skus = useSubscribedSkus(props.tenantId);
  const assign = useAssignLicense(props.tenantId, props.user.id);
  const [open, setOpen] = useState(false);
  const [pick, setPick] = useState<string>();
  const assigned = props.user.assignedLicenses ?? [];
  const name = (skuId: string) => skus.data?.value.find((s) => s.skuId === skuId)?.skuPartNumber ?? skuId;
  const available = (skus.data?.value ?? []).filter((s) => !assigned.some((a) => a.skuId === s.skuId));

  return (
    <>
      {props.canWrite && (
        <Button appearance="subtle" icon={<Add20Regular />} onClick={() => setOpen(true)} style={{ alignSelf: "flex-start" }}>
          Assignments
        </Button>
      )}
      {!props.user.usageLocation && (
        <Text>This user has no usage location; a license can be assigned only after one is set.</Text>
      )}
      {skus.isPending && <Loading />}
      {skus.error && <ErrorMessage error={skus.error} />}
      <SimpleTable
        aria-label="Assigned licenses"
        size="small"
        rows={assigned}
        rowKey={(a) => a.skuId}
        empty="No license assignments found"
        columns={[
          { header: "Product", cell: (a) => name(a.skuId) },
          { header: "SKU ID", cell: (a) => <code>{a.skuId}</code> },
          {
            header: ACTION_HEADER,
            cell: (a) =>
              props.canWrite && (
                <RemoveButton
                  aria-label={`Remove license ${name(a.skuId)}`}
                  disabled={assign.isPending}
                  onClick={() => assign.mutate({ remove: a.skuId, skuName: name(a.skuId) })}
                />
              ),
          },
        ]}
      />
      <Dialog open={open} onOpenChange={(_e, d) => setOpen(d.open)}>
        <DialogSurface>
          <DialogBody>
            <DialogTitle>Assign license</DialogTitle>
            <DialogContent>
              <Field label="Product">
                <Dropdown
                  placeholder="Select a product"
                  selectedOptions={pick ? [pick] : []}
                  value={pick ? name(pick) : ""}
                  onOptionSelect={(_e, d) => setPick(d.optionValue)}
                >
                  {available.map((s) => (
                    <Option key={s.skuId} value={s.skuId} text={s.skuPartNumber}>
                      {`${s.skuPartNumber} (${Math.max(0, s.prepaidUnits.enabled - s.consumedUnits)} available)`}
                    </Option>
                  ))}
                </Dropdown>
              </Field>
            </DialogContent>
            <DialogActions>
              <Button
                appearance="primary"
                disabled={!pick || assign.isPending}
                onClick={() =>
                  pick &&
                  assign.mutate(
                    { add: pick, skuName: name(pick) },
                    {
                      onSuccess: () => {
                        setOpen(false);
                        setPick(undefined);
                      },
                    },
                  )
                }
              >
                Assign
              </Button>
              <Button onClick={() => setOpen(false)}>Cancel</Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </>
  );
}
