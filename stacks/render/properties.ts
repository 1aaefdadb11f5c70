/** An ordered list of Kafka config entries (order kept for readable files and stable diffs). */
export type Properties = ReadonlyArray<readonly [key: string, value: string | number | boolean]>;

/** Java properties text: `key=value` lines, with '\', newlines and leading spaces escaped. */
export function renderProperties(props: Properties, header?: string): string {
  const escape = (s: string): string =>
    s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/^ /, '\\ ');
  const lines = props.map(([k, v]) => `${escape(k)}=${escape(String(v))}`);
  return `${header ? `# ${header}\n` : ''}${lines.join('\n')}\n`;
}
