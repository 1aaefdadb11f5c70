/** Parsing `kafka-dump-log.sh --files …` output: one entry per record batch. */

export interface BatchInfo {
  readonly baseOffset: number;
  readonly lastOffset: number;
  readonly count: number;
  readonly producerId: number;
  readonly producerEpoch: number;
  readonly isTransactional: boolean;
  readonly isControl: boolean;
  /** The batch's codec as the log stores it: none, gzip, snappy, lz4 or zstd. */
  readonly compression: string;
}

/** Every `baseOffset: … producerId: … isControl: …` batch line (record lines, `| offset: …`, are skipped). */
export function parseDumpLog(text: string): BatchInfo[] {
  const out: BatchInfo[] = [];
  for (const line of text.split('\n')) {
    if (!/^\s*baseOffset:/.test(line)) continue;
    const num = (k: string): number => Number(new RegExp(`\\b${k}: (-?\\d+)`).exec(line)?.[1] ?? NaN);
    const bool = (k: string): boolean => new RegExp(`\\b${k}: true`).test(line);
    out.push({
      baseOffset: num('baseOffset'),
      lastOffset: num('lastOffset'),
      count: num('count'),
      producerId: num('producerId'),
      producerEpoch: num('producerEpoch'),
      isTransactional: bool('isTransactional'),
      isControl: bool('isControl'),
      compression: (/\bcompresscodec: (\S+)/i.exec(line)?.[1] ?? 'none').toLowerCase(),
    });
  }
  return out;
}
