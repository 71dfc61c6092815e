/**
 * The signed-in console: header, the navigation built from the route table (with each view's count
 * of problems), and the current view — under the save bar when it edits the draft.
 */
import * as React from "react";
import { Badge, Button, Spinner, Tab, TabList, Text } from "@fluentui/react-components";
import type { Session } from "../../auth/session";
import { InlineMessage } from "../../components/InlineMessage";
import { SaveBar } from "../../components/SaveBar";
import { countByOwner } from "../../model/issues";
import { navigate, useRoute } from "../../router";
import { ROUTES, VIEW_IDS, routeOf, type ViewId } from "../../routes";
import { useEditor } from "../../state";
import { CreateConfiguration } from "../CreateConfiguration";
import { useShellStyles } from "./Shell.styles";

function ProblemBadge(props: { count: number }) {
  return props.count > 0 ? (
    <Badge size="small" color="danger" aria-label={`${props.count} problems`}>
      {props.count}
    </Badge>
  ) : null;
}

function Navigation(props: { current: ViewId }) {
  const styles = useShellStyles();
  const counts = countByOwner(useEditor().issues);
  return (
    <nav className={styles.nav} aria-label="Console sections">
      <TabList vertical selectedValue={props.current} onTabSelect={(_e, d) => navigate(d.value as ViewId)}>
        {ROUTES.map((r) => (
          <Tab key={r.id} value={r.id}>
            {r.title} {"problems" in r && <ProblemBadge count={counts[r.problems]} />}
          </Tab>
        ))}
      </TabList>
    </nav>
  );
}

function CurrentView(props: { view: ViewId; selected: string | null; tenantId: string | null }) {
  const editor = useEditor();
  const route = routeOf(props.view);
  // A view that works without a configuration stays mounted while one is loaded (after a first sync).
  if (editor.loading && !editor.draft && !route.withoutConfiguration)
    return <Spinner label="Loading the configuration…" />;
  if (editor.noConfiguration && !route.withoutConfiguration)
    return <CreateConfiguration tenantId={props.tenantId} />;
  if (editor.loadError && !editor.noConfiguration)
    return (
      <InlineMessage intent="error" title="The configuration could not be loaded">
        {editor.loadError}
      </InlineMessage>
    );
  return (
    <>
      {route.editsDraft && editor.draft && <SaveBar />}
      <React.Suspense fallback={<Spinner label={route.loading ?? "Loading…"} />}>
        <route.view selected={props.selected} />
      </React.Suspense>
    </>
  );
}

export function Shell(props: { session: Session; onSignOut: () => void }) {
  const styles = useShellStyles();
  const route = useRoute(VIEW_IDS);
  const editor = useEditor();
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
      <Navigation current={route.view} />
      <main className={styles.main}>
        <CurrentView view={route.view} selected={route.id} tenantId={props.session.tenantId} />
      </main>
    </div>
  );
}
