import type { RouteTableReader } from '@switchyard/route-table';
import { compileSiteBlob, type SiteRef } from '@switchyard/static-site';

/** Compiled sites kept per thread; past this many the map starts over (it is only a cache). */
const MAX_SITES = 10_000;

interface Entry {
  readonly version: number;
  readonly ref: SiteRef;
}

/**
 * Static-site records of the route table → `SiteRef`s (service id, active build, compiled rules),
 * compiled once per record version and kept per serving thread, keyed by the record's offset. A
 * changed record (new build, new rules) is written at a new offset with a new version, so it is
 * compiled afresh on its first request; `tableSwitched()` drops everything when the thread moves to
 * another table generation (offsets mean nothing there).
 */
export class StaticSites {
  readonly #reader: RouteTableReader;
  readonly #sites = new Map<number, Entry>();

  constructor(reader: RouteTableReader) {
    this.#reader = reader;
  }

  /** The site for a static record of the current table. */
  ref(record: number): SiteRef {
    const reader = this.#reader;
    const version = reader.version(record);
    const entry = this.#sites.get(record);
    if (entry !== undefined && entry.version === version) return entry.ref;
    const ref: SiteRef = {
      serviceId: reader.serviceId(record),
      buildId: reader.activeBuildId(record),
      site: compileSiteBlob(reader.blob(record)),
    };
    if (this.#sites.size >= MAX_SITES) this.#sites.clear();
    this.#sites.set(record, { version, ref });
    return ref;
  }

  tableSwitched(): void {
    this.#sites.clear();
  }
}
