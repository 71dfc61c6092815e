/**
 * The console's settings from /admin/config.json and the admin's session: on the way back from Entra
 * ID the code in the fragment is redeemed first; a session kept in this tab is picked up; a 401 ends it
 * with a reason (the draft stays in the tab).
 */
import * as React from "react";
import type { ConsoleSignIn } from "../../../contracts/adminApi";
import { ApiClient } from "../../api";
import { completeSignIn } from "../../auth/entra";
import { clearSession, describeToken, loadSession, saveSession, type Session } from "../../auth/session";

/** Redeems `#code=…` after an Entra sign-in; records why it failed otherwise. */
async function redeem(settings: ConsoleSignIn, onFailure: (reason: string) => void): Promise<void> {
  const redeemed = await completeSignIn(
    { clientId: settings.clientId!, authority: settings.authority!, scope: settings.scope! },
    location.hash,
  ).catch((err: Error) => {
    onFailure(`Sign-in failed: ${err.message}`);
    history.replaceState(null, "", `${location.pathname}#/labels`);
    return null;
  });
  if (!redeemed) return;
  const s = describeToken(redeemed.accessToken);
  if (!("error" in s)) saveSession(s);
  history.replaceState(null, "", `${location.pathname}${redeemed.returnTo || "#/labels"}`);
}

export function useConsoleSession() {
  const [config, setConfig] = React.useState<ConsoleSignIn | null>(null);
  const [failure, setFailure] = React.useState<string | null>(null);
  const [session, setSession] = React.useState<Session | null>(null);
  const [reason, setReason] = React.useState<string | null>(null);

  React.useEffect(() => {
    void (async () => {
      try {
        const response = await fetch("/admin/config.json", { cache: "no-store" });
        const settings = (await response.json()) as ConsoleSignIn;
        if (settings.auth === "entra") await redeem(settings, setReason);
        setSession(loadSession());
        setConfig(settings);
      } catch (err) {
        setFailure(`The console cannot read its settings: ${(err as Error).message}`);
      }
    })();
  }, []);

  const api = React.useMemo(
    () =>
      config
        ? new ApiClient(
            config.apiBase,
            () => session?.token ?? null,
            () => {
              clearSession();
              setReason(
                "Your sign-in has expired. Sign in again; your unsaved changes are kept in this tab.",
              );
              setSession(null);
            },
          )
        : null,
    [config, session],
  );

  const signedIn = (s: Session) => {
    saveSession(s);
    setReason(null);
    setSession(s);
  };
  const signOut = () => {
    clearSession();
    setSession(null);
  };
  return { config, failure, session, reason, api, signedIn, signOut };
}
