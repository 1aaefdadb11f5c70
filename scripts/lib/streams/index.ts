/**
 * The streams domain's public surface: Kafka Streams apps kept in the repo (Java in streams/java/),
 * built against a cluster's Kafka version and run in a container of its image on its network
 * (start, stop), and their status (state, store, lag, internal topics). Other domains import only this.
 */
export {
  DEFAULT_GUARANTEE,
  DEFAULT_STREAMS_APP,
  PROCESSING_GUARANTEES,
  STREAMS_APPS,
  consumedTopicsOf,
  expectedInternalTopics,
  internalTopicsOf,
  parseGuarantee,
  streamsAppNamed,
  streamsAppSource,
} from './apps.ts';
export type { ProcessingGuarantee, StreamsApp } from './apps.ts';
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
export { ensureStreamsAppClass, guaranteeInProperties, launchStreamsApp, runningGuarantee, startStreamsApp, stopStreamsApp, waitForRunning } from './run.ts';
export type { LaunchOptions, StartOptions, StartResult } from './run.ts';
export { fetchAppReport, parseHttpAnswer, renderStreamsStatus, statusRequestCommand, streamsStatus } from './status.ts';
export type { AppReport, StatusDeps, StreamsStatus } from './status.ts';
