/** Development sign-in: paste a token minted on the server; it is tried against the admin API first. */
import * as React from "react";
import { Button, Field, Text, Textarea } from "@fluentui/react-components";
import type { ConsoleSignIn } from "../../../contracts/adminApi";
import { ApiClient, ApiError } from "../../api";
import { describeToken, type Session } from "../../auth/session";
import { useSignInStyles } from "./SignIn.styles";

/** The session when the token opens the console; otherwise what is wrong with it. */
async function checkToken(apiBase: string, raw: string): Promise<{ session: Session } | { error: string }> {
  const session = describeToken(raw);
  if ("error" in session) return session;
  if (session.expiresAt * 1000 <= Date.now()) return { error: "this token has expired; mint a new one" };
  try {
    await new ApiClient(apiBase, () => session.token).getPolicy();
    return { session };
  } catch (err) {
    if (err instanceof ApiError && err.status === 403)
      return { error: `${err.message}. Mint a token with --admin (or give the user the admin app role).` };
    // No configuration yet: the console offers to create one.
    if (err instanceof ApiError && err.status === 404) return { session };
    return { error: (err as Error).message };
  }
}

export function DevTokenForm(props: { config: ConsoleSignIn; onSignedIn: (session: Session) => void }) {
  const styles = useSignInStyles();
  const [token, setToken] = React.useState("");
  const [error, setError] = React.useState<string | null>(null);
  const [busy, setBusy] = React.useState(false);

  const signIn = async () => {
    setError(null);
    setBusy(true);
    const checked = await checkToken(props.config.apiBase, token).finally(() => setBusy(false));
    if ("error" in checked) setError(checked.error);
    else props.onSignedIn(checked.session);
  };

  return (
    <form
      className={styles.column}
      onSubmit={(e) => {
        e.preventDefault();
        void signIn();
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
  );
}
