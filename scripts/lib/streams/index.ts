/**
 * The streams domain's public surface: Kafka Streams apps kept in the repo (Java in streams/java/),
 * built against a cluster's Kafka version and run in a container of its image on its network
 * (start, stop), and their status (state, store, lag, internal topics). Other domains import only this.
 */
export { DEFAULT_STREAMS_APP, STREAMS_APPS, consumedTopicsOf, expectedInternalTopics, internalTopicsOf, streamsAppNamed, streamsAppSource } from './apps.ts';
export type { StreamsApp } from './apps.ts';
export { STREAMS_SUBCOMMANDS, parseStreamsWords, splitStreamsArgv } from './command.ts';
export type { StreamsSubcommand } from './command.ts';
export {
  STREAMS_DIR,
  STREAMS_HTTP_PORT,
  STREAMS_PATHS,
  STREAMS_ROLE,
  renderStreamsProperties,
  renderStreamsStartScript,
  streamsContainerName,
  streamsCreateArgs,
  streamsFilesTar,
  streamsJavaCommand,
} from './container.ts';
export { ensureStreamsJars, streamsJarsDir, streamsJarsProblem } from './jars.ts';
export { ensureStreamsAppClass, startStreamsApp, stopStreamsApp, waitForRunning } from './run.ts';
export type { StartOptions, StartResult } from './run.ts';
export { fetchAppReport, parseHttpAnswer, renderStreamsStatus, statusRequestCommand, streamsStatus } from './status.ts';
export type { AppReport, StatusDeps, StreamsStatus } from './status.ts';
