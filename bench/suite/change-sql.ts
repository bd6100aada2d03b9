/** One change of the benchmarks: a new hostname on a service; returns the database's clock when the row was written. */
export const ADD_HOSTNAME = `INSERT INTO hostnames (hostname, service_id) VALUES ($1, $2)
  RETURNING extract(epoch FROM clock_timestamp()) * 1000 AS written_ms`;
