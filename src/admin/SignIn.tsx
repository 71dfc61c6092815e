/**
 * Sign-in: with Entra ID, a button that goes through the authority; in development, a token from
 * `labelbridge token --admin` pasted here. Either way the token is checked against the admin API
 * before the console opens, so a token without the admin role is told so at once.
 */
import * as React from "react";
import {
  Button,
  Card,
  CardHeader,
  Field,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Text,
  Textarea,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { ConsoleSignIn } from "../contracts/adminApi";
import { describeToken, type Session } from "./auth/session";
import { startSignIn } from "./auth/entra";
import { ApiClient, ApiError } from "./api";

const useStyles = makeStyles({
  page: { display: "flex", justifyContent: "center", padding: tokens.spacingVerticalXXXL },
  card: { width: "min(640px, 100%)", padding: tokens.spacingHorizontalXL },
  command: {
    fontFamily: tokens.fontFamilyMonospace,
    backgroundColor: tokens.colorNeutralBackground3,
    padding: tokens.spacingHorizontalS,
    borderRadius: tokens.borderRadiusMedium,
    display: "block",
    overflowX: "auto",
  },
  column: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
});

export function SignIn(props: {
  config: ConsoleSignIn;
  reason: string | null;
  onSignedIn: (session: Session) => void;
}) {
  const styles = useStyles();
  const [token, setToken] = React.useState("");
  const [error, setError] = React.useState<string | null>(null);
  const [busy, setBusy] = React.useState(false);

  const signInWith = async (raw: string) => {
    setError(null);
    const session = describeToken(raw);
    if ("error" in session) return setError(session.error);
    if (session.expiresAt * 1000 <= Date.now()) return setError("this token has expired; mint a new one");
    setBusy(true);
    try {
      await new ApiClient(props.config.apiBase, () => session.token).getPolicy();
      props.onSignedIn(session);
    } catch (err) {
      if (err instanceof ApiError && err.status === 403)
        setError(`${err.message}. Mint a token with --admin (or give the user the admin app role).`);
      else if (err instanceof ApiError && err.status === 404) props.onSignedIn(session);
      else setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

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
          {props.reason && (
            <MessageBar intent="warning">
              <MessageBarBody>{props.reason}</MessageBarBody>
            </MessageBar>
          )}
          {props.config.auth === "entra" ? (
            <>
              <Text>Sign in with your Microsoft Entra ID account. Admins need the admin app role.</Text>
              <Button
                appearance="primary"
                onClick={() =>
                  void startSignIn(
                    {
                      clientId: props.config.clientId!,
                      authority: props.config.authority!,
                      scope: props.config.scope!,
                    },
                    location.hash,
                  )
                }
              >
                Sign in with Microsoft
              </Button>
            </>
          ) : (
            <form
              className={styles.column}
              onSubmit={(e) => {
                e.preventDefault();
                void signInWith(token);
              }}
            >
              <Text>
                This server runs with development tokens. Mint an admin token on the server and paste it here:
              </Text>
              <code className={styles.command}>{props.config.devTokenCommand}</code>
              <Field
                label="Admin token"
                validationState={error ? "error" : "none"}
                validationMessage={error ?? undefined}
              >
                <Textarea
                  value={token}
                  rows={4}
                  onChange={(_e, d) => setToken(d.value)}
                  placeholder="eyJhbGciOi…"
                  spellCheck={false}
                />
              </Field>
              <Button appearance="primary" type="submit" disabled={busy || token.trim() === ""}>
                Sign in
              </Button>
            </form>
          )}
          {props.config.auth === "entra" && error && (
            <MessageBar intent="error">
              <MessageBarBody>
                <MessageBarTitle>Sign-in failed</MessageBarTitle>
                {error}
              </MessageBarBody>
            </MessageBar>
          )}
        </div>
      </Card>
    </main>
  );
}
