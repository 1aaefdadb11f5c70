/**
 * Prometheus's HTTP API as the tool reads it: instant queries, the targets and the alerts, on the
 * cluster's Prometheus published on 127.0.0.1. `fetch` is a parameter, so tests drive it with fakes.
 */

export type Fetch = (url: string) => Promise<{ ok: boolean; status: number; json(): Promise<unknown> }>;

export interface Sample {
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

export interface Target {
  readonly job: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly health: 'up' | 'down' | 'unknown';
  readonly lastError: string;
}

export interface FiringAlert {
  readonly name: string;
  readonly severity: string;
  readonly labels: Readonly<Record<string, string>>;
  /** ISO time the alert became active. */
  readonly since: string;
  readonly summary: string;
  readonly state: 'firing' | 'pending';
}

interface Envelope<T> {
  readonly status: 'success' | 'error';
  readonly data?: T;
  readonly error?: string;
}

/** GET `path` of Prometheus at `baseUrl`, its `data` or an error naming the URL and Prometheus's reason. */
export async function apiGet<T>(baseUrl: string, path: string, fetchFn: Fetch = fetch): Promise<T> {
  const url = `${baseUrl}${path}`;
  let res: Awaited<ReturnType<Fetch>>;
  try {
    res = await fetchFn(url);
  } catch (error) {
    throw new Error(`Prometheus at ${baseUrl} does not answer (${error instanceof Error ? error.message : String(error)}): is the cluster up with monitoring on (npm run up -- --monitoring)?`);
  }
  const body = (await res.json().catch(() => ({}))) as Envelope<T>;
  if (!res.ok || body.status !== 'success' || body.data === undefined) {
    throw new Error(`Prometheus ${url} answered HTTP ${res.status}${body.error ? `: ${body.error}` : ''}`);
  }
  return body.data;
}

/** An instant query's vector, each sample's value as a number. */
export async function query(baseUrl: string, promql: string, fetchFn: Fetch = fetch): Promise<Sample[]> {
  const data = await apiGet<{ resultType: string; result: { metric: Record<string, string>; value: [number, string] }[] }>(
    baseUrl,
    `/api/v1/query?query=${encodeURIComponent(promql)}`,
    fetchFn,
  );
  if (data.resultType !== 'vector') throw new Error(`query '${promql}' gave a ${data.resultType}, expected a vector`);
  return data.result.map((r) => ({ labels: r.metric, value: Number(r.value[1]) }));
}

/** The active scrape targets and their health. */
export async function targets(baseUrl: string, fetchFn: Fetch = fetch): Promise<Target[]> {
  const data = await apiGet<{ activeTargets: { labels: Record<string, string>; health: Target['health']; lastError: string; scrapePool: string }[] }>(
    baseUrl,
    '/api/v1/targets?state=active',
    fetchFn,
  );
  return data.activeTargets.map((t) => ({ job: t.labels.job ?? t.scrapePool, labels: t.labels, health: t.health, lastError: t.lastError }));
}

/** The alerts Prometheus holds now, firing and pending. */
export async function alerts(baseUrl: string, fetchFn: Fetch = fetch): Promise<FiringAlert[]> {
  const data = await apiGet<{ alerts: { labels: Record<string, string>; annotations: Record<string, string>; state: string; activeAt: string }[] }>(baseUrl, '/api/v1/alerts', fetchFn);
  return data.alerts
    .filter((a) => a.state === 'firing' || a.state === 'pending')
    .map((a) => {
      const { alertname, severity, ...labels } = a.labels;
      return {
        name: alertname ?? '?',
        severity: severity ?? 'none',
        labels,
        since: a.activeAt,
        summary: a.annotations.summary ?? '',
        state: a.state as FiringAlert['state'],
      };
    })
    .sort((x, y) => x.name.localeCompare(y.name) || JSON.stringify(x.labels).localeCompare(JSON.stringify(y.labels)));
}
