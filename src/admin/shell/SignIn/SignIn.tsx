/**
 * Sign-in: with Entra ID, a button that goes through the authority; in development, a token from
 * `labelbridge token --admin` pasted here. Either way the token is checked against the admin API
 * before the console opens, so a token without the admin role is told so at once.
 */
import * as React from "react";
import { Button, Card, CardHeader, Text } from "@fluentui/react-components";
import type { ConsoleSignIn } from "../../../contracts/adminApi";
import type { Session } from "../../auth/session";
import { startSignIn } from "../../auth/entra";
import { InlineMessage } from "../../components/InlineMessage";
import { DevTokenForm } from "./DevTokenForm";
import { useSignInStyles } from "./SignIn.styles";

function EntraSignIn(props: { config: ConsoleSignIn }) {
  const { clientId, authority, scope } = props.config;
  return (
    <>
      <Text>Sign in with your Microsoft Entra ID account. Admins need the admin app role.</Text>
      <Button
        appearance="primary"
        onClick={() =>
          void startSignIn({ clientId: clientId!, authority: authority!, scope: scope! }, location.hash)
        }
      >
        Sign in with Microsoft
      </Button>
    </>
  );
}

export function SignIn(props: {
  config: ConsoleSignIn;
  reason: string | null;
  onSignedIn: (session: Session) => void;
}) {
  const styles = useSignInStyles();
  return (
    <main className={styles.page}>
      <Card className={styles.card}>
        <CardHeader
          header={
            <Text as="h1" size={600} weight="semibold">
              Labelbridge admin
            </Text>
          }
        />
        <div className={styles.column}>
          {props.reason && <InlineMessage intent="warning">{props.reason}</InlineMessage>}
          {props.config.auth === "entra" ? (
            <EntraSignIn config={props.config} />
          ) : (
            <DevTokenForm config={props.config} onSignedIn={props.onSignedIn} />
          )}
        </div>
      </Card>
    </main>
  );
}
