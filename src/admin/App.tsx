/** The console: sign-in first, then the editor with its views; reports live in their own chunk. */
import * as React from "react";
import {
  Badge,
  Button,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Tab,
  TabList,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { ConsoleSignIn } from "../contracts/adminApi";
import { ApiClient } from "./api";
import { completeSignIn } from "./auth/entra";
import { clearSession, describeToken, loadSession, saveSession, type Session } from "./auth/session";
import { SignIn } from "./SignIn";
import { EditorProvider, useEditor } from "./state/editor";
import { navigate, useRoute, type View } from "./router";
import { SaveBar } from "./SaveBar";
import { LabelsView } from "./labels/LabelsView";
import { PoliciesView } from "./policies/PoliciesView";
import { HistoryView } from "./history/HistoryView";
import { RolloutView } from "./rollout/RolloutView";
import { ImportExportView } from "./graph/ImportExportView";
import { countByOwner } from "./model/issues";
import { CreateConfiguration } from "./CreateConfiguration";

// ".js": node16 resolution wants the emitted name; webpack maps it back to the .tsx (extensionAlias).
const ReportsView = React.lazy(() =>
  import(/* webpackChunkName: "reports" */ "./reports/ReportsView.js").then((m) => ({
    default: m.ReportsView,
  })),
);

const useStyles = makeStyles({
  shell: {
    display: "grid",
    gridTemplateColumns: "200px 1fr",
    gridTemplateRows: "auto 1fr",
    minHeight: "100vh",
  },
  header: {
    gridColumn: "1 / 3",
    display: "flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalL,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
    backgroundColor: tokens.colorBrandBackground,
    color: tokens.colorNeutralForegroundOnBrand,
  },
  grow: { flexGrow: 1 },
  nav: {
    borderRight: `1px solid ${tokens.colorNeutralStroke2}`,
    paddingTop: tokens.spacingVerticalM,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  main: {
    padding: tokens.spacingHorizontalL,
    minWidth: 0,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
  },
  center: { padding: tokens.spacingVerticalXXXL, display: "flex", justifyContent: "center" },
  onBrand: { color: tokens.colorNeutralForegroundOnBrand },
});

const NAV: { view: View; text: string }[] = [
  { view: "labels", text: "Labels" },
  { view: "policies", text: "Policies" },
  { view: "rollout", text: "Rollout" },
  { view: "history", text: "History" },
  { view: "import", text: "Import & export" },
  { view: "reports", text: "Reports" },
];

export function App() {
  const styles = useStyles();
  const [config, setConfig] = React.useState<ConsoleSignIn | null>(null);
  const [failure, setFailure] = React.useState<string | null>(null);
  const [session, setSession] = React.useState<Session | null>(null);
  const [reason, setReason] = React.useState<string | null>(null);

  React.useEffect(() => {
    void (async () => {
      try {
        const response = await fetch("/admin/config.json", { cache: "no-store" });
        const settings = (await response.json()) as ConsoleSignIn;
        if (settings.auth === "entra") {
          const redeemed = await completeSignIn(
            { clientId: settings.clientId!, authority: settings.authority!, scope: settings.scope! },
            location.hash,
          ).catch((err: Error) => {
            setReason(`Sign-in failed: ${err.message}`);
            history.replaceState(null, "", `${location.pathname}#/labels`);
            return null;
          });
          if (redeemed) {
            const s = describeToken(redeemed.accessToken);
            if (!("error" in s)) saveSession(s);
            history.replaceState(null, "", `${location.pathname}${redeemed.returnTo || "#/labels"}`);
          }
        }
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

  if (failure)
    return (
      <div className={styles.center}>
        <MessageBar intent="error">
          <MessageBarBody>{failure}</MessageBarBody>
        </MessageBar>
      </div>
    );
  if (!config || !api)
    return (
      <div className={styles.center}>
        <Spinner label="Loading…" />
      </div>
    );
  if (!session)
    return (
      <SignIn
        config={config}
        reason={reason}
        onSignedIn={(s) => {
          saveSession(s);
          setReason(null);
          setSession(s);
        }}
      />
    );
  return (
    <EditorProvider api={api}>
      <Shell
        session={session}
        onSignOut={() => {
          clearSession();
          setSession(null);
        }}
      />
    </EditorProvider>
  );
}

function Shell(props: { session: Session; onSignOut: () => void }) {
  const styles = useStyles();
  const route = useRoute();
  const editor = useEditor();
  const counts = countByOwner(editor.issues);
  const badge = (view: View) => {
    const n = view === "labels" ? counts.labels : view === "policies" ? counts.policies : 0;
    return n > 0 ? (
      <Badge size="small" color="danger" aria-label={`${n} problems`}>
        {n}
      </Badge>
    ) : null;
  };
  return (
    <div className={styles.shell}>
      <header className={styles.header}>
        <Text as="h1" size={500} weight="semibold" className={styles.onBrand}>
          Labelbridge admin
        </Text>
        <Text className={styles.onBrand}>{editor.base?.name ?? ""}</Text>
        <span className={styles.grow} />
        <Text className={styles.onBrand} data-testid="signed-in-as">
          {props.session.name ?? "signed in"}
        </Text>
        <Button appearance="transparent" className={styles.onBrand} onClick={props.onSignOut}>
          Sign out
        </Button>
      </header>
      <nav className={styles.nav} aria-label="Console sections">
        <TabList vertical selectedValue={route.view} onTabSelect={(_e, d) => navigate(d.value as View)}>
          {NAV.map((n) => (
            <Tab key={n.view} value={n.view}>
              {n.text} {badge(n.view)}
            </Tab>
          ))}
        </TabList>
      </nav>
      <main className={styles.main}>
        {editor.loading && !editor.draft ? (
          <Spinner label="Loading the configuration…" />
        ) : editor.noConfiguration ? (
          <CreateConfiguration tenantId={props.session.tenantId} />
        ) : editor.loadError ? (
          <MessageBar intent="error">
            <MessageBarBody>
              <MessageBarTitle>The configuration could not be loaded</MessageBarTitle>
              {editor.loadError}
            </MessageBarBody>
          </MessageBar>
        ) : (
          <>
            {route.view !== "reports" && <SaveBar />}
            {route.view === "labels" && <LabelsView selected={route.id} />}
            {route.view === "policies" && <PoliciesView selected={route.id} />}
            {route.view === "rollout" && <RolloutView />}
            {route.view === "history" && <HistoryView selected={route.id} />}
            {route.view === "import" && <ImportExportView />}
            {route.view === "reports" && (
              <React.Suspense fallback={<Spinner label="Loading reports…" />}>
                <ReportsView />
              </React.Suspense>
            )}
          </>
        )}
      </main>
    </div>
  );
}
