/**
 * The column readers: the fields of a batch body into Trino blocks of the table's types, matched by name.
 */
package io.bytestream.arrow.column;
