/** Parsing `kafka-configs.sh --describe` output for client quotas. */

export interface QuotaEntry {
  /** undefined: not part of the entity; '<default>' for the default entity. */
  readonly user?: string;
  readonly clientId?: string;
  readonly configs: Readonly<Record<string, number>>;
}

/**
 * Lines like `Quota configs for user-principal 'a', client-id 'b' are producer_byte_rate=1048576.0, …`
 * (user only, client only, or both). Other lines (SCRAM credentials) are skipped.
 */
export function parseQuotas(text: string): QuotaEntry[] {
  const out: QuotaEntry[] = [];
  for (const line of text.split('\n')) {
    const m = /^Quota configs for (.+?) are (.*)$/.exec(line.trim());
    if (!m) continue;
    const entity = m[1]!;
    const user = /user-principal '([^']*)'/.exec(entity)?.[1];
    const clientId = /client-id '([^']*)'/.exec(entity)?.[1];
    const configs = Object.fromEntries(
      m[2]!
        .split(',')
        .map((kv) => kv.trim().split('='))
        .filter((kv) => kv.length === 2 && kv[0] !== '')
        .map(([k, v]) => [k!, Number(v)]),
    );
    out.push({ ...(user !== undefined ? { user } : {}), ...(clientId !== undefined ? { clientId } : {}), configs });
  }
  return out;
}
