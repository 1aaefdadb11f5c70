import { describe, expect, it } from 'vitest';
import { connectRest, ConnectRestError, connectUpCommand, noAnswerReason, type ConnectFetch } from '../../../../scripts/lib/connect/index.ts';
import { StepError } from '../../../../stacks/model/errors.ts';
import { connectError, FakeConnect, ok, REBALANCING, refused, W1, W2 } from './fake-connect.ts';

describe('connectRest', () => {
  it("GETs the worker's path and gives its JSON, with an accept header and a timeout signal", async () => {
    let seen: Parameters<ConnectFetch>[1] | undefined;
    const fake = new FakeConnect().on('GET', `${W1}/`, ok({ version: '3.9.1', commit: 'f745dfdcee2b9851', kafka_cluster_id: 'abc' }));
    const rest = connectRest(`${W1}/`, {
      fetch: (url, init) => {
        seen = init;
        return fake.fetch(url, init);
      },
    });
    expect(rest.baseUrl).toBe(W1);
    expect(await rest.get('/')).toEqual({ version: '3.9.1', commit: 'f745dfdcee2b9851', kafka_cluster_id: 'abc' });
    expect(fake.calls).toEqual([`GET ${W1}/`]);
    expect(seen?.headers).toEqual({ accept: 'application/json' });
    expect(seen?.signal).toBeInstanceOf(AbortSignal);
  });

  it('gives undefined for an empty answer (202 or 204 to a POST or PUT)', async () => {
    const fake = new FakeConnect().on('PUT', `${W1}/connectors/a/pause`, { status: 202 }).on('POST', `${W1}/connectors/a/restart`, { status: 204 });
    const rest = connectRest(W1, { fetch: fake.fetch });
    expect(await rest.send('PUT', '/connectors/a/pause')).toBeUndefined();
    expect(await rest.send('POST', '/connectors/a/restart')).toBeUndefined();
  });

  it("a 404 is a StepError (exit 1) naming the URL, Connect's message and where to look", async () => {
    const fake = new FakeConnect().on('PUT', `${W1}/connectors/nope/pause`, connectError(404, 'Connector nope not found'));
    const error = await connectRest(W1, { fetch: fake.fetch })
      .send('PUT', '/connectors/nope/pause')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StepError);
    expect(error).toBeInstanceOf(ConnectRestError);
    expect((error as ConnectRestError).exitCode).toBe(1);
    expect((error as ConnectRestError).status).toBe(404);
    expect((error as ConnectRestError).reason).toBe('Connector nope not found');
    expect((error as Error).message).toBe(
      `Connect REST PUT ${W1}/connectors/nope/pause failed: HTTP 404: Connector nope not found\n  try: list the connectors with npm run connect -- status`,
    );
  });

  it('a 409 during a rebalance says so and to try again', async () => {
    const fake = new FakeConnect().on('GET', `${W1}/connectors`, connectError(409, REBALANCING));
    await expect(connectRest(W1, { fetch: fake.fetch, cluster: 'kraft-3' }).get('/connectors')).rejects.toThrow(
      `Connect REST GET ${W1}/connectors failed: HTTP 409: ${REBALANCING}\n  try: the Connect group is rebalancing (a worker joining or leaving, or a config change): wait a few seconds and try again`,
    );
  });

  it("a 500 without JSON shows the answer's first line and the worker's log", async () => {
    const fake = new FakeConnect().on('GET', `${W1}/connectors`, { status: 500, body: '<html>Server Error\n<body>…' });
    await expect(connectRest(W1, { fetch: fake.fetch, cluster: 'dev' }).get('/connectors')).rejects.toThrow(
      `Connect REST GET ${W1}/connectors failed: HTTP 500: <html>Server Error\n  try: the worker's log: docker logs <its container> (npm run connect -- status --cluster dev names the workers)`,
    );
  });

  it('connection refused: the worker is not answering, is Connect on?', async () => {
    const fake = new FakeConnect().on('GET', `${W2}/`, refused(W2));
    const error = (await connectRest(W2, { fetch: fake.fetch })
      .get('/')
      .catch((e: unknown) => e)) as ConnectRestError;
    expect(error.status).toBeUndefined();
    expect(error.message).toBe(
      `Connect REST GET ${W2}/ failed: the worker at ${W2} is not answering: connect ECONNREFUSED 127.0.0.1:18084\n  try: is Connect on? npm run up -- --connect`,
    );
  });

  it('names --cluster in the command that turns Connect on', async () => {
    const fake = new FakeConnect().on('GET', `${W2}/`, refused(W2));
    await expect(connectRest(W2, { fetch: fake.fetch, cluster: 'dev' }).get('/')).rejects.toThrow('try: is Connect on? npm run up -- --cluster dev --connect');
    expect(connectUpCommand()).toBe('npm run up -- --connect');
  });

  it('gives up on a worker that does not answer within the timeout', async () => {
    const hang: ConnectFetch = (_url, init) => new Promise((_resolve, reject) => init.signal.addEventListener('abort', () => reject(init.signal.reason)));
    await expect(connectRest(W1, { fetch: hang, timeoutMs: 20 }).get('/')).rejects.toThrow(
      `Connect REST GET ${W1}/ failed: the worker at ${W1} is not answering: no answer within 0.02s`,
    );
  });
});

describe('noAnswerReason', () => {
  it("is the socket error's message, its code, the timeout, or the error's own message", () => {
    expect(noAnswerReason(refused(W1), 10_000)).toBe('connect ECONNREFUSED 127.0.0.1:18083');
    expect(noAnswerReason(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNRESET' } }), 10_000)).toBe('ECONNRESET');
    expect(noAnswerReason(new DOMException('The operation was aborted due to timeout', 'TimeoutError'), 10_000)).toBe('no answer within 10s');
    expect(noAnswerReason(new Error('socket hang up'), 10_000)).toBe('socket hang up');
  });
});
