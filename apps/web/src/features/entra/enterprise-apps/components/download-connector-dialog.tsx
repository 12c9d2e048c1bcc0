// Download connector service → Terms of Service → Accept terms & Download (seed 000 steps 4–5). The installer runs on
// a lab server: the dialog sends the admin to the lab's Server Manager, where the installer is.
import { useState } from "react";
import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Link, Text } from "@fluentui/react-components";
import { useNavigate } from "react-router";
import { paths } from "@/shared/paths";

export const INSTALLER = "MicrosoftEntraPrivateNetworkConnectorInstaller.exe";

export function DownloadConnectorDialog(props: { open: boolean; onClose: () => void }) {
  const [accepted, setAccepted] = useState(false);
  const navigate = useNavigate();
  const close = () => {
    setAccepted(false);
    props.onClose();
  };
  return (
    <Dialog open={props.open} onOpenChange={(_e, d) => !d.open && close()}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>Microsoft Entra private network connector Download</DialogTitle>
          <DialogContent style={{ display: "flex", flexDirection: "column", gap: 10 }}>
            {!accepted ? (
              <>
                <Text weight="semibold">Terms of Service</Text>
                <Text>
                  By downloading the Microsoft Entra private network connector you agree to the Microsoft Online Subscription Agreement and the Privacy
                  Statement. The connector must run on a Windows Server with outbound access to *.msappproxy.net and *.servicebus.windows.net on port
                  443, with TLS 1.2 enabled and no TLS inspection. Register it with an Application Administrator of this directory.
                </Text>
              </>
            ) : (
              <>
                <Text weight="semibold">{INSTALLER}</Text>
                <Text>
                  In Certlab the installer runs on a server of your on-premises lab: copy it to a server within your corporate network that can reach
                  NDES (it doesn't have to be the NDES server itself), run it, accept the software license terms and register the connector with an
                  Application Administrator of this directory. The new connector then appears here with a status of Active.
                </Text>
                <Link href={paths.lab.home} onClick={(e) => (e.preventDefault(), navigate(paths.lab.home))}>
                  Open the lab to run the installer
                </Link>
              </>
            )}
          </DialogContent>
          <DialogActions>
            {!accepted ? (
              <>
                <Button appearance="primary" onClick={() => setAccepted(true)}>
                  Accept terms & Download
                </Button>
                <Button onClick={close}>Cancel</Button>
              </>
            ) : (
              <Button onClick={close}>Close</Button>
            )}
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
