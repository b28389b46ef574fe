/**
 * Decodes Arrow IPC streams into Trino blocks. This package is the public API, on top of the internal
 * packages: {@code column} (column readers) over {@code body} (batch bodies) over {@code schema} over
 * {@code message} (stream framing), with {@code compression} and {@code format} (the internal errors) at
 * the bottom. Each uses only packages below it.
 */
package io.bytestream.arrow;
