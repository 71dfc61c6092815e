/**
 * A tenant without a configuration (the server started with LABELBRIDGE_SEED=false, or a new tenant
 * was allowed): start from the default taxonomy. Its policy starts in phase Define, so nobody gets
 * anything live before the admin has shaped the labels and chosen a pilot.
 */
import * as React from "react";
import { Button, Card, Text } from "@fluentui/react-components";
import { defaultTenantPolicy } from "../../../core/policy";
import { InlineMessage } from "../../components/InlineMessage";
import { href } from "../../router";
import { useEditor } from "../../state";
import { useCreateConfigurationStyles } from "./CreateConfiguration.styles";

export function CreateConfiguration(props: { tenantId: string | null }) {
  const styles = useCreateConfigurationStyles();
  const editor = useEditor();
  const [error, setError] = React.useState<string | null>(null);
  const [busy, setBusy] = React.useState(false);
  const create = async () => {
    if (!props.tenantId) return setError("the token names no tenant (tid)");
    setBusy(true);
    setError(null);
    try {
      const document = defaultTenantPolicy({ siteId: props.tenantId, name: `Tenant ${props.tenantId}` });
      document.policies = document.policies.map((p) => ({ ...p, phase: "define" }));
      await editor.api.createPolicy(document);
      await editor.reload();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card className={styles.card} data-testid="create-configuration">
      <Text as="h2" size={600} weight="semibold">
        No labels yet
      </Text>
      <Text>
        This tenant has no labeling configuration. Start from the default taxonomy — Personal, Public,
        General, Confidential and Highly Confidential with sublabels — and one policy for everyone in phase
        Define, which gives nobody anything until you move it on.
      </Text>
      <Text>If the tenant’s labels live in Microsoft Purview, take them from there instead.</Text>
      {error && <InlineMessage intent="error">{error}</InlineMessage>}
      <div>
        <Button appearance="primary" disabled={busy} onClick={() => void create()}>
          Create from the default taxonomy
        </Button>{" "}
        <Button as="a" href={href("purview")}>
          Purview sync
        </Button>
      </div>
    </Card>
  );
}
