/**
 * The key-encryption key: which KEKs the backend holds, how many kept keys each wraps, and re-wrapping
 * them under the current one (docs/deploy.md, "Rotating the KEK"). The re-wrap is safe to repeat.
 */
import * as React from "react";
import { Button, Text } from "@fluentui/react-components";
import type { ProtectionKekStatus, ProtectionRewrapResult } from "../../../../contracts/adminApi";
import { InlineMessage } from "../../../components/InlineMessage";
import { Muted, SectionHeader, Stack } from "../../../components/Layout";
import { keysByKek } from "../../../model/protection";
import { useEditor } from "../../../state";
import { kekStatus, rewrapKeys } from "../api";
import { FigureTable } from "./FigureTable";

export function KeyEncryptionKey(props: { refreshed: number; onRewrapped: () => void }) {
  const { api } = useEditor();
  const [keks, setKeks] = React.useState<ProtectionKekStatus | null>(null);
  const [error, setError] = React.useState<string | null>(null);
  const [result, setResult] = React.useState<ProtectionRewrapResult | null>(null);
  const [busy, setBusy] = React.useState(false);
  React.useEffect(() => {
    let cancelled = false;
    kekStatus(api).then(
      (k) => !cancelled && setKeks(k),
      (e: Error) => !cancelled && setError(e.message),
    );
    return () => {
      cancelled = true;
    };
  }, [api, props.refreshed, result]);
  const rewrap = () => {
    setBusy(true);
    setError(null);
    rewrapKeys(api)
      .then(
        (r) => {
          setResult(r);
          props.onRewrapped();
        },
        (e: Error) => setError(e.message),
      )
      .finally(() => setBusy(false));
  };
  return (
    <Stack>
      <SectionHeader title="Key-encryption key" />
      <Muted>
        Every kept file key is wrapped with the backend&apos;s key-encryption key (LABELBRIDGE_KEK). After a
        rotation, re-wrap the keys still under a retired one.
        {keks && ` The current one is '${keks.current}'.`}
      </Muted>
      {error && <InlineMessage intent="error">{error}</InlineMessage>}
      {keks?.keys.some((k) => k.status === "missing") && (
        <InlineMessage intent="error">
          Some keys are wrapped with a key-encryption key this backend does not have: they cannot be released
          until it is added to LABELBRIDGE_KEK_RETIRED.
        </InlineMessage>
      )}
      {keks && (
        <FigureTable
          name="Keys per key-encryption key"
          table={keysByKek(keks)}
          empty="No keys are kept yet."
        />
      )}
      <div>
        <Button onClick={rewrap} disabled={busy}>
          Re-wrap keys under the current key-encryption key
        </Button>
      </div>
      {result && (
        <Text data-testid="rewrap-result">
          {result.rewrapped} key{result.rewrapped === 1 ? "" : "s"} re-wrapped; the current key-encryption key
          is &apos;{result.kekId}&apos;.
        </Text>
      )}
    </Stack>
  );
}
