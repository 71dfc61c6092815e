/**
 * One request's audit batch as the writers take it (sqliteWriter.ts's thread, postgresAuditWriter.ts),
 * built by SqlStore.recordAudit: the rows, and what each stored row adds to audit_daily.
 */
export interface AuditWrite {
  /** audit_events rows (auditRows.ts auditRow), one per distinct event id. */
  rows: unknown[][];
  /** Each row's counter key after tenant and group (auditDaily.ts dimensions), same order. */
  dimensions: unknown[][];
  /** The (tenant, group) pairs each stored event is counted under (auditDaily.ts counterPrefixes). */
  prefixes: unknown[][];
}
