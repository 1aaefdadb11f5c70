/**
 * The connect domain's public surface: a cluster's Kafka Connect workers over their REST API
 * (status, restart, pause, resume, and the waits until workers answer and connectors run).
 * Other domains import only this.
 */
export { connectRest, connectUpCommand, ConnectRestError, DEFAULT_TIMEOUT_MS, noAnswerReason } from './rest.ts';
export type { ConnectFetch, ConnectRest, RestOptions } from './rest.ts';
export { connectStatus, connectorsFrom, noWorkerAnswers } from './status.ts';
export type { ConnectDeps, ConnectorStatus, ConnectorType, ConnectStatus, ExpandedConnectors, TaskStatus, WorkerStatus } from './status.ts';
export { renderConnectStatus } from './render-status.ts';
export { plainError } from './trace.ts';
export { onAnyWorker } from './workers.ts';
export { describeState, listConnectors, pauseConnector, restartConnector, resumeConnector, waitForConnectorsRunning, waitForWorkers } from './actions.ts';
export type { RestartOptions, SettleOptions, WaitOptions } from './actions.ts';
export { rollWorkers } from './roll-workers.ts';
export type { RollWorkersDeps, RollWorkersReport, WorkerRestart } from './roll-workers.ts';
export { CONNECT_SUBCOMMANDS, parseConnectWords, splitConnectArgv } from './command.ts';
export type { ConnectArgs, ConnectSubcommand } from './command.ts';
