/**
 * The schema of a stream: its fields and Arrow types, the buffers each type occupies in a batch, and the
 * Trino type of each field.
 */
package io.bytestream.arrow.schema;
