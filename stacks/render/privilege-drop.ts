import { SECRETS_RUNTIME_DIR, SECRETS_UPLOAD_DIR } from './secret-files.ts';

/** The image's unprivileged user (uid and gid 1000), who runs every JVM. */
export const KAFKA_UID = 1000;

/**
 * Shell lines that start a script as root, copy the uploaded secrets (root-only) to a runtime
 * folder owned by the kafka user, then re-run the same script as that user. Nothing after
 * these lines runs as root.
 */
export function privilegeDropLines(): string[] {
  return [
    'if [ "$(id -u)" = 0 ]; then',
    `  install -d -o ${KAFKA_UID} -g ${KAFKA_UID} -m 0700 ${SECRETS_RUNTIME_DIR}`,
    `  for f in ${SECRETS_UPLOAD_DIR}/*; do`,
    `    [ -f "$f" ] && install -o ${KAFKA_UID} -g ${KAFKA_UID} -m 0600 "$f" ${SECRETS_RUNTIME_DIR}/`,
    '  done',
    `  exec setpriv --reuid=${KAFKA_UID} --regid=${KAFKA_UID} --clear-groups -- bash "$0" "$@"`,
    'fi',
  ];
}
