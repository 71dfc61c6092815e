/** The console: its settings, sign-in first, then the editor with its views. */
import * as React from "react";
import { Spinner } from "@fluentui/react-components";
import { InlineMessage } from "../../components/InlineMessage";
import { EditorProvider } from "../../state";
import { Shell } from "../Shell";
import { SignIn } from "../SignIn";
import { useAppStyles } from "./App.styles";
import { useConsoleSession } from "./useConsoleSession";

export function App() {
  const styles = useAppStyles();
  const { config, failure, session, reason, api, signedIn, signOut } = useConsoleSession();
  if (failure)
    return (
      <div className={styles.center}>
        <InlineMessage intent="error">{failure}</InlineMessage>
      </div>
    );
  if (!config || !api)
    return (
      <div className={styles.center}>
        <Spinner label="Loading…" />
      </div>
    );
  if (!session) return <SignIn config={config} reason={reason} onSignedIn={signedIn} />;
  return (
    <EditorProvider api={api}>
      <Shell session={session} onSignOut={signOut} />
    </EditorProvider>
  );
}
