// "Switch directory" (seed 000_6abfab919ea0a4d2.txt, step 2): the directories this account belongs to.
import {
  Badge,
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from "@fluentui/react-components";
import { useSignedInSession } from "@/shared/session/session";
import { useSwitchDirectory } from "@/app/shell/session-actions";

export function SwitchDirectoryDialog(props: { open: boolean; onClose: () => void }) {
  const session = useSignedInSession();
  const switchDirectory = useSwitchDirectory(props.onClose);
  return (
    <Dialog open={props.open} onOpenChange={(_e, d) => !d.open && props.onClose()}>
      <DialogSurface style={{ maxWidth: 720 }}>
        <DialogBody>
          <DialogTitle>Switch directory</DialogTitle>
          <DialogContent>
            <p>Your account {session.account.signInName} is a member of these directories.</p>
            <Table aria-label="Directories">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>Directory name</TableHeaderCell>
                  <TableHeaderCell>Domain</TableHeaderCell>
                  <TableHeaderCell>Directory ID</TableHeaderCell>
                  <TableHeaderCell>
                    <span className="sr-only">Action</span>
                  </TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {session.directories.map((d) => {
                  const current = d.tenantId === session.tenant.id;
                  return (
                    <TableRow key={d.tenantId}>
                      <TableCell>{d.displayName}</TableCell>
                      <TableCell>{d.initialDomain}</TableCell>
                      <TableCell>
                        <code>{d.tenantId}</code>
                      </TableCell>
                      <TableCell>
                        {current ? (
                          <Badge appearance="tint" color="success">
                            Current
                          </Badge>
                        ) : (
                          <Button
                            size="small"
                            aria-label={`Switch to ${d.displayName}`}
                            disabled={switchDirectory.isPending}
                            onClick={() => switchDirectory.mutate(d.tenantId)}
                          >
                            Switch
                          </Button>
                        )}
                      </TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          </DialogContent>
          <DialogActions>
            <Button onClick={props.onClose}>Close</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
