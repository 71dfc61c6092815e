/**
 * The key-encryption key: how many kept keys each KEK wraps, and re-wrapping them under the current
 * one (docs/deploy.md, "Rotating the KEK"). The backend has no route that names the current KEK
 * without re-wrapping; the re-wrap answers it, and is safe to repeat.
 */
import * as React from "react";
import { Button, Text } from "@fluentui/react-components";
import type { ProtectionKey, ProtectionRewrapResult } from "../../../../contracts/adminApi";
import { InlineMessage } from "../../../components/InlineMessage";
import { Muted, SectionHeader, Stack } from "../../../components/Layout";
import { keysByKek } from "../../../model/protection";
import { useEditor } from "../../../state";
import { KEY_LIST_LIMIT, protectionKeys, rewrapKeys } from "../api";
import { FigureTable } from "./FigureTable";

export function KeyEncryptionKey(props: { refreshed: number; onRewrapped: () => void }) {
  const { api } = useEditor();
  const [keys, setKeys] = React.useState<ProtectionKey[] | null>(null);
  const [error, setError] = React.useState<string | null>(null);
  const [result, setResult] = React.useState<ProtectionRewrapResult | null>(null);
  const [busy, setBusy] = React.useState(false);
  React.useEffect(() => {
    let cancelled = false;
    protectionKeys(api).then(
      (k) => !cancelled && setKeys(k),
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
      </Muted>
      {error && <InlineMessage intent="error">{error}</InlineMessage>}
      {keys && (
        <FigureTable
          name="Keys per key-encryption key"
          table={keysByKek(keys)}
          empty="No keys are kept yet."
        />
      )}
      {keys && keys.length >= KEY_LIST_LIMIT && <Muted>Counted over the newest {KEY_LIST_LIMIT} keys.</Muted>}
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
