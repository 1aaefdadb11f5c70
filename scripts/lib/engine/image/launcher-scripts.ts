/**
 * The text of the image's /opt/kafka/bin: the launcher templates of the recipe filled in for a
 * version (its classes and its logging flavor).
 */
import { RUN_CLASS_LAUNCHER, type ResolvedLauncher } from './launchers.ts';
import { readRecipe } from './recipe.ts';
import { loggingFlavor, type KafkaVersion, type LoggingFlavor } from './versions.ts';

const LOG_FILES: Record<LoggingFlavor, { server: string; tool: string }> = {
  log4j1: { server: 'log4j.properties', tool: 'tools-log4j.properties' },
  log4j2: { server: 'log4j2.xml', tool: 'tools-log4j2.xml' },
};

/** The JVM option that points the logging of a version at a config file in `configDir`. */
export function logConfigOption(flavor: LoggingFlavor, kind: 'server' | 'tool', configDir: string): string {
  const file = `${configDir}/${LOG_FILES[flavor][kind]}`;
  return flavor === 'log4j1' ? `-Dlog4j.configuration=file:${file}` : `-Dlog4j2.configurationFile=${file}`;
}

/** Replaces every @NAME@ in `template`; an unknown or missing name is an error. */
export function renderTemplate(template: string, vars: Readonly<Record<string, string>>): string {
  return template.replace(/@([A-Z][A-Z0-9_]*)@/g, (_, key: string) => {
    const v = vars[key];
    if (v === undefined) throw new Error(`template placeholder @${key}@ has no value`);
    return v;
  });
}

/**
 * The text of every file of /opt/kafka/bin for a version, keyed by file name. Templates are read
 * from scripts/lib/engine/image/recipe/launchers unless given (tests pass them).
 */
export function renderLaunchers(
  version: KafkaVersion,
  launchers: readonly ResolvedLauncher[],
  templates: { runClass: string; server: string; tool: string } = {
    runClass: readRecipe('launchers/kafka-run-class.sh.tmpl'),
    server: readRecipe('launchers/server.sh.tmpl'),
    tool: readRecipe('launchers/tool.sh.tmpl'),
  },
): Map<string, string> {
  const flavor = loggingFlavor(version);
  // Expanded by bash at run time, so the image could be relocated.
  const configDir = '${KAFKA_HOME}/config';
  const files = new Map<string, string>();
  files.set(
    `${RUN_CLASS_LAUNCHER}.sh`,
    renderTemplate(templates.runClass, {
      KAFKA_VERSION: version,
      LOGGING: flavor,
      TOOLS_LOG_OPTS: logConfigOption(flavor, 'tool', configDir),
    }),
  );
  for (const l of launchers) {
    files.set(
      `${l.name}.sh`,
      renderTemplate(l.kind === 'server' ? templates.server : templates.tool, {
        NAME: `${l.name}.sh`,
        CLASS: l.className,
        CANDIDATES: l.candidates.join(', '),
        KAFKA_VERSION: version,
        SERVER_LOG_OPTS: logConfigOption(flavor, 'server', configDir),
      }),
    );
  }
  return files;
}
